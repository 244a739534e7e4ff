"""Tờ rơi: a print run split between residential groups, one item per group, assigned to it."""

from __future__ import annotations

import datetime as dt

import pytest

from hailong.campaigns.models import CampaignPlan
from hailong.campaigns.recurrence import Recurrence
from hailong.campaigns.testing import ward_activity
from hailong.core.errors import ServiceError
from hailong.units.models import AdministrativeUnit
from tests.campaigns_fixtures import group2, plan
from tests.conftest import Cast

__all__ = ["group2", "plan"]


def _run(plan: CampaignPlan) -> Recurrence:
    return Recurrence("once", (dt.time(8, 0),), on=plan.period_start)


def test_one_item_per_group_with_its_count(
    cast: Cast, plan: CampaignPlan, group2: AdministrativeUnit
) -> None:
    data = {"print_count": 300, "distribution": {str(cast.group1.pk): 120, str(group2.pk): 150}}

    activity = ward_activity(
        plan, actor=cast.cindy, channel="leaflet", recurrence=_run(plan), data=data
    )

    items = {o.unit: o.target_label for o in activity.occurrences.all()}
    assert items == {cast.group1: "Tổ dân phố số 1: 120 tờ", group2: "Tổ dân phố số 2: 150 tờ"}


def test_more_leaflets_handed_out_than_printed_is_refused(
    cast: Cast, plan: CampaignPlan, group2: AdministrativeUnit
) -> None:
    data = {"print_count": 100, "distribution": {str(cast.group1.pk): 60, str(group2.pk): 60}}

    with pytest.raises(ServiceError):
        ward_activity(plan, actor=cast.cindy, channel="leaflet", recurrence=_run(plan), data=data)


def test_a_group_of_another_ward_is_refused(cast: Cast, plan: CampaignPlan) -> None:
    from hailong.units.services import unit_create

    other = unit_create(kind="to_dan_pho", name="Tổ 1", parent=cast.kinh_bac)

    with pytest.raises(ServiceError):
        ward_activity(
            plan,
            actor=cast.cindy,
            channel="leaflet",
            recurrence=_run(plan),
            data={"print_count": 10, "distribution": {str(other.pk): 10}},
        )
