"""Forms of the paper pages: a new batch, the wave's quota, closing a batch. They check shape
only; the rules (ranges, quota, who may key) live in ``hailong.paper.services``. The entry sheet
itself is not a Django form: its fields come from the method version (``hailong.paper.keying``)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hailong.core.forms import DateInput
from hailong.core.text import vi_sort_key
from hailong.surveys.models import SurveyWave
from hailong.units.models import AdministrativeUnit, Officer, UnitLevel

MAX_FORMS = 100_000


class BatchForm(forms.Form):
    collected_on = forms.DateField(label=_("Ngày thu phiếu"), widget=DateInput())
    declared_count = forms.IntegerField(
        label=_("Số phiếu thu về"), min_value=1, max_value=MAX_FORMS
    )
    collector_officer = forms.ModelChoiceField(
        label=_("Cán bộ thu phiếu"),
        queryset=Officer.objects.none(),
        required=False,
        empty_label=_("— không phải cán bộ phường —"),
    )
    collector_name = forms.CharField(
        label=_("hoặc tên người thu phiếu"),
        max_length=120,
        required=False,
        help_text=_("Ví dụ: Ông Trần Văn Tâm, tổ trưởng Tổ dân phố số 9."),
    )
    residential_group = forms.ModelChoiceField(
        label=_("Tổ dân phố"), queryset=AdministrativeUnit.objects.none(), required=False
    )
    place = forms.CharField(
        label=_("Địa điểm"),
        max_length=200,
        required=False,
        help_text=_("Ví dụ: Nhà văn hóa tổ dân phố, hội nghị cử tri."),
    )
    first_number = forms.IntegerField(
        label=_("Từ phiếu số"),
        min_value=1,
        max_value=MAX_FORMS,
        required=False,
        help_text=_("Để trống: tiếp theo số lớn nhất đã giao."),
    )
    last_number = forms.IntegerField(
        label=_("Đến phiếu số"),
        min_value=1,
        max_value=MAX_FORMS,
        required=False,
        help_text=_("Để trống: đủ cho số phiếu thu về."),
    )
    double_entry = forms.BooleanField(
        label=_("Nhập hai lần (lần 2 do cán bộ khác nhập, rồi đối chiếu)"), required=False
    )

    def __init__(self, *args: Any, wave: SurveyWave, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        officers = self.fields["collector_officer"]
        assert isinstance(officers, forms.ModelChoiceField)
        officers.queryset = Officer.objects.filter(unit=wave.unit_id, active=True).order_by(
            "full_name"
        )
        groups = self.fields["residential_group"]
        assert isinstance(groups, forms.ModelChoiceField)
        rows = AdministrativeUnit.objects.filter(parent=wave.unit_id, level=UnitLevel.HAMLET)
        ordered = sorted(rows, key=lambda u: vi_sort_key(u.name))
        groups.queryset = rows
        groups.choices = [
            ("", _("— không thu theo tổ dân phố —")),
            *((u.pk, u.name) for u in ordered),
        ]
        for name in ("declared_count", "first_number", "last_number"):
            self.fields[name].widget.attrs.update(inputmode="numeric")


class QuotaForm(forms.Form):
    cap = forms.IntegerField(label=_("Số phiếu giấy tối đa"), min_value=1, max_value=MAX_FORMS)


class CloseForm(forms.Form):
    reason = forms.CharField(
        label=_("Giải trình nếu số phiếu chưa khớp"),
        max_length=300,
        required=False,
        help_text=_("Ví dụ: 2 phiếu hỏng, không nhập được."),
    )


class EditNoteForm(forms.Form):
    note = forms.CharField(label=_("Lý do sửa"), max_length=300, required=False)
