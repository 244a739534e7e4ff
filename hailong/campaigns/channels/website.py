"""Trang thông tin điện tử: news posts on the ward's website (the post's link is the proof)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hailong.campaigns.channels.base import Channel
from hailong.campaigns.recurrence import Recurrence
from hailong.core.text import clean_line

if TYPE_CHECKING:
    from hailong.campaigns.models import CampaignActivity, CampaignPlan

THURSDAY = 3


class Website(Channel):
    key = "website"
    label = gettext_lazy("Trang thông tin điện tử")
    count_word = gettext_lazy("bài")
    default_title = gettext_lazy("Đăng tin bài trên trang thông tin điện tử")

    def default_recurrence(self, plan: CampaignPlan) -> Recurrence:
        return Recurrence(kind="weekly", times=(dt.time(9, 0),), weekdays=frozenset({THURSDAY}))

    def form_fields(self, plan: CampaignPlan) -> dict[str, forms.Field]:
        return {
            "section": forms.CharField(
                label=_("Chuyên mục"),
                max_length=120,
                required=False,
                help_text=_("Ví dụ: Cải cách hành chính."),
            )
        }

    def data_from_form(self, cleaned: dict[str, Any]) -> dict[str, Any]:
        return {"section": cleaned.get("section") or ""}

    def initial(self, data: dict[str, Any]) -> dict[str, Any]:
        return {"section": data.get("section", "")}

    def clean_data(self, data: dict[str, Any], plan: CampaignPlan) -> dict[str, Any]:
        return {"section": clean_line(str(data.get("section") or ""))[:120]}

    def summary(self, activity: CampaignActivity) -> str:
        section = activity.data.get("section") or ""
        return _("Chuyên mục: %(s)s") % {"s": section} if section else ""
