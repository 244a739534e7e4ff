"""Shapes of the staff forms (the rules are in ``services``)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class PublishForm(forms.Form):
    pham_vi = forms.CharField(max_length=40, widget=forms.HiddenInput)
    ly_do = forms.CharField(
        label=_("Lý do đính chính (bắt buộc khi công bố lại)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class SelectForm(forms.Form):
    response = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    item = forms.CharField(max_length=40, widget=forms.HiddenInput)


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("Nội dung đã biên tập (bỏ tên người, số điện thoại, địa chỉ, lời lẽ xúc phạm)"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    included = forms.BooleanField(label=_("Đưa vào bản công bố"), required=False)
