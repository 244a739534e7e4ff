"""The form that marks an occurrence (phone first: big choices, a camera photo input)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _gettext
from django.utils.translation import gettext_lazy as _

from hailong.campaigns.channels import channel_get
from hailong.campaigns.models import OccurrenceStatus
from hailong.campaigns.recurrence import LOCAL
from hailong.core.forms import DateInput

if TYPE_CHECKING:
    from hailong.campaigns.models import Occurrence


class PhotoInput(forms.ClearableFileInput):
    """``<input type=file multiple accept="image/*" capture="environment">``: the phone's camera."""

    allow_multiple_selected = True
    template_name = "django/forms/widgets/file.html"


class PhotosField(forms.FileField):
    """Several files in one field; each is checked by the service (content, size)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault(
            "widget",
            PhotoInput(attrs={"accept": "image/*", "capture": "environment"}),
        )
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile[bytes]]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


MARK_CHOICES = [
    (OccurrenceStatus.DONE.value, _("Đã thực hiện")),
    (OccurrenceStatus.MISSED.value, _("Không thực hiện được")),
    (OccurrenceStatus.RESCHEDULED.value, _("Dời sang ngày, giờ khác")),
]


class MarkForm(forms.Form):
    status = forms.ChoiceField(label=_("Kết quả"), choices=MARK_CHOICES, widget=forms.RadioSelect)
    photos = PhotosField(label=_("Ảnh minh chứng"), help_text=_("Chụp hoặc chọn ảnh (tối đa 6)."))
    link = forms.CharField(
        label=_("Đường dẫn bài đăng"),
        max_length=500,
        required=False,
        widget=forms.URLInput(attrs={"inputmode": "url", "placeholder": "https://"}),
    )
    audio = forms.FileField(
        label=_("Tệp âm thanh đã phát"),
        required=False,
        widget=forms.FileInput(attrs={"accept": "audio/*"}),
    )
    reason = forms.CharField(
        label=_("Lý do không thực hiện"),
        max_length=300,
        required=False,
        help_text=_("Bắt buộc khi không thực hiện được, ví dụ: Mất điện."),
    )
    new_date = forms.DateField(label=_("Ngày mới"), widget=DateInput(), required=False)
    new_time = forms.TimeField(
        label=_("Giờ mới"),
        required=False,
        widget=forms.TimeInput(
            attrs={"placeholder": "HH:MM", "inputmode": "numeric"}, format="%H:%M"
        ),
    )
    note = forms.CharField(
        label=_("Ghi chú"), max_length=2000, required=False, widget=forms.Textarea({"rows": 2})
    )

    def __init__(self, *args: Any, occurrence: Occurrence, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        channel = channel_get(occurrence.channel)
        self.outcome_names = []
        for spec in channel.outcome_fields if channel else ():
            self.fields[spec.name] = forms.IntegerField(
                label=spec.label, min_value=0, max_value=spec.maximum, required=False
            )
            self.outcome_names.append(spec.name)

    def outcome_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.outcome_names]

    def clean(self) -> dict[str, Any] | None:
        data = super().clean() or {}
        moving = data.get("status") == OccurrenceStatus.RESCHEDULED
        if moving and not (data.get("new_date") and data.get("new_time")):
            raise forms.ValidationError(_gettext("Hãy chọn ngày và giờ mới."))
        return data

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        moved = None
        if data.get("new_date") and data.get("new_time"):
            moved = dt.datetime.combine(data["new_date"], data["new_time"], tzinfo=LOCAL)
        return {
            "status": data["status"],
            "note": data.get("note") or "",
            "reason": data.get("reason") or "",
            "outcome": {name: data.get(name) for name in self.outcome_names},
            "photos": data.get("photos") or [],
            "link": data.get("link") or "",
            "audio": data.get("audio"),
            "rescheduled_to": moved.astimezone(dt.UTC) if moved else None,
        }
