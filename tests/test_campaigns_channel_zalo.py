"""Nhóm Zalo: one item per group per moment, assigned to the group's residential group or
mass organisation."""

from __future__ import annotations

import pytest

from hailong.campaigns.models import CampaignPlan
from hailong.campaigns.services import zalo_group_create
from hailong.campaigns.testing import ward_activity
from hailong.core.errors import ServiceError
from hailong.units.models import MassOrganisation
from tests.campaigns_fixtures import plan, women
from tests.conftest import Cast

__all__ = ["plan", "women"]


def test_each_group_gets_its_own_weekly_post(
    cast: Cast, plan: CampaignPlan, women: MassOrganisation
) -> None:
    of_women = zalo_group_create(
        actor=cast.cindy, unit=cast.ngoc_ha, name="Zalo Hội Phụ nữ", organisation=women
    )
    of_group = zalo_group_create(
        actor=cast.cindy, unit=cast.ngoc_ha, name="Zalo Tổ 1", group=cast.group1
    )

    activity = ward_activity(
        plan, actor=cast.cindy, channel="zalo", data={"groups": [of_women.pk, of_group.pk]}
    )

    assert activity.occurrences.count() == 2 * 13
    women_items = activity.occurrences.filter(target_key=f"zalo:{of_women.pk}")
    group_items = activity.occurrences.filter(target_key=f"zalo:{of_group.pk}")
    assert {(o.unit, o.responsible_organisation) for o in women_items} == {(cast.ngoc_ha, women)}
    assert {o.unit for o in group_items} == {cast.group1}
    assert {o.target_label for o in group_items} == {"Zalo Tổ 1"}


def test_at_least_one_group_of_the_ward_is_needed(cast: Cast, plan: CampaignPlan) -> None:
    other = zalo_group_create(actor=cast.charlie, unit=cast.kinh_bac, name="Zalo khác")

    with pytest.raises(ServiceError):
        ward_activity(plan, actor=cast.cindy, channel="zalo", data={"groups": []})
    with pytest.raises(ServiceError):
        ward_activity(plan, actor=cast.cindy, channel="zalo", data={"groups": [other.pk]})


def test_a_group_belongs_to_an_organisation_or_a_residential_group_not_both(
    cast: Cast, women: MassOrganisation
) -> None:
    with pytest.raises(ServiceError):
        zalo_group_create(
            actor=cast.cindy,
            unit=cast.ngoc_ha,
            name="Zalo X",
            organisation=women,
            group=cast.group1,
        )
