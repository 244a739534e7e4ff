"""Khác: any other activity, with a short description."""

from __future__ import annotations

from hailong.campaigns.channels import CHANNELS
from hailong.campaigns.models import CampaignPlan
from hailong.campaigns.testing import ward_activity
from tests.campaigns_fixtures import plan
from tests.conftest import Cast

__all__ = ["plan"]


def test_a_one_off_on_the_plans_first_day_by_default(cast: Cast, plan: CampaignPlan) -> None:
    activity = ward_activity(
        plan, actor=cast.cindy, channel="other", data={"description": "Treo băng rôn tại trụ sở"}
    )

    assert activity.occurrences.count() == 1
    assert CHANNELS["other"].summary(activity) == "Treo băng rôn tại trụ sở"


def test_every_channel_has_the_registry_shape() -> None:
    assert list(CHANNELS) == ["loudspeaker", "website", "zalo", "leaflet", "meeting", "other"]
    for key, channel in CHANNELS.items():
        assert channel.key == key
        assert str(channel.label)
        assert str(channel.count_word)
        assert str(channel.default_title)
