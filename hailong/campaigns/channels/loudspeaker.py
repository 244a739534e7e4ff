"""Loa truyền thanh: broadcasts on the ward's loudspeaker clusters, by default twice a day."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hailong.campaigns.channels.base import Channel, ids_in, pks
from hailong.campaigns.models import LoudspeakerArea
from hailong.campaigns.recurrence import Recurrence
from hailong.core.errors import ServiceError

if TYPE_CHECKING:
    from hailong.campaigns.models import CampaignActivity, CampaignPlan

DEFAULT_TIMES = (dt.time(6, 30), dt.time(17, 30))


class Loudspeaker(Channel):
    key = "loudspeaker"
    label = gettext_lazy("Loa truyền thanh")
    count_word = gettext_lazy("buổi")
    default_title = gettext_lazy("Phát thanh tuyên truyền khảo sát sự hài lòng")

    def default_recurrence(self, plan: CampaignPlan) -> Recurrence:
        return Recurrence(kind="daily", times=DEFAULT_TIMES, skip_holidays=True)

    def form_fields(self, plan: CampaignPlan) -> dict[str, forms.Field]:
        areas = LoudspeakerArea.objects.filter(unit=plan.unit, active=True)
        return {
            "areas": forms.ModelMultipleChoiceField(
                label=_("Cụm loa"),
                queryset=areas,
                required=False,
                widget=forms.CheckboxSelectMultiple,
                help_text=_("Để trống: phát trên tất cả các cụm loa."),
            )
        }

    def data_from_form(self, cleaned: dict[str, Any]) -> dict[str, Any]:
        return {"areas": pks(cleaned.get("areas"))}

    def initial(self, data: dict[str, Any]) -> dict[str, Any]:
        return {"areas": data.get("areas") or []}

    def clean_data(self, data: dict[str, Any], plan: CampaignPlan) -> dict[str, Any]:
        areas = ids_in(data, "areas")
        known = LoudspeakerArea.objects.filter(unit=plan.unit, pk__in=areas).count()
        if known != len(areas):
            raise ServiceError(_("Cụm loa không thuộc đơn vị này."), field="areas")
        return {"areas": areas}

    def summary(self, activity: CampaignActivity) -> str:
        areas = ids_in(activity.data, "areas")
        if not areas:
            return _("Tất cả các cụm loa")
        names = LoudspeakerArea.objects.filter(pk__in=areas).values_list("name", flat=True)
        return ", ".join(names)
