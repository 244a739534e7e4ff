"""Recurrence rules expand into Vietnam wall-clock moments: daily, weekly, once; holidays and
exception days skipped; period edges inclusive; UTC+7 all year (no daylight saving)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from hailong.campaigns.recurrence import (
    LOCAL,
    Recurrence,
    RecurrenceError,
    expand,
    local_bounds,
)

T0630, T1730 = dt.time(6, 30), dt.time(17, 30)
TWICE = Recurrence("daily", (T0630, T1730))


def _local(moments: list[dt.datetime]) -> list[str]:
    return [m.astimezone(LOCAL).strftime("%d/%m %H:%M") for m in moments]


def test_twice_a_day_gives_two_moments_per_day_in_order() -> None:
    moments = expand(TWICE, dt.date(2023, 10, 5), dt.date(2023, 10, 6))

    assert _local(moments) == ["05/10 06:30", "05/10 17:30", "06/10 06:30", "06/10 17:30"]
    assert all(m.tzinfo is dt.UTC for m in moments)


def test_the_period_edges_are_inclusive() -> None:
    moments = expand(TWICE, dt.date(2023, 10, 5), dt.date(2023, 12, 31))

    assert len(moments) == 2 * 88
    assert _local(moments)[0] == "05/10 06:30"
    assert _local(moments)[-1] == "31/12 17:30"


def test_a_one_day_period_and_an_empty_one() -> None:
    day = dt.date(2024, 2, 29)
    assert len(expand(TWICE, day, day)) == 2
    assert expand(TWICE, day, day - dt.timedelta(days=1)) == []


def test_vietnam_time_is_utc_plus_seven_all_year_without_daylight_saving() -> None:
    moments = expand(Recurrence("daily", (T0630,)), dt.date(2026, 1, 1), dt.date(2026, 12, 31))

    assert len(moments) == 365
    assert {m.strftime("%H:%M") for m in moments} == {"23:30"}
    assert {(m + dt.timedelta(hours=7)).date() - m.date() for m in moments} == {dt.timedelta(1)}
    assert {
        dt.datetime(2026, m, 1, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")).utcoffset()
        for m in range(1, 13)
    } == {dt.timedelta(hours=7)}


def test_weekly_keeps_only_the_chosen_weekdays() -> None:
    rule = Recurrence("weekly", (dt.time(9, 0),), frozenset({0, 3}))  # Monday, Thursday

    moments = expand(rule, dt.date(2023, 10, 1), dt.date(2023, 10, 15))

    assert _local(moments) == ["02/10 09:00", "05/10 09:00", "09/10 09:00", "12/10 09:00"]


def test_holidays_and_exception_days_are_skipped_by_recurring_rules() -> None:
    rule = Recurrence("daily", (T0630,), except_dates=frozenset({dt.date(2023, 9, 5)}))
    holidays = {dt.date(2023, 9, 1), dt.date(2023, 9, 2), dt.date(2023, 9, 3), dt.date(2023, 9, 4)}

    moments = expand(rule, dt.date(2023, 8, 31), dt.date(2023, 9, 6), holidays)

    assert _local(moments) == ["31/08 06:30", "06/09 06:30"]


def test_a_rule_may_keep_going_on_holidays() -> None:
    rule = Recurrence("daily", (T0630,), skip_holidays=False)

    moments = expand(rule, dt.date(2024, 1, 1), dt.date(2024, 1, 2), {dt.date(2024, 1, 1)})

    assert len(moments) == 2


def test_a_one_off_happens_on_its_date_even_a_holiday_and_only_inside_the_period() -> None:
    rule = Recurrence("once", (dt.time(19, 30),), on=dt.date(2024, 9, 2))

    assert _local(
        expand(rule, dt.date(2024, 9, 1), dt.date(2024, 9, 30), {dt.date(2024, 9, 2)})
    ) == ["02/09 19:30"]
    assert expand(rule, dt.date(2024, 9, 3), dt.date(2024, 9, 30)) == []


def test_a_late_evening_time_falls_on_the_same_utc_day_minus_seven_hours() -> None:
    moments = expand(
        Recurrence("once", (dt.time(23, 59),), on=dt.date(2023, 12, 31)),
        dt.date(2023, 12, 31),
        dt.date(2023, 12, 31),
    )

    assert moments == [dt.datetime(2023, 12, 31, 16, 59, tzinfo=dt.UTC)]


def test_local_bounds_cover_whole_vietnam_days() -> None:
    start, after = local_bounds(dt.date(2023, 10, 16), dt.date(2023, 10, 16))

    assert start == dt.datetime(2023, 10, 15, 17, 0, tzinfo=dt.UTC)
    assert after - start == dt.timedelta(days=1)


def test_the_json_form_round_trips() -> None:
    rule = Recurrence(
        "weekly", (T1730, T0630), frozenset({1, 4}), None, True, frozenset({dt.date(2023, 11, 2)})
    )

    again = Recurrence.from_json(rule.as_json())

    assert again == Recurrence(
        "weekly", (T0630, T1730), frozenset({1, 4}), None, True, frozenset({dt.date(2023, 11, 2)})
    )
    assert rule.as_json()["times"] == ["06:30", "17:30"]


@pytest.mark.parametrize(
    "data",
    [
        None,
        {"kind": "hourly", "times": ["06:30"]},
        {"kind": "daily", "times": []},
        {"kind": "daily", "times": ["25:00"]},
        {"kind": "weekly", "times": ["06:30"], "weekdays": []},
        {"kind": "weekly", "times": ["06:30"], "weekdays": [7]},
        {"kind": "once", "times": ["06:30"]},
        {"kind": "once", "times": ["06:30"], "on": "31/12/2023"},
    ],
)
def test_malformed_rules_are_refused(data: object) -> None:
    with pytest.raises(RecurrenceError):
        Recurrence.from_json(data)
