"""Opening hours of a kiosk (Asia/Ho_Chi_Minh), and how they are said in Vietnamese."""

from __future__ import annotations

import datetime as dt

import pytest

from hailong.kiosk.hours import Hours, describe, describe_days

OFFICE = Hours.of(dt.time(7, 30), dt.time(17, 0), [0, 1, 2, 3, 4])
UTC = dt.UTC


@pytest.mark.parametrize(
    ("moment", "open_"),
    [
        (dt.datetime(2026, 11, 30, 0, 30, tzinfo=UTC), True),  # Mon 07:30 local: opens
        (dt.datetime(2026, 11, 30, 0, 29, tzinfo=UTC), False),  # Mon 07:29 local
        (dt.datetime(2026, 11, 30, 9, 59, tzinfo=UTC), True),  # Mon 16:59 local
        (dt.datetime(2026, 11, 30, 10, 0, tzinfo=UTC), False),  # Mon 17:00 local: closed
        (dt.datetime(2026, 11, 28, 3, 0, tzinfo=UTC), False),  # Sat 10:00 local
        (dt.datetime(2026, 11, 29, 23, 0, tzinfo=UTC), False),  # Mon 06:00 local (Sun in UTC)
        (dt.datetime(2026, 12, 4, 20, 0, tzinfo=UTC), False),  # Sat 03:00 local (Fri in UTC)
    ],
)
def test_it_is_open_on_working_days_from_opening_to_closing_time(
    moment: dt.datetime, open_: bool
) -> None:
    assert OFFICE.is_open(moment) is open_


@pytest.mark.parametrize(
    ("days", "text"),
    [
        ([0, 1, 2, 3, 4], "Thứ Hai – Thứ Sáu"),
        ([0, 1, 2, 3, 4, 5], "Thứ Hai – Thứ Bảy"),
        ([0, 1], "Thứ Hai, Thứ Ba"),
        ([0, 2, 4], "Thứ Hai, Thứ Tư, Thứ Sáu"),
        ([5, 6], "Thứ Bảy, Chủ nhật"),
        ([0, 1, 2, 5], "Thứ Hai – Thứ Tư, Thứ Bảy"),
    ],
)
def test_working_days_are_said_as_runs(days: list[int], text: str) -> None:
    assert describe_days(days) == text


def test_hours_read_like_a_notice_on_the_door() -> None:
    assert describe(OFFICE) == "07:30 – 17:00, Thứ Hai – Thứ Sáu"
    assert OFFICE.to_json() == {"opens": "07:30", "closes": "17:00", "days": [0, 1, 2, 3, 4]}
