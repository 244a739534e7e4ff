"""The staff form that creates an API token."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.utils.translation import gettext_lazy as _

from hailong.accounts.roles import Perm
from hailong.api.models import TOKEN_PERMS, perm_labels
from hailong.core.forms import DateInput

LOCAL_TZ = ZoneInfo("Asia/Ho_Chi_Minh")


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Tên (hệ thống nào dùng mã này)"),
        max_length=120,
        help_text=_("Ví dụ: Hệ thống một cửa điện tử, ki-ốt tầng 1."),
    )
    permissions = forms.MultipleChoiceField(
        label=_("Quyền"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Mã truy cập luôn được xem thông tin đơn vị và đợt khảo sát trong phạm vi."),
    )
    expires_on = forms.DateField(
        label=_("Hết hạn sau ngày"),
        required=False,
        widget=DateInput(),
        input_formats=["%d/%m/%Y"],
        help_text=_("Để trống nếu không hết hạn (vẫn thu hồi được bất cứ lúc nào)."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        labels = perm_labels()
        field = self.fields["permissions"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = [(p.value, labels[p]) for p in TOKEN_PERMS if p is not Perm.VIEW_UNITS]

    def service_arguments(self) -> dict[str, Any]:
        """What ``token_create`` takes: the expiry is the end of the chosen day, local time."""
        data = self.cleaned_data
        day: dt.date | None = data.get("expires_on")
        expires_at = None
        if day is not None:
            expires_at = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), LOCAL_TZ)
        return {"name": data["name"], "permissions": data["permissions"], "expires_at": expires_at}
