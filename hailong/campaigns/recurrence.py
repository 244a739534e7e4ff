"""Recurrence rules of campaign activities and their expansion into moments. Pure: no ORM.

A rule is daily at some times, weekly on some weekdays at some times, or once on a date at a
time. Recurring rules skip public holidays (unless told not to) and listed exception dates; a
one-off item happens on its date whatever the calendar says (a meeting set on a holiday is
meant). Times are Vietnam wall-clock times; Vietnam has kept UTC+7 without daylight saving since
1975, so every local time maps to exactly one instant.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Literal
from zoneinfo import ZoneInfo

LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")
Kind = Literal["daily", "weekly", "once"]
KINDS: tuple[Kind, ...] = ("daily", "weekly", "once")
MAX_TIMES_PER_DAY = 12


class RecurrenceError(ValueError):
    """The rule's data is malformed."""


@dataclass(frozen=True)
class Recurrence:
    kind: Kind
    times: tuple[dt.time, ...]
    weekdays: frozenset[int] = frozenset()  # 0 = Monday … 6 = Sunday
    on: dt.date | None = None
    skip_holidays: bool = True
    except_dates: frozenset[dt.date] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise RecurrenceError(f"unknown kind {self.kind!r}")
        if not self.times or len(self.times) > MAX_TIMES_PER_DAY:
            raise RecurrenceError("between 1 and 12 times a day")
        if self.kind == "weekly" and not self.weekdays:
            raise RecurrenceError("a weekly rule needs weekdays")
        if any(day not in range(7) for day in self.weekdays):
            raise RecurrenceError("weekdays are 0..6")
        if self.kind == "once" and self.on is None:
            raise RecurrenceError("a one-off rule needs a date")

    def as_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "times": [t.strftime("%H:%M") for t in sorted(self.times)],
            "weekdays": sorted(self.weekdays),
            "on": self.on.isoformat() if self.on else None,
            "skip_holidays": self.skip_holidays,
            "except_dates": sorted(d.isoformat() for d in self.except_dates),
        }

    @classmethod
    def from_json(cls, data: object) -> Recurrence:
        """Parse what ``as_json`` wrote; anything else raises ``RecurrenceError``."""
        if not isinstance(data, dict):
            raise RecurrenceError("a rule is an object")
        try:
            return cls(
                kind=data["kind"],
                times=tuple(sorted({parse_time(t) for t in data.get("times") or []})),
                weekdays=frozenset(int(d) for d in data.get("weekdays") or []),
                on=dt.date.fromisoformat(data["on"]) if data.get("on") else None,
                skip_holidays=bool(data.get("skip_holidays", True)),
                except_dates=frozenset(
                    dt.date.fromisoformat(d) for d in data.get("except_dates") or []
                ),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise RecurrenceError(str(exc)) from exc


def parse_time(value: object) -> dt.time:
    """``"06:30"`` → 06:30 (hours 0–23, minutes 0–59)."""
    if not isinstance(value, str):
        raise RecurrenceError("a time is HH:MM")
    return dt.datetime.strptime(value.strip(), "%H:%M").time()  # noqa: DTZ007


def days(start: dt.date, end: dt.date) -> Iterator[dt.date]:
    """Every date from ``start`` to ``end`` inclusive."""
    for offset in range((end - start).days + 1):
        yield start + dt.timedelta(days=offset)


def dates(
    rule: Recurrence, start: dt.date, end: dt.date, holidays: Iterable[dt.date]
) -> list[dt.date]:
    """The dates within [start, end] on which ``rule`` happens."""
    if rule.kind == "once":
        assert rule.on is not None
        return [rule.on] if start <= rule.on <= end else []
    skipped = set(rule.except_dates) | (set(holidays) if rule.skip_holidays else set())
    return [
        day
        for day in days(start, end)
        if day not in skipped and (rule.kind == "daily" or day.weekday() in rule.weekdays)
    ]


def expand(
    rule: Recurrence, start: dt.date, end: dt.date, holidays: Iterable[dt.date] = ()
) -> list[dt.datetime]:
    """Every moment of ``rule`` within the local dates [start, end], as aware UTC datetimes."""
    return [
        local_to_utc(day, time)
        for day in dates(rule, start, end, holidays)
        for time in sorted(rule.times)
    ]


def local_to_utc(day: dt.date, time: dt.time) -> dt.datetime:
    return dt.datetime.combine(day, time, tzinfo=LOCAL).astimezone(dt.UTC)


def local_bounds(start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """[start 00:00, the day after end 00:00) in Vietnam time, as aware UTC datetimes."""
    return local_to_utc(start, dt.time.min), local_to_utc(end + dt.timedelta(days=1), dt.time.min)
