"""Nhóm Zalo: posts in the Zalo groups of mass organisations and residential groups.

One occurrence per group per moment: each group's post is someone's separate job (the
organisation's or the residential group's administrator), marked and counted on its own.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hailong.campaigns.channels.base import Channel, Target, ids_in, pks
from hailong.campaigns.models import ZaloGroup
from hailong.campaigns.recurrence import Recurrence
from hailong.core.errors import ServiceError

if TYPE_CHECKING:
    from hailong.campaigns.models import CampaignActivity, CampaignPlan

TUESDAY = 1


class Zalo(Channel):
    key = "zalo"
    label = gettext_lazy("Nhóm Zalo")
    count_word = gettext_lazy("bài đăng")
    default_title = gettext_lazy("Đăng bài trên các nhóm Zalo")
    coverage = "zalo"

    def default_recurrence(self, plan: CampaignPlan) -> Recurrence:
        return Recurrence(kind="weekly", times=(dt.time(20, 0),), weekdays=frozenset({TUESDAY}))

    def form_fields(self, plan: CampaignPlan) -> dict[str, forms.Field]:
        groups = ZaloGroup.objects.filter(unit=plan.unit, active=True)
        return {
            "groups": forms.ModelMultipleChoiceField(
                label=_("Nhóm Zalo"), queryset=groups, widget=forms.CheckboxSelectMultiple
            )
        }

    def data_from_form(self, cleaned: dict[str, Any]) -> dict[str, Any]:
        return {"groups": pks(cleaned.get("groups"))}

    def initial(self, data: dict[str, Any]) -> dict[str, Any]:
        return {"groups": data.get("groups") or []}

    def clean_data(self, data: dict[str, Any], plan: CampaignPlan) -> dict[str, Any]:
        groups = ids_in(data, "groups")
        if not groups:
            raise ServiceError(_("Hãy chọn ít nhất một nhóm Zalo."), field="groups")
        if ZaloGroup.objects.filter(unit=plan.unit, pk__in=groups).count() != len(groups):
            raise ServiceError(_("Nhóm Zalo không thuộc đơn vị này."), field="groups")
        return {"groups": groups}

    def targets(self, activity: CampaignActivity) -> list[Target]:
        groups = ZaloGroup.objects.filter(pk__in=ids_in(activity.data, "groups")).order_by("name")
        return [
            Target(
                key=f"zalo:{g.pk}",
                label=g.name,
                group_id=g.group_id,
                organisation_id=g.organisation_id,
            )
            for g in groups
        ]

    def summary(self, activity: CampaignActivity) -> str:
        count = len(ids_in(activity.data, "groups"))
        return _("%(n)s nhóm") % {"n": count}
