"""Forms of the dossier pages: they check shape; services check the rules."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hailong.core.forms import DateInput
from hailong.dossiers.imports import TARGETS, column_letter, mapping_missing
from hailong.dossiers.models import (
    REASON_MAX_LENGTH,
    ProcedureField,
    RatingChannel,
    RatingLevel,
)
from hailong.dossiers.values import CODE_MAX_LENGTH


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Mã hồ sơ"),
        max_length=CODE_MAX_LENGTH + 20,
        help_text=_(
            "In trên giấy tiếp nhận hồ sơ và hẹn trả kết quả, ví dụ: 000.00.06.H26-230105-0001."
        ),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
        error_messages={"required": _("Xin ông/bà nhập mã hồ sơ.")},
    )


class RatingForm(forms.Form):
    level = forms.ChoiceField(
        label=_("Ông/bà có hài lòng với việc giải quyết hồ sơ này không?"),
        choices=RatingLevel.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Xin ông/bà chọn một mức độ hài lòng."),
            "invalid_choice": _("Xin ông/bà chọn một mức độ hài lòng."),
        },
    )
    reason = forms.CharField(
        label=_("Lý do (bắt buộc nếu chưa hài lòng)"),
        required=False,
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    channel = forms.ChoiceField(
        choices=[(RatingChannel.WEB, "web"), (RatingChannel.QR, "qr")],
        required=False,
        widget=forms.HiddenInput,
    )

    def clean_channel(self) -> str:
        value: str = self.cleaned_data.get("channel") or RatingChannel.QR
        return value


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp danh sách hồ sơ (.xlsx hoặc .csv)"),
        help_text=_(
            "Tệp xuất từ phần mềm một cửa: mỗi dòng một hồ sơ, có dòng tiêu đề. "
            "Nhập lại cùng tệp không tạo hồ sơ trùng: hồ sơ cùng mã được cập nhật."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv,.txt"}),
    )


class MappingForm(forms.Form):
    """One select per field of ours, listing the file's columns."""

    def __init__(self, *args: Any, header: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", _("— Không có trong tệp —"))] + [
            (str(i), f"{column_letter(i)} · {name}") for i, name in enumerate(header)
        ]
        for target in TARGETS:
            self.fields[target.key] = forms.TypedChoiceField(
                label=str(target.label),
                choices=choices,
                required=False,
                coerce=int,
                empty_value=None,
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        mapping = self.mapping()
        used: dict[int, str] = {}
        for key, column in mapping.items():
            if column in used:
                self.add_error(
                    key, _("Cột này đã được chọn cho «%(other)s».") % {"other": used[column]}
                )
            used[column] = str(self.fields[key].label)
        missing = mapping_missing(mapping)
        if missing:
            raise forms.ValidationError(
                _("Hãy chọn cột cho: %(fields)s.") % {"fields": ", ".join(missing)}
            )
        return data

    def mapping(self) -> dict[str, int]:
        data = getattr(self, "cleaned_data", {})
        return {t.key: data[t.key] for t in TARGETS if data.get(t.key) is not None}


class DossierFilterForm(forms.Form):
    returned_from = forms.DateField(label=_("Trả từ ngày"), required=False, widget=DateInput())
    returned_to = forms.DateField(label=_("đến ngày"), required=False, widget=DateInput())
    field = forms.ModelChoiceField(
        label=_("Lĩnh vực"),
        queryset=ProcedureField.objects.all(),
        required=False,
        empty_label=_("Tất cả"),
    )
    timeliness = forms.ChoiceField(
        label=_("Tiến độ"),
        required=False,
        choices=[
            ("", _("Tất cả")),
            ("dung_han", _("Đúng hạn")),
            ("tre_han", _("Trễ hạn")),
            ("chua_tra", _("Chưa trả kết quả")),
        ],
    )
    rated = forms.ChoiceField(
        label=_("Đánh giá"),
        required=False,
        choices=[("", _("Tất cả")), ("co", _("Đã đánh giá")), ("chua", _("Chưa đánh giá"))],
    )
    code = forms.CharField(label=_("Mã hồ sơ"), required=False, max_length=80)

    def period(self) -> tuple[dt.date | None, dt.date | None]:
        data = getattr(self, "cleaned_data", {})
        return data.get("returned_from"), data.get("returned_to")


class ProcedureFilterForm(forms.Form):
    q = forms.CharField(label=_("Tìm theo tên hoặc mã"), required=False, max_length=100)
    field = forms.ModelChoiceField(
        label=_("Lĩnh vực"),
        queryset=ProcedureField.objects.all(),
        required=False,
        empty_label=_("Tất cả"),
    )
