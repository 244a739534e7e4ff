"""Loa truyền thanh: twice a day by default (06:30, 17:30), on all or some clusters."""

from __future__ import annotations

import datetime as dt

import pytest

from hailong.campaigns.channels import CHANNELS
from hailong.campaigns.models import CampaignPlan
from hailong.campaigns.recurrence import LOCAL
from hailong.campaigns.services import loudspeaker_area_create
from hailong.campaigns.testing import ward_activity
from hailong.core.errors import ServiceError
from tests.campaigns_fixtures import plan
from tests.conftest import Cast

__all__ = ["plan"]


def test_the_default_is_twice_a_day_at_0630_and_1730_skipping_holidays(
    plan: CampaignPlan,
) -> None:
    rule = CHANNELS["loudspeaker"].default_recurrence(plan)

    assert rule.kind == "daily"
    assert rule.times == (dt.time(6, 30), dt.time(17, 30))
    assert rule.skip_holidays


def test_one_item_per_broadcast_for_the_ward(cast: Cast, plan: CampaignPlan) -> None:
    area = loudspeaker_area_create(
        actor=cast.cindy, unit=cast.ngoc_ha, name="Cụm loa số 1", groups=[cast.group1]
    )

    activity = ward_activity(plan, actor=cast.cindy, data={"areas": [area.pk]})

    first = activity.occurrences.order_by("scheduled_at").first()
    assert first is not None
    assert first.scheduled_at.astimezone(LOCAL).strftime("%d/%m/%Y %H:%M") == "01/10/2026 06:30"
    assert first.unit == cast.ngoc_ha
    assert CHANNELS["loudspeaker"].summary(activity) == "Cụm loa số 1"


def test_a_cluster_of_another_ward_is_refused(cast: Cast, plan: CampaignPlan) -> None:
    other = loudspeaker_area_create(actor=cast.charlie, unit=cast.kinh_bac, name="Cụm loa A")

    with pytest.raises(ServiceError):
        ward_activity(plan, actor=cast.cindy, data={"areas": [other.pk]})


def test_a_cluster_name_is_unique_in_the_ward(cast: Cast) -> None:
    loudspeaker_area_create(actor=cast.cindy, unit=cast.ngoc_ha, name="Cụm loa số 1")

    with pytest.raises(ServiceError):
        loudspeaker_area_create(actor=cast.cindy, unit=cast.ngoc_ha, name="Cụm loa số 1")
