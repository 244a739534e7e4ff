"""Compliance arithmetic: done against due, overdue after a grace period, streaks of misses."""

from __future__ import annotations

import datetime as dt

import pytest

from hailong.campaigns.compliance import GRACE, Item, Tally, miss_streaks, state, tally, tally_by

NOW = dt.datetime(2023, 11, 30, 12, 0, tzinfo=dt.UTC)


def at(hours_ago: float) -> dt.datetime:
    return NOW - dt.timedelta(hours=hours_ago)


@pytest.mark.parametrize(
    ("status", "when", "expected"),
    [
        ("done", at(5), "done"),
        ("missed", at(5), "missed"),
        ("rescheduled", at(5), "rescheduled"),
        ("planned", at(5), "overdue"),
        ("planned", NOW - GRACE + dt.timedelta(minutes=1), "upcoming"),
        ("planned", at(-24), "upcoming"),
    ],
)
def test_the_state_of_an_item_at_a_moment(status: str, when: dt.datetime, expected: str) -> None:
    assert state(status, when, NOW) == expected


def test_58_of_62_broadcasts_is_93_5_percent() -> None:
    items = [Item("s", at(100 - i), "done") for i in range(58)]
    items += [Item("s", at(20), "missed"), Item("s", at(19), "missed"), Item("s", at(18), "missed")]
    items += [Item("s", at(10), "planned"), Item("s", at(-5), "planned")]
    items += [Item("s", at(30), "rescheduled")]

    result = tally(items, NOW)

    assert (result.done, result.due, result.planned) == (58, 62, 63)
    assert (result.missed, result.overdue, result.upcoming, result.rescheduled) == (3, 1, 1, 1)
    assert result.rate == pytest.approx(93.548, abs=0.001)


def test_nothing_due_has_no_rate_never_zero_or_a_hundred() -> None:
    assert Tally().rate is None
    assert tally([Item("s", at(-5), "planned")], NOW).rate is None


def test_an_item_counts_under_each_of_its_keys() -> None:
    items = [
        Item("a", at(5), "done", keys=("loa", "vhtt")),
        Item("b", at(5), "missed", keys=("zalo", "vhtt")),
    ]

    result = tally_by(items, NOW)

    assert (result["vhtt"].done, result["vhtt"].due) == (1, 2)
    assert (result["loa"].done, result["zalo"].missed) == (1, 1)


def test_a_streak_is_three_or_more_misses_in_a_row_of_one_series() -> None:
    rows = ["done", "missed", "missed", "planned", "rescheduled", "missed", "done", "missed"]
    items = [Item("loa", at(100 - i), status) for i, status in enumerate(rows)]
    items += [Item("zalo", at(100 - i), "missed") for i in range(2)]

    streaks = miss_streaks(items, NOW)

    assert [(s.series, s.length) for s in streaks] == [("loa", 4)]
    assert streaks[0].first == at(99)
    assert streaks[0].last == at(95)


def test_a_streak_still_running_counts_until_now_and_not_into_the_future() -> None:
    items = [Item("loa", at(10 - i), "missed") for i in range(3)]
    items += [Item("loa", at(-1), "planned"), Item("loa", at(-2), "planned")]

    assert [s.length for s in miss_streaks(items, NOW)] == [3]
    assert miss_streaks(items, NOW, minimum=4) == []
