"""Forms for methods and waves: they check shape; ``services`` checks the rules."""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext as _gettext
from django.utils.translation import gettext_lazy as _

from hailong.core.forms import DateInput
from hailong.surveys.models import (
    MethodVersion,
    RespondentType,
    VersionStatus,
    WaveChannel,
    WaveStatus,
)
from hailong.units.models import AdministrativeUnit

MAX_DEFINITION_CHARS = 1_000_000


class CopyForm(forms.Form):
    unit = forms.ModelChoiceField(
        label=_("Sao chép về đơn vị"), queryset=AdministrativeUnit.objects.none()
    )

    def __init__(self, *args: Any, units: QuerySet[AdministrativeUnit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]


class DefinitionForm(forms.Form):
    definition = forms.CharField(
        label=_("Nội dung phương pháp (JSON)"),
        max_length=MAX_DEFINITION_CHARS,
        strip=False,
        widget=forms.Textarea(attrs={"class": "json", "spellcheck": "false", "rows": 30}),
        help_text=_("Sửa câu hỏi, thang đo, yếu tố và tham số tính; lưu thành bản nháp."),
    )
    note = forms.CharField(label=_("Ghi chú thay đổi"), max_length=300, required=False)

    def clean_definition(self) -> Any:
        text = self.cleaned_data["definition"]
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise forms.ValidationError(
                _gettext("JSON không hợp lệ ở dòng %(line)d, cột %(col)d: %(msg)s")
                % {"line": exc.lineno, "col": exc.colno, "msg": exc.msg}
            ) from exc
        if not isinstance(data, dict):
            raise forms.ValidationError(_gettext("Nội dung phải là một đối tượng JSON {…}."))
        return data


class VersionChoiceField(forms.ModelChoiceField[MethodVersion]):
    def label_from_instance(self, obj: MethodVersion) -> str:
        owner = obj.method.owner.name if obj.method.owner else _gettext("dựng sẵn")
        status = "" if obj.status == VersionStatus.PUBLISHED else f" · {obj.get_status_display()}"
        return f"{obj.method.name} — {obj.method.code} v{obj.number} ({owner}){status}"


class WaveForm(forms.Form):
    name = forms.CharField(
        label=_("Tên đợt"),
        max_length=200,
        help_text=_("Ví dụ: Khảo sát sự hài lòng năm 2026."),
    )
    method_version = VersionChoiceField(
        label=_("Phương pháp (phiên bản đã ban hành)"), queryset=MethodVersion.objects.none()
    )
    opens_on = forms.DateField(label=_("Từ ngày"), widget=DateInput())
    closes_on = forms.DateField(label=_("Đến ngày"), widget=DateInput())
    respondent_types = forms.MultipleChoiceField(
        label=_("Đối tượng khảo sát"),
        choices=RespondentType.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    target_sample = forms.IntegerField(
        label=_("Số phiếu cần thu"), min_value=1, max_value=1_000_000
    )
    channels = forms.MultipleChoiceField(
        label=_("Kênh thu thập"), choices=WaveChannel.choices, widget=forms.CheckboxSelectMultiple
    )
    status = forms.ChoiceField(label=_("Trạng thái"), choices=WaveStatus.choices)

    def __init__(self, *args: Any, versions: QuerySet[MethodVersion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["method_version"].queryset = versions  # type: ignore[attr-defined]
