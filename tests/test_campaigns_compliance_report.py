"""The compliance page's numbers: per channel and per responsible party, streaks, coverage per
residential group, and the scores the emulation ranking reads."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from hailong.campaigns.models import CampaignPlan, Occurrence
from hailong.campaigns.recurrence import LOCAL, Recurrence
from hailong.campaigns.reporting import campaign_scores, compliance_report, month_period
from hailong.campaigns.services import Responsible, occurrence_mark, zalo_group_create
from hailong.campaigns.testing import ward_activity
from hailong.units.models import AdministrativeUnit
from tests.campaigns_fixtures import group2, plan
from tests.conftest import Cast

__all__ = ["group2", "plan"]
OCTOBER = (dt.date(2026, 10, 1), dt.date(2026, 10, 31))
NOW = dt.datetime(2026, 11, 1, 8, 0, tzinfo=LOCAL)


def _mark_all(rows: list[Occurrence], cast: Cast, misses: set[int]) -> None:
    for i, row in enumerate(rows):
        if i in misses:
            occurrence_mark(actor=cast.cindy, occurrence=row, status="missed", reason="Mất điện")
        else:
            occurrence_mark(actor=cast.cindy, occurrence=row, status="done")


@pytest.fixture
def october(cast: Cast, plan: CampaignPlan, group2: AdministrativeUnit) -> CampaignPlan:
    """Broadcasts in October (58 done, 4 missed, 3 in a row); a leaflet run; Zalo posts."""
    broadcasts = ward_activity(
        plan, actor=cast.cindy, responsible=Responsible(department=cast.department)
    )
    leaflets = ward_activity(
        plan,
        actor=cast.cindy,
        channel="leaflet",
        recurrence=Recurrence("once", (dt.time(8, 0),), on=dt.date(2026, 10, 16)),
        data={"print_count": 200, "distribution": {str(cast.group1.pk): 100, str(group2.pk): 80}},
    )
    zalo = zalo_group_create(
        actor=cast.cindy, unit=cast.ngoc_ha, name="Zalo tổ 1", group=cast.group1
    )
    ward_activity(plan, actor=cast.cindy, channel="zalo", data={"groups": [zalo.pk]})
    with time_machine.travel(NOW, tick=False):
        october_broadcasts = list(
            broadcasts.occurrences.filter(scheduled_at__lt=NOW).order_by("scheduled_at")
        )
        _mark_all(october_broadcasts, cast, misses={10, 11, 12, 40})
        group1_run = leaflets.occurrences.get(unit=cast.group1)
        occurrence_mark(
            actor=cast.cindy, occurrence=group1_run, status="done", outcome={"delivered": 95}
        )
    return plan


def test_broadcasts_count_58_of_62_in_october(october: CampaignPlan) -> None:
    with time_machine.travel(NOW, tick=False):
        report = compliance_report(october, *OCTOBER)

    loudspeaker = report.channels[0]
    assert loudspeaker.key == "loudspeaker"
    assert (loudspeaker.tally.done, loudspeaker.tally.due) == (58, 62)
    assert f"{loudspeaker.tally.done}/{loudspeaker.tally.due} {loudspeaker.count_word}" == (
        "58/62 buổi"
    )


def test_the_three_misses_in_a_row_are_a_streak(october: CampaignPlan) -> None:
    with time_machine.travel(NOW, tick=False):
        report = compliance_report(october, *OCTOBER)

    assert [(s.label, s.length) for s in report.streaks if "Phát thanh" in s.label] == [
        ("Phát thanh tuyên truyền khảo sát sự hài lòng", 3)
    ]


def test_the_unmarked_zalo_posts_are_overdue(october: CampaignPlan) -> None:
    with time_machine.travel(NOW, tick=False):
        report = compliance_report(october, *OCTOBER)

    zalo = next(row for row in report.channels if row.key == "zalo")
    assert (zalo.tally.done, zalo.tally.overdue) == (0, 4)
    assert [s.length for s in report.streaks if "Zalo" in s.label] == [4]


def test_the_department_and_the_groups_are_tallied(
    cast: Cast, october: CampaignPlan, group2: AdministrativeUnit
) -> None:
    with time_machine.travel(NOW, tick=False):
        report = compliance_report(october, *OCTOBER)

    rows = {row.key: row for row in report.responsible}
    assert (
        rows[("department", cast.department.pk)].tally.done,
        rows[("department", cast.department.pk)].tally.due,
    ) == (58, 62)
    assert rows[("group", cast.group1.pk)].label == "Tổ dân phố: Tổ dân phố số 1"
    assert rows[("group", group2.pk)].tally.overdue == 1


def test_coverage_counts_leaflets_delivered_and_zalo_posts_per_group(
    cast: Cast, october: CampaignPlan, group2: AdministrativeUnit
) -> None:
    with time_machine.travel(NOW, tick=False):
        report = compliance_report(october, *OCTOBER)

    coverage = {c.group: c for c in report.coverage}
    assert coverage[cast.group1].leaflets_delivered == 95
    assert (coverage[cast.group1].leaflet_runs.done, coverage[group2].leaflet_runs.done) == (1, 0)
    assert (coverage[cast.group1].zalo.done, coverage[cast.group1].zalo.planned) == (0, 4)
    assert coverage[group2].zalo.planned == 0


def test_campaign_scores_give_groups_and_departments_a_share_of_due_work_done(
    cast: Cast, october: CampaignPlan, group2: AdministrativeUnit
) -> None:
    with time_machine.travel(NOW, tick=False):
        scores = campaign_scores(cast.ngoc_ha, OCTOBER)

    assert scores.departments == {cast.department.pk: round(100 * 58 / 62, 1)}
    assert scores.groups == {cast.group1.pk: 20.0, group2.pk: 0.0}


def test_a_draft_plans_work_does_not_score(cast: Cast) -> None:
    from hailong.campaigns.testing import ward_plan

    draft = ward_plan(cast.ngoc_ha, drafter=cast.cindy)
    ward_activity(draft, actor=cast.cindy, responsible=Responsible(department=cast.department))

    with time_machine.travel(NOW, tick=False):
        assert campaign_scores(cast.ngoc_ha, OCTOBER).departments == {}


def test_the_default_period_is_todays_month_inside_the_plan(plan: CampaignPlan) -> None:
    with time_machine.travel(dt.datetime(2026, 11, 15, 9, 0, tzinfo=LOCAL), tick=False):
        assert month_period(plan, None) == (dt.date(2026, 11, 1), dt.date(2026, 11, 30), "11/2026")
    assert month_period(plan, "10/2026")[:2] == OCTOBER
    assert month_period(plan, "x")[:2] == (plan.period_start, plan.period_end)
