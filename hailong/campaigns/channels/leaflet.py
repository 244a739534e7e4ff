"""Tờ rơi: a print run handed out through the residential groups (one occurrence per group)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hailong.campaigns.channels.base import Channel, OutcomeField, Target
from hailong.campaigns.wards import group_ids, residential_groups
from hailong.core.errors import ServiceError
from hailong.units.models import AdministrativeUnit

if TYPE_CHECKING:
    from hailong.campaigns.models import CampaignActivity, CampaignPlan

MAX_PRINT = 1_000_000
FIELD_PREFIX = "dist_"


class Leaflet(Channel):
    key = "leaflet"
    label = gettext_lazy("Phát tờ rơi")
    count_word = gettext_lazy("lượt phát")
    default_title = gettext_lazy("Phát tờ rơi về khảo sát sự hài lòng")
    coverage = "leaflets"
    outcome_fields = (OutcomeField("delivered", gettext_lazy("Số tờ rơi đã phát"), MAX_PRINT),)

    def form_fields(self, plan: CampaignPlan) -> dict[str, forms.Field]:
        fields: dict[str, forms.Field] = {
            "print_count": forms.IntegerField(
                label=_("Số bản in"), min_value=1, max_value=MAX_PRINT
            )
        }
        for group in residential_groups(plan.unit, plan.period_start):
            fields[f"{FIELD_PREFIX}{group.pk}"] = forms.IntegerField(
                label=group.name, min_value=0, max_value=MAX_PRINT, required=False
            )
        return fields

    def data_from_form(self, cleaned: dict[str, Any]) -> dict[str, Any]:
        distribution = {
            name.removeprefix(FIELD_PREFIX): value
            for name, value in cleaned.items()
            if name.startswith(FIELD_PREFIX) and value
        }
        return {"print_count": cleaned.get("print_count"), "distribution": distribution}

    def initial(self, data: dict[str, Any]) -> dict[str, Any]:
        initial: dict[str, Any] = {"print_count": data.get("print_count")}
        for pk, count in (data.get("distribution") or {}).items():
            initial[f"{FIELD_PREFIX}{pk}"] = count
        return initial

    def clean_data(self, data: dict[str, Any], plan: CampaignPlan) -> dict[str, Any]:
        """A positive print count; counts per group of this ward that add up to at most it."""
        try:
            printed = int(data.get("print_count") or 0)
            raw = data.get("distribution") or {}
            distribution = {str(int(k)): int(v) for k, v in dict(raw).items() if int(v) > 0}
        except (TypeError, ValueError) as exc:
            raise ServiceError(_("Dữ liệu của hoạt động không hợp lệ.")) from exc
        if not 1 <= printed <= MAX_PRINT:
            raise ServiceError(_("Số bản in phải lớn hơn 0."), field="print_count")
        if not {int(k) for k in distribution} <= group_ids(plan.unit):
            raise ServiceError(_("Tổ dân phố không thuộc đơn vị này."))
        if sum(distribution.values()) > printed:
            raise ServiceError(
                _("Tổng số tờ rơi chia cho các tổ (%(n)s) vượt số bản in (%(m)s).")
                % {"n": sum(distribution.values()), "m": printed},
                field="print_count",
            )
        return {"print_count": printed, "distribution": distribution}

    def targets(self, activity: CampaignActivity) -> list[Target]:
        distribution = activity.data.get("distribution") or {}
        groups = AdministrativeUnit.objects.in_bulk([int(k) for k in distribution])
        targets = []
        for pk, count in distribution.items():
            group = groups.get(int(pk))
            if group is None:
                continue
            label = _("%(g)s: %(n)s tờ") % {"g": group.name, "n": count}
            targets.append(Target(key=f"group:{pk}", label=label, group_id=group.pk))
        return targets

    def summary(self, activity: CampaignActivity) -> str:
        distribution = activity.data.get("distribution") or {}
        return _("%(n)s bản in, chia cho %(g)s tổ") % {
            "n": activity.data.get("print_count") or 0,
            "g": len(distribution),
        }
