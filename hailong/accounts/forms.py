from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from hailong.accounts.roles import Role


class StaffAccountForm(forms.Form):
    full_name = forms.CharField(label=_("Họ và tên"), max_length=120)
    username = forms.RegexField(
        label=_("Tên đăng nhập"),
        max_length=150,
        regex=r"^[A-Za-z0-9_.@+-]+$",
        error_messages={"invalid": _("Chỉ dùng chữ không dấu, số và các ký tự . _ @ + -")},
    )
    email = forms.EmailField(label=_("Thư điện tử"), max_length=254, required=False)
    phone = forms.CharField(label=_("Điện thoại"), max_length=40, required=False)
    role = forms.ChoiceField(label=_("Vai trò"), choices=Role.choices)
    password = forms.CharField(
        label=_("Mật khẩu ban đầu"),
        widget=forms.PasswordInput(render_value=False),
        max_length=128,
        help_text=_("Ít nhất 8 ký tự, không quá dễ đoán."),
    )


class RoleForm(forms.Form):
    username = forms.CharField(label=_("Tên đăng nhập của tài khoản đã có"), max_length=150)
    role = forms.ChoiceField(label=_("Vai trò"), choices=Role.choices)
