"""Occurrences are generated from an activity's schedule over the plan's period, skipping the
public holidays; regenerating is idempotent and keeps every item already marked."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from hailong.campaigns.holidays import HOLIDAYS
from hailong.campaigns.models import CampaignActivity, CampaignPlan, Holiday, Occurrence
from hailong.campaigns.recurrence import LOCAL, Recurrence
from hailong.campaigns.services import (
    occurrence_mark,
    occurrences_generate,
    plan_update,
)
from hailong.campaigns.testing import ward_activity, ward_plan
from hailong.core.errors import ServiceError
from tests.conftest import Cast

YEAR_START = dt.date(2026, 1, 1)


@pytest.fixture
def plan(cast: Cast) -> CampaignPlan:
    return ward_plan(cast.ngoc_ha, drafter=cast.cindy, approver=cast.alice, issued_on=YEAR_START)


def _local_days(activity: CampaignActivity) -> set[dt.date]:
    return {o.scheduled_at.astimezone(LOCAL).date() for o in activity.occurrences.all()}


def test_the_holidays_of_2023_to_2026_are_in_the_table(db: None) -> None:
    days = set(Holiday.objects.values_list("date", flat=True))

    assert {d for d, _name in HOLIDAYS} <= days
    for year in (2023, 2024, 2025, 2026):
        assert dt.date(year, 1, 1) in days
        assert dt.date(year, 4, 30) in days
        assert dt.date(year, 5, 1) in days
        assert dt.date(year, 9, 2) in days
    assert dt.date(2023, 1, 22) in days  # mùng 1 Tết Quý Mão
    assert dt.date(2026, 2, 17) in days  # mùng 1 Tết Bính Ngọ
    assert dt.date(2025, 4, 7) in days  # Giỗ Tổ Hùng Vương


def test_a_whole_year_of_broadcasts_skips_every_holiday(cast: Cast, plan: CampaignPlan) -> None:
    activity = ward_activity(plan, actor=cast.cindy)

    holidays = {d for d, _name in HOLIDAYS if d.year == 2026}
    assert activity.occurrences.count() == 2 * (365 - len(holidays))
    assert not _local_days(activity) & holidays
    assert dt.date(2026, 2, 13) in _local_days(activity)
    assert dt.date(2026, 2, 23) in _local_days(activity)


def test_regenerating_twice_creates_nothing_the_second_time(cast: Cast, plan: CampaignPlan) -> None:
    activity = ward_activity(plan, actor=cast.cindy)
    before = set(activity.occurrences.values_list("pk", flat=True))

    result = occurrences_generate(activity)

    assert (result.created, result.removed) == (0, 0)
    assert set(activity.occurrences.values_list("pk", flat=True)) == before


def test_a_changed_time_replaces_open_items_and_keeps_marked_ones(
    cast: Cast, plan: CampaignPlan
) -> None:
    activity = ward_activity(plan, actor=cast.cindy)
    first = activity.occurrences.order_by("scheduled_at").first()
    assert first is not None
    with time_machine.travel(dt.datetime(2026, 1, 2, 9, 0, tzinfo=LOCAL), tick=False):
        occurrence_mark(actor=cast.cindy, occurrence=first, status="done")

    activity.recurrence = Recurrence("daily", (dt.time(7, 0), dt.time(17, 30))).as_json()
    activity.save()
    result = occurrences_generate(activity)

    times = {
        o.scheduled_at.astimezone(LOCAL).strftime("%H:%M")
        for o in activity.occurrences.filter(status="planned")
    }
    assert times == {"07:00", "17:30"}
    assert Occurrence.objects.filter(pk=first.pk, status="done").exists()
    assert result.created == result.removed + 1  # the marked 06:30 stays, its day gets a 07:00


def test_shrinking_the_plan_period_removes_open_items_beyond_it(
    cast: Cast, plan: CampaignPlan
) -> None:
    from hailong.campaigns.services import plan_revise

    activity = ward_activity(plan, actor=cast.cindy)
    plan = plan_revise(actor=cast.cindy, plan=plan)

    plan_update(actor=cast.cindy, plan=plan, content={"period_end": dt.date(2026, 1, 31)})

    assert max(_local_days(activity)) == dt.date(2026, 1, 31)
    assert activity.occurrences.count() == 2 * (31 - 1)  # 1/1 is Tết Dương lịch


def test_an_activity_outside_the_plan_period_is_refused(cast: Cast) -> None:
    plan = ward_plan(cast.ngoc_ha, drafter=cast.cindy)

    with pytest.raises(ServiceError):
        ward_activity(plan, actor=cast.cindy, starts_on=plan.period_start - dt.timedelta(days=1))


def test_a_one_off_outside_its_activity_period_is_refused(cast: Cast, plan: CampaignPlan) -> None:
    rule = Recurrence("once", (dt.time(8, 0),), on=dt.date(2026, 3, 1))

    with pytest.raises(ServiceError):
        ward_activity(
            plan, actor=cast.cindy, channel="other", recurrence=rule, starts_on=dt.date(2026, 4, 1)
        )


def test_the_items_go_to_the_ward_and_its_responsible_parties(
    cast: Cast, plan: CampaignPlan
) -> None:
    from hailong.campaigns.services import Responsible

    activity = ward_activity(
        plan,
        actor=cast.cindy,
        responsible=Responsible(department=cast.department, officer=cast.officer),
    )

    item = activity.occurrences.first()
    assert item is not None
    assert item.unit == cast.ngoc_ha
    assert (item.responsible_department, item.responsible_officer) == (
        cast.department,
        cast.officer,
    )


def test_responsibility_of_another_ward_is_refused(cast: Cast, plan: CampaignPlan) -> None:
    from hailong.campaigns.services import Responsible
    from hailong.units.services import department_save

    elsewhere = department_save(unit=cast.kinh_bac, kind="van_hoa", name="Văn hóa")

    with pytest.raises(ServiceError):
        ward_activity(plan, actor=cast.cindy, responsible=Responsible(department=elsewhere))
