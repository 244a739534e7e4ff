"""Attribution arithmetic: responses per source per day, the rate against the sample target,
the heard-via shares, the lift after a leaflet run, and the campaign's marks on the timeline."""

from __future__ import annotations

import datetime as dt

from hailong.campaigns import attribution, services
from hailong.campaigns.models import CampaignPlan, Occurrence, OccurrenceStatus
from hailong.campaigns.testing import ward_activity
from tests.campaigns_fixtures import plan
from tests.campaigns_materials_fixtures import add_responses, wave_plan
from tests.conftest import Cast

__all__ = ["plan", "wave_plan"]

D = dt.date(2026, 10, 10)


def test_series_keep_the_largest_and_sum_the_rest() -> None:
    days = [D, D + dt.timedelta(days=1)]
    cells = [(D, "a", 5), (D, "b", 4), (days[1], "c", 3), (D, "d", 1), (days[1], "e", 1)]
    series = attribution.group_series(days, cells, limit=3, rest="Khác")
    assert series == {"a": [5, 0], "b": [4, 0], "Khác": [1, 4]}
    assert attribution.group_series(days, cells[:2], limit=3) == {"a": [5, 0], "b": [4, 0]}


def test_the_lift_counts_seven_days_before_and_seven_from_the_run() -> None:
    daily = {
        D - dt.timedelta(days=8): 50,
        D - dt.timedelta(days=1): 2,
        D: 6,
        D + dt.timedelta(days=6): 4,
    }
    daily[D + dt.timedelta(days=7)] = 99
    (lift,) = attribution.lifts([(D, "24 tổ")], daily)
    assert (lift.before, lift.after) == (2, 10)


def test_a_tracked_links_responses_are_attributed_to_it(
    cast: Cast, wave_plan: CampaignPlan
) -> None:
    wave = wave_plan.wave
    assert wave is not None
    leaflet = services.material_create(
        actor=cast.cindy, plan=wave_plan, kind="leaflet", link_label="Tờ rơi đợt 1"
    )
    zalo = services.material_create(
        actor=cast.cindy, plan=wave_plan, kind="zalo", link_label="Zalo nhóm Hội Phụ nữ"
    )
    again = services.material_create(
        actor=cast.cindy, plan=wave_plan, kind="leaflet", link_label="Tờ rơi đợt 1"
    )
    assert again.source_id == leaflet.source_id  # one name, one link
    add_responses(wave, leaflet.source, D, 6, heard=[8])
    add_responses(wave, leaflet.source, D + dt.timedelta(days=1), 2, heard=[8, 2])
    add_responses(wave, zalo.source, D, 3, heard=[6])
    add_responses(wave, None, D + dt.timedelta(days=2), 1)  # the generic link, item blank
    add_responses(wave, zalo.source, D, 5, status="flagged")  # not counted

    found = attribution.attribution(wave_plan, today=dt.date(2026, 10, 20))

    assert found.total == 12
    assert found.target == 50
    assert found.rate == 24.0
    assert [(s.label, s.responses) for s in found.sources] == [
        ("Tờ rơi đợt 1", 8),
        ("Zalo nhóm Hội Phụ nữ", 3),
        ("Đường dẫn chung, không rõ nguồn", 1),
    ]
    assert found.sources[0].share is not None
    assert round(found.sources[0].share, 2) == 66.67
    assert found.days[0] == dt.date(2026, 10, 1)
    assert found.days[-1] == dt.date(2026, 10, 20)
    i = found.days.index(D)
    assert found.series["Tờ rơi"][i : i + 2] == [6, 2]
    assert found.series["Nhóm Zalo"][i] == 3
    heard = {h.label: (h.count, h.share) for h in found.heard_via}
    assert found.heard_item == "KS"
    assert found.heard_answered == 11
    assert heard["Tờ rơi, áp phích"][0] == 8
    assert heard["Internet, mạng xã hội"][0] == 3
    assert heard["Họp tổ dân phố, thôn, khu dân cư"][0] == 2
    assert round(heard["Tờ rơi, áp phích"][1] or 0, 2) == 72.73
    chart = found.chart()
    assert chart is not None
    assert chart.svg.count("<svg") == 1


def test_done_items_become_marks_and_leaflet_runs_get_a_lift(
    cast: Cast, wave_plan: CampaignPlan
) -> None:
    wave = wave_plan.wave
    assert wave is not None
    activity = ward_activity(wave_plan, actor=cast.cindy)
    first = activity.occurrences.order_by("scheduled_at").first()
    assert first is not None
    day = first.scheduled_at.date()
    Occurrence.objects.filter(pk=first.pk).update(
        status=OccurrenceStatus.DONE, marked_at=first.scheduled_at, marked_by=cast.cindy
    )
    events = attribution.campaign_events(wave_plan)
    assert [(e.day, e.kind, e.label) for e in events] == [
        (first.scheduled_at.astimezone(attribution.LOCAL).date(), "Loa truyền thanh", "1 buổi")
    ]
    assert day  # the mark is drawn on its Vietnam-time day


def test_a_form_without_the_heard_via_item_says_so(cast: Cast, plan: CampaignPlan) -> None:
    from hailong.surveys.testing import ward_wave

    CampaignPlan.objects.filter(pk=plan.pk).update(wave=ward_wave(cast.ngoc_ha))
    plan.refresh_from_db()
    found = attribution.attribution(plan)
    assert (found.heard_item, found.heard_via, found.total, found.chart()) == ("", [], 0, None)
