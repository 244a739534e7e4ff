"""Forms of the response pages: the optional contact request, and staff's new source."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hailong.responses.models import SourceKind
from hailong.surveys.models import SurveyWave
from hailong.units.models import AdministrativeUnit, MassOrganisation, UnitLevel

PHONE = re.compile(r"^\+?[0-9][0-9 .\-]{7,18}$")


class ContactForm(forms.Form):
    """Everything optional; once anything is given, a phone or e-mail and consent are needed."""

    name = forms.CharField(label=gettext_lazy("Họ và tên"), max_length=120, required=False)
    phone = forms.CharField(label=gettext_lazy("Số điện thoại"), max_length=20, required=False)
    email = forms.EmailField(label=gettext_lazy("Thư điện tử"), max_length=200, required=False)
    message = forms.CharField(
        label=gettext_lazy("Nội dung Ông/Bà muốn trao đổi"),
        max_length=1000,
        required=False,
        widget=forms.Textarea,
    )
    consent = forms.BooleanField(label=gettext_lazy("Đồng ý được liên hệ"), required=False)

    def clean_phone(self) -> str:
        phone = str(self.cleaned_data.get("phone", "")).strip()
        if phone and not PHONE.match(phone):
            raise forms.ValidationError(_("Số điện thoại chưa đúng, ví dụ: 0912 345 678."))
        return phone

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        given = any(data.get(f) for f in ("name", "phone", "email", "message"))
        if not given:
            return data
        if not (data.get("phone") or data.get("email")) and not self.has_error("phone"):
            self.add_error(
                "phone", _("Xin cho biết số điện thoại hoặc thư điện tử để chúng tôi liên hệ.")
            )
        if not data.get("consent"):
            self.add_error("consent", _("Xin đánh dấu ô đồng ý nếu Ông/Bà muốn được liên hệ lại."))
        return data

    @property
    def wants_contact(self) -> bool:
        data = self.cleaned_data
        return bool(data.get("consent") and (data.get("phone") or data.get("email")))


class SourceForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Loại nguồn"), choices=SourceKind.choices)
    label = forms.CharField(
        label=gettext_lazy("Tên nguồn"),
        max_length=200,
        help_text=gettext_lazy(
            "Ví dụ: Nhóm Zalo Tổ dân phố số 5; Tờ rơi phát tại hội nghị cử tri."
        ),
    )
    residential_group = forms.ModelChoiceField(
        label=gettext_lazy("Tổ dân phố (nếu có)"),
        queryset=AdministrativeUnit.objects.none(),
        required=False,
    )
    mass_organisation = forms.ModelChoiceField(
        label=gettext_lazy("Đoàn thể (nếu có)"),
        queryset=MassOrganisation.objects.none(),
        required=False,
    )

    def __init__(self, *args: Any, wave: SurveyWave, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        groups = AdministrativeUnit.objects.filter(parent=wave.unit_id, level=UnitLevel.HAMLET)
        field = self.fields["residential_group"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = groups.order_by("name")
        orgs = self.fields["mass_organisation"]
        assert isinstance(orgs, forms.ModelChoiceField)
        orgs.queryset = MassOrganisation.objects.filter(unit=wave.unit_id).order_by("name")
