"""Forms of the sampling pages: they check shape; ``services`` checks the rules."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext as _gettext
from django.utils.translation import gettext_lazy as _

from hailong.accounts.models import User
from hailong.core.forms import DateInput
from hailong.sampling.calls import RULES
from hailong.sampling.models import CallOutcome, FrameKind

MARGINS = ["0.02", "0.03", "0.04", "0.05", "0.07", "0.10"]


class DrawForm(forms.Form):
    frame = forms.ChoiceField(label=_("Khung mẫu"), choices=FrameKind.choices)
    period_start = forms.DateField(
        label=_("Hồ sơ trả kết quả từ ngày"),
        required=False,
        widget=DateInput(),
        help_text=_("Chỉ dùng cho khung mẫu theo hồ sơ."),
    )
    period_end = forms.DateField(label=_("đến ngày"), required=False, widget=DateInput())
    margin = forms.ChoiceField(
        label=_("Sai số e"),
        choices=[(m, m.replace(".", ",")) for m in MARGINS],
        initial="0.05",
        help_text=_("Phương pháp quy định e = 0,05."),
    )
    sample_size = forms.IntegerField(
        label=_("Số thư mời"),
        required=False,
        min_value=1,
        help_text=_(
            "Để trống để lấy đúng cỡ mẫu Slovin; có thể ghi nhiều hơn để bù người không trả lời."
        ),
    )
    minimum = forms.IntegerField(
        label=_("Tối thiểu mỗi tầng"),
        min_value=0,
        max_value=50,
        initial=0,
        help_text=_("0 = phân bổ đúng tỷ lệ (mẫu tự gia quyền)."),
    )
    seed = forms.IntegerField(
        label=_("Hạt giống ngẫu nhiên"),
        required=False,
        min_value=0,
        max_value=2**63 - 1,
        help_text=_("Để trống để hệ thống chọn; ghi lại hạt giống cũ để rút lại đúng mẫu đó."),
    )
    max_attempts = forms.IntegerField(
        label=_("Số lần gọi điện tối đa mỗi người"), min_value=1, max_value=20, initial=5
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("period_start"), data.get("period_end")
        data["period"] = (start, end) if start and end else None
        if "margin" in data:
            data["margin"] = Decimal(data["margin"])
        return data

    def service_args(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "frame": data["frame"],
            "period": data["period"],
            "margin": data["margin"],
            "sample_size": data.get("sample_size"),
            "minimum": data.get("minimum") or 0,
            "seed": data.get("seed"),
            "max_attempts": data["max_attempts"],
        }


class AssignForm(forms.Form):
    interviewers = forms.ModelMultipleChoiceField(
        label=_("Người gọi"),
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    only_unassigned = forms.BooleanField(
        label=_("Chỉ chia những người chưa có người gọi"), required=False, initial=True
    )

    def __init__(self, *args: Any, interviewers: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["interviewers"].queryset = interviewers  # type: ignore[attr-defined]
        self.fields["interviewers"].label_from_instance = (  # type: ignore[attr-defined]
            lambda u: u.full_name or u.username
        )


OUTCOME_CHOICES = [(c, label) for c, label in CallOutcome.choices if not RULES[c].needs_interview]


class CallOutcomeForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Kết quả cuộc gọi"), choices=OUTCOME_CHOICES, widget=forms.RadioSelect
    )
    call_back_at = forms.DateTimeField(
        label=_("Hẹn gọi lại lúc"),
        required=False,
        widget=forms.DateTimeInput(
            format="%d/%m/%Y %H:%M",
            attrs={"placeholder": "dd/mm/yyyy hh:mm", "autocomplete": "off"},
        ),
        help_text=_("Ví dụ: 25/10/2026 19:30 (giờ Việt Nam)."),
    )
    note = forms.CharField(
        label=_("Ghi chú (không ghi thông tin cá nhân)"), max_length=200, required=False
    )

    def clean_call_back_at(self) -> dt.datetime | None:
        value: dt.datetime | None = self.cleaned_data.get("call_back_at")
        if self.data.get("outcome") == CallOutcome.CALL_BACK and value is None:
            raise forms.ValidationError(_gettext("Hãy ghi thời điểm hẹn gọi lại."))
        return value
