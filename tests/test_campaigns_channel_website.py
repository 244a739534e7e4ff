"""Trang thông tin điện tử: a post every Thursday at 09:00 by default; the link is the proof."""

from __future__ import annotations

from hailong.campaigns.channels import CHANNELS
from hailong.campaigns.models import CampaignPlan
from hailong.campaigns.recurrence import LOCAL
from hailong.campaigns.testing import ward_activity
from tests.campaigns_fixtures import plan
from tests.conftest import Cast

__all__ = ["plan"]


def test_one_post_a_week_on_thursday(cast: Cast, plan: CampaignPlan) -> None:
    activity = ward_activity(
        plan, actor=cast.cindy, channel="website", data={"section": "  Cải cách   hành chính "}
    )

    days = {o.scheduled_at.astimezone(LOCAL).weekday() for o in activity.occurrences.all()}
    assert days == {3}
    assert activity.occurrences.count() == 14  # Thursdays 01/10–31/12/2026
    assert activity.data == {"section": "Cải cách hành chính"}
    assert CHANNELS["website"].summary(activity) == "Chuyên mục: Cải cách hành chính"
