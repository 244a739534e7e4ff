"""Visitor statistics: one visit per visitor per day, robots skipped, atomic, flushed exactly."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator

import pytest
import time_machine
from django.test import RequestFactory, override_settings

from hailong.portal import visitors
from hailong.portal.models import VisitDay
from tests.conftest import Cast

PHONE_UA = (
    "Mozilla/5.0 (Linux; Android 10; SM-A105F) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/120.0 Mobile Safari/537.36 Zalo android/12100000"
)
NOON = dt.datetime(2026, 3, 10, 5, 0, tzinfo=dt.UTC)  # 12:00 in Hà Nội


@pytest.fixture(autouse=True)
def empty_cache() -> Iterator[None]:
    visitors.store().clear()
    with override_settings(HAILONG_PORTAL_VISIT_FLUSH_SECONDS=0):  # flush only when told
        yield
    visitors.store().clear()


def _get(address: str = "203.0.113.7", agent: str = PHONE_UA) -> object:
    return RequestFactory().get("/trang/1/", REMOTE_ADDR=address, HTTP_USER_AGENT=agent)


def test_the_same_visitor_is_counted_once_a_day(cast: Cast) -> None:
    with time_machine.travel(NOON, tick=False):
        assert visitors.visit_record(_get(), cast.ngoc_ha) is True
        for _ in range(5):
            assert visitors.visit_record(_get(), cast.ngoc_ha) is False
        assert visitors.total_visits(cast.ngoc_ha.pk) == 1
    with time_machine.travel(NOON + dt.timedelta(days=1), tick=False):
        assert visitors.visit_record(_get(), cast.ngoc_ha) is True
        assert visitors.total_visits(cast.ngoc_ha.pk) == 2


def test_another_address_or_browser_is_another_visitor(cast: Cast) -> None:
    with time_machine.travel(NOON, tick=False):
        visitors.visit_record(_get("203.0.113.7"), cast.ngoc_ha)
        visitors.visit_record(_get("203.0.113.8"), cast.ngoc_ha)
        visitors.visit_record(_get("203.0.113.7", PHONE_UA + " other"), cast.ngoc_ha)
        assert visitors.total_visits(cast.ngoc_ha.pk) == 3
        assert visitors.total_visits(cast.kinh_bac.pk) == 0


@pytest.mark.parametrize(
    "agent",
    [
        "",
        "Googlebot/2.1 (+http://www.google.com/bot.html)",
        "facebookexternalhit/1.1",
        "Mozilla/5.0 (compatible; bingbot/2.0)",
        "curl/8.5.0",
        "python-requests/2.32",
        "Mozilla/5.0 (X11; Linux x86_64) HeadlessChrome/120.0 Safari/537.36",
        "Mozilla/5.0 (compatible; AhrefsBot/7.0)",
    ],
)
def test_robots_are_not_counted(cast: Cast, agent: str) -> None:
    assert visitors.visit_record(_get(agent=agent), cast.ngoc_ha) is False
    assert visitors.total_visits(cast.ngoc_ha.pk) == 0
    assert visitors.online_now(cast.ngoc_ha.pk) == 0


def test_the_hash_rotates_daily_and_never_contains_the_address() -> None:
    today, tomorrow = dt.date(2026, 3, 10), dt.date(2026, 3, 11)
    first = visitors.visitor_hash("203.0.113.7", PHONE_UA, today)
    assert first == visitors.visitor_hash("203.0.113.7", PHONE_UA, today)
    assert first != visitors.visitor_hash("203.0.113.7", PHONE_UA, tomorrow)
    assert "203" not in first
    assert len(first) == 20


def test_nothing_of_the_address_or_agent_is_kept_in_the_cache(cast: Cast) -> None:
    visitors.visit_record(_get(), cast.ngoc_ha)
    stored = " ".join(str(k) for k in visitors.store()._cache)  # type: ignore[attr-defined]
    assert "203.0.113.7" not in stored
    assert "Zalo" not in stored


def test_a_page_view_writes_nothing_to_the_database(
    cast: Cast, django_assert_num_queries: object
) -> None:
    with django_assert_num_queries(0):  # type: ignore[operator]
        visitors.visit_record(_get(), cast.ngoc_ha)
        visitors.visit_record(_get("198.51.100.1"), cast.ngoc_ha)


def test_online_now_counts_distinct_visitors_of_the_last_minutes(cast: Cast) -> None:
    with override_settings(HAILONG_PORTAL_ONLINE_MINUTES=5):
        with time_machine.travel(NOON, tick=False):
            visitors.visit_record(_get("203.0.113.1"), cast.ngoc_ha)
            visitors.visit_record(_get("203.0.113.2"), cast.ngoc_ha)
        with time_machine.travel(NOON + dt.timedelta(minutes=2), tick=False):
            visitors.visit_record(_get("203.0.113.1"), cast.ngoc_ha)  # moves, not doubled
            assert visitors.online_now(cast.ngoc_ha.pk) == 2
        with time_machine.travel(NOON + dt.timedelta(minutes=6), tick=False):
            assert visitors.online_now(cast.ngoc_ha.pk) == 1  # .2 left 6 minutes ago
        with time_machine.travel(NOON + dt.timedelta(minutes=8), tick=False):
            assert visitors.online_now(cast.ngoc_ha.pk) == 0


def test_concurrent_first_visits_are_each_counted_exactly_once(cast: Cast) -> None:
    unit_pk = cast.ngoc_ha.pk
    now = dt.datetime.now(tz=dt.UTC)
    barrier = threading.Barrier(8)

    def worker(n: int) -> None:
        barrier.wait()
        for i in range(50):
            # 8 threads × 50 visitors, every visitor sent twice by two different threads
            visitors.record_hash(unit_pk, f"v{(n // 2) * 50 + i:06d}", now)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert visitors.pending_visits(unit_pk, now=now) == 200
    assert visitors.online_now(unit_pk, now=now) == 200


def test_flush_moves_pending_visits_into_the_daily_table_exactly_once(cast: Cast) -> None:
    with time_machine.travel(NOON, tick=False):
        for n in range(7):
            visitors.visit_record(_get(f"203.0.113.{n}"), cast.ngoc_ha)
        visitors.visit_record(_get(), cast.kinh_bac)
        assert visitors.flush() == 8
        assert visitors.flush() == 0  # nothing pending: a second flush adds nothing
        row = VisitDay.objects.get(unit=cast.ngoc_ha)
        assert (row.day, row.visits) == (dt.date(2026, 3, 10), 7)
        assert visitors.total_visits(cast.ngoc_ha.pk) == 7
        visitors.visit_record(_get("198.51.100.9"), cast.ngoc_ha)
        visitors.visit_record(_get("203.0.113.1"), cast.ngoc_ha)  # already counted today
        assert visitors.total_visits(cast.ngoc_ha.pk) == 8
        assert visitors.flush() == 1
        assert VisitDay.objects.get(unit=cast.ngoc_ha).visits == 8
        assert visitors.total_visits(cast.ngoc_ha.pk) == 8


def test_visits_counted_during_a_flush_stay_pending(cast: Cast) -> None:
    with time_machine.travel(NOON, tick=False):
        visitors.visit_record(_get("203.0.113.1"), cast.ngoc_ha)
        original = visitors._decr

        def count_one_more_then_decr(key: str, delta: int = 1) -> None:
            visitors.visit_record(_get("203.0.113.2"), cast.ngoc_ha)  # arrives mid-flush
            original(key, delta)

        visitors._decr = count_one_more_then_decr  # type: ignore[assignment]
        try:
            assert visitors.flush() == 1
        finally:
            visitors._decr = original  # type: ignore[assignment]
        assert visitors.pending_visits(cast.ngoc_ha.pk) == 1
        assert visitors.flush() == 1
        assert VisitDay.objects.get(unit=cast.ngoc_ha).visits == 2


def test_yesterdays_pending_visits_are_flushed_after_midnight(cast: Cast) -> None:
    with time_machine.travel(NOON, tick=False):
        visitors.visit_record(_get(), cast.ngoc_ha)
    with time_machine.travel(NOON + dt.timedelta(hours=13), tick=False):  # 01:00 next day
        visitors.visit_record(_get(), cast.ngoc_ha)
        assert visitors.flush() == 2
    days = dict(VisitDay.objects.values_list("day", "visits"))
    assert days == {dt.date(2026, 3, 10): 1, dt.date(2026, 3, 11): 1}


def test_with_the_local_memory_cache_the_web_process_flushes_now_and_then(cast: Cast) -> None:
    with (
        override_settings(HAILONG_PORTAL_VISIT_FLUSH_SECONDS=300),
        time_machine.travel(NOON, tick=False),
    ):
        visitors.visit_record(_get("203.0.113.1"), cast.ngoc_ha)  # flushes (first time)
        visitors.visit_record(_get("203.0.113.2"), cast.ngoc_ha)  # not yet due
        assert VisitDay.objects.get(unit=cast.ngoc_ha).visits == 1
        assert visitors.total_visits(cast.ngoc_ha.pk) == 2
