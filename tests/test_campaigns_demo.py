"""The demo gives Vĩnh Phúc its 2023 plan from the template, approved, scheduled from the issue
day to the year's end and mostly carried out, with photos stripped of their GPS position;
seeding twice adds nothing."""

from __future__ import annotations

import datetime as dt
import io
import time
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction
from PIL import ExifTags, Image

from hailong.accounts import demo as accounts_demo
from hailong.campaigns import demo as campaigns_demo
from hailong.campaigns.models import CampaignPlan, Evidence, Occurrence, PlanStatus
from hailong.campaigns.recurrence import LOCAL
from hailong.campaigns.reporting import compliance_report
from hailong.core.demo import DemoContext
from hailong.surveys import demo as surveys_demo
from hailong.units import demo as units_demo


@pytest.fixture(scope="module")
def seeded(django_db_setup: None, django_db_blocker: Any) -> Iterator[tuple[DemoContext, float]]:
    """The seeders the campaign needs, once for the module, rolled back at the end."""
    with django_db_blocker.unblock(), transaction.atomic():
        ctx = DemoContext(log=lambda _msg: None)
        for module in (units_demo, accounts_demo, surveys_demo):
            module.seed(ctx)
        started = time.perf_counter()
        campaigns_demo.seed(ctx)
        yield ctx, time.perf_counter() - started
        transaction.set_rollback(True)


@pytest.fixture
def plan(seeded: tuple[DemoContext, float], db: None) -> CampaignPlan:
    found: CampaignPlan = seeded[0].objects["campaign_plan_2023"]
    return found


def test_the_plan_is_approved_and_runs_from_its_issue_day_to_the_year_end(
    plan: CampaignPlan,
) -> None:
    assert plan.status == PlanStatus.APPROVED
    assert plan.issued_on == dt.date(2023, 10, 5)
    assert (plan.period_start, plan.period_end) == (dt.date(2023, 10, 5), dt.date(2023, 12, 31))
    assert plan.versions.count() == 1
    assert plan.approved_at is not None
    assert plan.approved_at.astimezone(LOCAL).date() == dt.date(2023, 10, 5)


def test_broadcasts_are_twice_a_day_and_mostly_done_with_reasons_for_the_misses(
    plan: CampaignPlan,
) -> None:
    broadcasts = Occurrence.objects.filter(plan=plan, channel="loudspeaker")
    assert broadcasts.count() == 2 * 88
    missed = broadcasts.filter(status="missed")
    assert set(missed.values_list("reason", flat=True)) == {"Mất điện", "Hỏng loa cụm 3"}
    assert broadcasts.filter(status="done").count() == 2 * 88 - missed.count()


def test_the_compliance_of_november_shows_the_broken_cluster_as_a_streak(
    plan: CampaignPlan,
) -> None:
    report = compliance_report(plan, dt.date(2023, 11, 1), dt.date(2023, 11, 30))
    loudspeaker = next(row for row in report.channels if row.key == "loudspeaker")
    assert (loudspeaker.tally.done, loudspeaker.tally.due) == (55, 60)
    assert [s.length for s in report.streaks if "Phát thanh" in s.label] == [4]


def test_there_is_a_leaflet_run_through_every_group_in_mid_october(plan: CampaignPlan) -> None:
    start = dt.datetime(2023, 10, 16, tzinfo=LOCAL)
    run = Occurrence.objects.filter(
        plan=plan,
        channel="leaflet",
        scheduled_at__gte=start,
        scheduled_at__lt=start + dt.timedelta(days=1),
    )
    assert run.count() == 24
    assert run.filter(status="done").count() >= 20
    assert (
        Occurrence.objects.filter(
            plan=plan, channel="leaflet", rescheduled_from__isnull=False, status="done"
        ).count()
        == 1
    )


def test_two_meetings_were_held_with_attendance_and_photos(plan: CampaignPlan) -> None:
    meetings = Occurrence.objects.filter(plan=plan, channel="meeting")
    assert meetings.count() == 2
    assert all(m.status == "done" and m.outcome["attendance"] > 0 for m in meetings)


def test_demo_photos_are_small_jpegs_without_a_gps_position(plan: CampaignPlan) -> None:
    photos = Evidence.objects.filter(occurrence__plan=plan, kind="photo")
    assert photos.count() >= 8
    for evidence in photos:
        with evidence.file.open("rb") as handle:
            image = Image.open(io.BytesIO(handle.read()))
        assert image.format == "JPEG"
        assert not image.getexif().get_ifd(ExifTags.IFD.GPSInfo)


def test_seeding_again_adds_nothing_and_the_first_seeding_is_fast(
    seeded: tuple[DemoContext, float], plan: CampaignPlan
) -> None:
    ctx, seconds = seeded
    before = Occurrence.objects.count(), Evidence.objects.count(), CampaignPlan.objects.count()
    campaigns_demo.seed(ctx)
    assert (
        Occurrence.objects.count(),
        Evidence.objects.count(),
        CampaignPlan.objects.count(),
    ) == before
    assert seconds < 30
