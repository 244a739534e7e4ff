"""Staff forms of the public site. They check shape; the services check the rules."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hailong.campaigns.forms.execution import PhotosField
from hailong.core.forms import DateInput
from hailong.portal.models import Album, Article, ArticleCategory, ArticleStatus


class ArticleForm(forms.Form):
    title = forms.CharField(label=_("Tiêu đề"), max_length=250)
    summary = forms.CharField(
        label=_("Tóm tắt"),
        max_length=600,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Hiện trong danh sách tin và khi chia sẻ lên Zalo, Facebook."),
    )
    body_html = forms.CharField(
        label=_("Nội dung"),
        required=False,
        max_length=200_000,
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text=_(
            "Có thể dùng các thẻ HTML cơ bản: <p>, <h2>, <strong>, <em>, <ul>, <ol>, <li>, <a>, "
            "<blockquote>, <table>. Mã lệnh, kiểu trình bày và ảnh từ trang khác bị loại bỏ "
            "khi lưu."
        ),
    )
    category = forms.ChoiceField(label=_("Chuyên mục"), choices=ArticleCategory.choices)
    status = forms.ChoiceField(
        label=_("Trạng thái"), choices=ArticleStatus.choices, widget=forms.RadioSelect
    )
    publish_date = forms.DateField(
        label=_("Ngày đăng"),
        required=False,
        widget=DateInput(),
        help_text=_("Để trống để đăng ngay. Một ngày trong tương lai: tin tự hiện vào ngày đó."),
    )
    publish_time = forms.TimeField(
        label=_("Giờ đăng"),
        required=False,
        widget=forms.TimeInput(format="%H:%M", attrs={"placeholder": "hh:mm"}),
    )
    author_unit = forms.CharField(
        label=_("Đơn vị, tác giả"),
        max_length=200,
        required=False,
        help_text=_("Ví dụ: Bộ phận Văn hóa – Thông tin phường."),
    )
    image = forms.FileField(
        label=_("Ảnh đại diện"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/*"}),
        help_text=_("JPEG, PNG hoặc WebP, tối đa 10 MB. Thông tin vị trí trong ảnh bị xóa."),
    )

    @staticmethod
    def initial_for(article: Article) -> dict[str, Any]:
        local = timezone.localtime(article.publish_at) if article.publish_at else None
        return {
            "title": article.title,
            "summary": article.summary,
            "body_html": article.body_html,
            "category": article.category,
            "status": article.status,
            "publish_date": local.date() if local else None,
            "publish_time": local.time().replace(second=0, microsecond=0) if local else None,
            "author_unit": article.author_unit,
        }

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        publish_at = None
        if data.get("publish_date"):
            time = data.get("publish_time") or dt.time(7, 0)
            naive = dt.datetime.combine(data["publish_date"], time)
            publish_at = timezone.make_aware(naive, timezone.get_default_timezone())
        return {
            "title": data["title"],
            "summary": data["summary"],
            "body_html": data.get("body_html") or "",
            "category": data["category"],
            "status": data["status"],
            "publish_at": publish_at,
            "author_unit": data.get("author_unit") or "",
            "image": data.get("image"),
        }


class ArticleImageForm(forms.Form):
    image = forms.FileField(
        label=_("Ảnh"), widget=forms.ClearableFileInput(attrs={"accept": "image/*"})
    )
    caption = forms.CharField(label=_("Chú thích ảnh"), max_length=300, required=False)


class AlbumForm(forms.Form):
    title = forms.CharField(label=_("Tên album"), max_length=200)
    description = forms.CharField(
        label=_("Mô tả"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    taken_on = forms.DateField(label=_("Ngày chụp"), required=False, widget=DateInput())
    published = forms.BooleanField(label=_("Hiển thị công khai"), required=False, initial=True)

    @staticmethod
    def initial_for(album: Album) -> dict[str, Any]:
        return {
            "title": album.title,
            "description": album.description,
            "taken_on": album.taken_on,
            "published": album.published,
        }


class PhotoUploadForm(forms.Form):
    photos = PhotosField(
        label=_("Ảnh"), help_text=_("Chọn một hoặc nhiều ảnh (tối đa 20 ảnh, mỗi ảnh 10 MB).")
    )
    caption = forms.CharField(label=_("Chú thích chung"), max_length=300, required=False)


class PhotoForm(forms.Form):
    caption = forms.CharField(label=_("Chú thích"), max_length=300, required=False)
    position = forms.IntegerField(label=_("Thứ tự"), min_value=0, max_value=10_000, required=False)
