"""Opening hours of a kiosk: whether it takes responses now, and how to say its hours.

Pure functions on plain values. Hours are local to Asia/Ho_Chi_Minh (UTC+7 all year, no daylight
saving), which is also what the tablet's script assumes when it decides to show the
out-of-hours screen.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _

LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")


@dataclass(frozen=True)
class Hours:
    opens_at: dt.time
    closes_at: dt.time
    weekdays: tuple[int, ...]  # Monday = 0

    @classmethod
    def of(cls, opens_at: dt.time, closes_at: dt.time, weekdays: Sequence[int]) -> Hours:
        return cls(opens_at, closes_at, tuple(sorted({int(d) for d in weekdays})))

    def is_open(self, moment: dt.datetime) -> bool:
        """Whether ``moment`` (aware) falls on a working day, from opening to closing time."""
        local = moment.astimezone(LOCAL)
        clock = local.time().replace(tzinfo=None)
        return local.weekday() in self.weekdays and self.opens_at <= clock < self.closes_at

    def to_json(self) -> dict[str, object]:
        return {
            "opens": self.opens_at.strftime("%H:%M"),
            "closes": self.closes_at.strftime("%H:%M"),
            "days": list(self.weekdays),
        }


def day_names() -> list[str]:
    return [
        _("Thứ Hai"),
        _("Thứ Ba"),
        _("Thứ Tư"),
        _("Thứ Năm"),
        _("Thứ Sáu"),
        _("Thứ Bảy"),
        _("Chủ nhật"),
    ]


def _runs(days: Sequence[int]) -> list[tuple[int, int]]:
    """Consecutive days as ``(first, last)`` runs: (0, 1, 2, 4) → [(0, 2), (4, 4)]."""
    runs: list[tuple[int, int]] = []
    for day in sorted(set(days)):
        if runs and runs[-1][1] == day - 1:
            runs[-1] = (runs[-1][0], day)
        else:
            runs.append((day, day))
    return runs


def describe_days(days: Sequence[int]) -> str:
    """Working days in words: "Thứ Hai – Thứ Sáu", "Thứ Hai – Thứ Tư, Thứ Bảy"."""
    names = day_names()
    parts = []
    for first, last in _runs(days):
        if first == last:
            parts.append(names[first])
        elif last == first + 1:
            parts.append(f"{names[first]}, {names[last]}")
        else:
            parts.append(f"{names[first]} – {names[last]}")
    return ", ".join(parts)


def describe(hours: Hours) -> str:
    """ "07:30 – 17:00, Thứ Hai – Thứ Sáu"."""
    return _("%(opens)s – %(closes)s, %(days)s") % {
        "opens": hours.opens_at.strftime("%H:%M"),
        "closes": hours.closes_at.strftime("%H:%M"),
        "days": describe_days(hours.weekdays),
    }
