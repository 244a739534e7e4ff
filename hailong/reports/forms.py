"""The form that starts a report: which kind, which format (the service checks the pair)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hailong.reports.kinds import kinds_for
from hailong.reports.models import ReportFormat
from hailong.units.models import AdministrativeUnit


class ReportStartForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại báo cáo"))
    output_format = forms.ChoiceField(label=_("Định dạng"), choices=ReportFormat.choices)

    def __init__(self, *args: Any, unit: AdministrativeUnit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["kind"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(kind.key, kind.label) for kind in kinds_for(unit)]
