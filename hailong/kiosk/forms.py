"""Forms of the kiosk's staff pages: a tablet's settings, and a leader's decision."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy

from hailong.kiosk.hours import day_names
from hailong.kiosk.models import DEFAULT_IDLE_SECONDS, ReviewDecision


class TimeInput(forms.TimeInput):
    """A 24-hour ``HH:MM`` text box (native pickers show AM/PM in some locales)."""

    def __init__(self) -> None:
        attrs = {"placeholder": "HH:MM", "inputmode": "numeric", "autocomplete": "off"}
        super().__init__(attrs=attrs, format="%H:%M")


def _day_choices() -> list[tuple[int, str]]:
    return list(enumerate(day_names()))


class KioskForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Tên máy"),
        max_length=120,
        help_text=gettext_lazy("Ví dụ: Máy tính bảng quầy một cửa số 1"),
    )
    idle_reset_seconds = forms.IntegerField(
        label=gettext_lazy("Tự quay về màn hình đầu sau (giây không thao tác)"),
        initial=DEFAULT_IDLE_SECONDS,
        min_value=10,
        max_value=1800,
    )
    opens_at = forms.TimeField(
        label=gettext_lazy("Giờ bắt đầu nhận ý kiến"), widget=TimeInput(), input_formats=["%H:%M"]
    )
    closes_at = forms.TimeField(
        label=gettext_lazy("Giờ kết thúc"), widget=TimeInput(), input_formats=["%H:%M"]
    )
    weekdays = forms.TypedMultipleChoiceField(
        label=gettext_lazy("Ngày làm việc"),
        choices=_day_choices,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
    )
    active = forms.BooleanField(label=gettext_lazy("Đang dùng"), required=False, initial=True)


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(choices=ReviewDecision.choices)
    note = forms.CharField(max_length=500, required=False)
