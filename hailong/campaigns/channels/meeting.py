"""Hội nghị: an item on the agenda of a meeting (of a mass organisation or a residential group)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hailong.campaigns.channels.base import Channel, OutcomeField, Target, optional_id
from hailong.campaigns.wards import group_ids
from hailong.core.errors import ServiceError
from hailong.core.text import clean_line
from hailong.units.models import AdministrativeUnit, MassOrganisation, UnitLevel

if TYPE_CHECKING:
    from hailong.campaigns.models import CampaignActivity, CampaignPlan

MAX_ATTENDANCE = 10_000


class Meeting(Channel):
    key = "meeting"
    label = gettext_lazy("Lồng ghép trong hội nghị")
    count_word = gettext_lazy("hội nghị")
    default_title = gettext_lazy("Lồng ghép tuyên truyền trong hội nghị")
    coverage = "meetings"
    outcome_fields = (OutcomeField("attendance", gettext_lazy("Số người dự"), MAX_ATTENDANCE),)

    def form_fields(self, plan: CampaignPlan) -> dict[str, forms.Field]:
        groups = AdministrativeUnit.objects.filter(parent=plan.unit, level=UnitLevel.HAMLET)
        return {
            "meeting": forms.CharField(label=_("Hội nghị"), max_length=200),
            "organisation": forms.ModelChoiceField(
                label=_("Của đoàn thể"),
                queryset=MassOrganisation.objects.filter(unit=plan.unit),
                required=False,
            ),
            "group": forms.ModelChoiceField(
                label=_("Của tổ dân phố"), queryset=groups, required=False
            ),
            "expected": forms.IntegerField(
                label=_("Số người dự kiến"), min_value=0, max_value=MAX_ATTENDANCE, required=False
            ),
        }

    def data_from_form(self, cleaned: dict[str, Any]) -> dict[str, Any]:
        organisation, group = cleaned.get("organisation"), cleaned.get("group")
        return {
            "meeting": cleaned.get("meeting") or "",
            "organisation": organisation.pk if organisation else None,
            "group": group.pk if group else None,
            "expected": cleaned.get("expected"),
        }

    def initial(self, data: dict[str, Any]) -> dict[str, Any]:
        return {k: data.get(k) for k in ("meeting", "organisation", "group", "expected")}

    def clean_data(self, data: dict[str, Any], plan: CampaignPlan) -> dict[str, Any]:
        meeting = clean_line(str(data.get("meeting") or ""))[:200]
        if not meeting:
            raise ServiceError(_("Hãy ghi tên hội nghị."), field="meeting")
        organisation, group = optional_id(data, "organisation"), optional_id(data, "group")
        own = MassOrganisation.objects.filter(unit=plan.unit)
        if organisation is not None and not own.filter(pk=organisation).exists():
            raise ServiceError(_("Đoàn thể không thuộc đơn vị này."), field="organisation")
        if group is not None and group not in group_ids(plan.unit):
            raise ServiceError(_("Tổ dân phố không thuộc đơn vị này."), field="group")
        expected = optional_id(data, "expected")
        return {
            "meeting": meeting,
            "organisation": organisation,
            "group": group,
            "expected": expected,
        }

    def targets(self, activity: CampaignActivity) -> list[Target]:
        data = activity.data
        return [
            Target(
                key="",
                label=str(data.get("meeting") or ""),
                group_id=data.get("group"),
                organisation_id=data.get("organisation"),
            )
        ]

    def summary(self, activity: CampaignActivity) -> str:
        expected = activity.data.get("expected")
        if expected:
            return _("Dự kiến %(n)s người") % {"n": expected}
        return ""
