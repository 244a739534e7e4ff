"""Khác: any other activity (a banner, a display at the one-stop desk …)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hailong.campaigns.channels.base import Channel
from hailong.core.text import clean_line

if TYPE_CHECKING:
    from hailong.campaigns.models import CampaignActivity, CampaignPlan


class Other(Channel):
    key = "other"
    label = gettext_lazy("Hình thức khác")
    count_word = gettext_lazy("lượt")
    default_title = gettext_lazy("Hoạt động tuyên truyền khác")

    def form_fields(self, plan: CampaignPlan) -> dict[str, forms.Field]:
        return {
            "description": forms.CharField(
                label=_("Mô tả"),
                max_length=300,
                required=False,
                help_text=_("Ví dụ: treo băng rôn tại trụ sở, màn hình tại bộ phận một cửa."),
            )
        }

    def data_from_form(self, cleaned: dict[str, Any]) -> dict[str, Any]:
        return {"description": cleaned.get("description") or ""}

    def initial(self, data: dict[str, Any]) -> dict[str, Any]:
        return {"description": data.get("description", "")}

    def clean_data(self, data: dict[str, Any], plan: CampaignPlan) -> dict[str, Any]:
        return {"description": clean_line(str(data.get("description") or ""))[:300]}

    def summary(self, activity: CampaignActivity) -> str:
        return str(activity.data.get("description") or "")
