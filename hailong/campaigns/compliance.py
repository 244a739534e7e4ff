"""Compliance arithmetic: done against due, and streaks of misses. Pure: plain data in and out.

An occurrence is in one of five states at a moment ``now``: done, missed (marked, with a
reason), rescheduled (it moved; its replacement is counted instead), overdue (still unmarked
more than ``GRACE`` after its time) or upcoming. What was *due* is done + missed + overdue; the
rate is done / due. A streak is a run of consecutive misses (missed or overdue) of one series
(one activity at one target: the 06:30 and 17:30 broadcasts are one series), broken by a done
item; rescheduled items are skipped.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field

GRACE = dt.timedelta(hours=2)
DONE, MISSED, RESCHEDULED, OVERDUE, UPCOMING = (
    "done",
    "missed",
    "rescheduled",
    "overdue",
    "upcoming",
)
MISSES = frozenset({MISSED, OVERDUE})


def state(status: str, when: dt.datetime, now: dt.datetime) -> str:
    """The state of one occurrence at ``now`` (see the module docstring)."""
    if status != "planned":
        return status
    return OVERDUE if when + GRACE < now else UPCOMING


@dataclass
class Tally:
    done: int = 0
    missed: int = 0
    overdue: int = 0
    upcoming: int = 0
    rescheduled: int = 0

    @property
    def due(self) -> int:
        return self.done + self.missed + self.overdue

    @property
    def planned(self) -> int:
        """Everything scheduled in the period, rescheduled ones aside (their replacements count)."""
        return self.due + self.upcoming

    @property
    def rate(self) -> float | None:
        """Done / due, in percent; ``None`` when nothing was due yet (never 0 % or 100 %)."""
        return 100 * self.done / self.due if self.due else None

    def add(self, current: str) -> None:
        setattr(self, current, getattr(self, current) + 1)

    def merge(self, other: Tally) -> None:
        for name in (DONE, MISSED, OVERDUE, UPCOMING, RESCHEDULED):
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass(frozen=True)
class Item:
    """One occurrence as compliance sees it."""

    series: Hashable
    when: dt.datetime
    status: str
    keys: tuple[Hashable, ...] = field(default=())  # the groupings it counts in


def tally(items: Iterable[Item], now: dt.datetime) -> Tally:
    result = Tally()
    for item in items:
        result.add(state(item.status, item.when, now))
    return result


def tally_by(items: Iterable[Item], now: dt.datetime) -> dict[Hashable, Tally]:
    """One tally per key of ``item.keys`` (an item may count under several keys)."""
    result: dict[Hashable, Tally] = defaultdict(Tally)
    for item in items:
        current = state(item.status, item.when, now)
        for key in item.keys:
            result[key].add(current)
    return dict(result)


@dataclass(frozen=True)
class Streak:
    series: Hashable
    first: dt.datetime
    last: dt.datetime
    length: int


def miss_streaks(items: Iterable[Item], now: dt.datetime, *, minimum: int = 3) -> list[Streak]:
    """Runs of at least ``minimum`` consecutive misses per series, longest first.

    1. Group the items by series and sort each series by time.
    2. Walk it: a miss extends the current run, a done item closes it, a rescheduled one is
       skipped, an upcoming one ends the walk (the future has not happened).
    3. Keep the runs of ``minimum`` or more.
    """
    by_series: dict[Hashable, list[Item]] = defaultdict(list)
    for item in items:
        by_series[item.series].append(item)
    streaks: list[Streak] = []
    for series, rows in by_series.items():
        streaks.extend(_series_streaks(series, sorted(rows, key=lambda r: r.when), now, minimum))
    return sorted(streaks, key=lambda s: (-s.length, s.first))


def _series_streaks(
    series: Hashable, rows: list[Item], now: dt.datetime, minimum: int
) -> list[Streak]:
    found: list[Streak] = []
    run: list[Item] = []

    def close() -> None:
        if len(run) >= minimum:
            found.append(Streak(series, run[0].when, run[-1].when, len(run)))
        run.clear()

    for row in rows:
        current = state(row.status, row.when, now)
        if current in MISSES:
            run.append(row)
        elif current == DONE:
            close()
        elif current == UPCOMING:
            break
    close()
    return found
