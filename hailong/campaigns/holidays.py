"""Vietnam's public holidays 2023–2026 (Bộ luật Lao động 2019, Điều 112), as days off.

The law gives Tết Dương lịch (1/1), five days of Tết Nguyên đán, Giỗ Tổ Hùng Vương (10/3 lunar),
30/4, 1/5, and 2/9 with one adjacent day. Each year the government fixes the actual days off
(compensatory days when a holiday falls on a weekend, swapped working days, the weekends around
Tết): those are listed here, because they are the days on which a ward's broadcasts stop.
2026's Tết days off (14–22/2, the weekends around the five statutory days) and its Quốc khánh
adjacent day (1/9) are assumed; correct the ``Holiday`` table with a data migration when the
government's notice differs. Dates are (year, month, day).
"""

from __future__ import annotations

import datetime as dt

TET_DUONG_LICH = "Tết Dương lịch"
NGHI_BU = "Nghỉ bù"
GIO_TO = "Giỗ Tổ Hùng Vương (10/3 âm lịch)"
GIAI_PHONG = "Ngày Giải phóng miền Nam, thống nhất đất nước (30/4)"
LAO_DONG = "Ngày Quốc tế Lao động (1/5)"
QUOC_KHANH = "Quốc khánh (2/9)"


def _span(first: dt.date, last: dt.date, name: str) -> list[tuple[dt.date, str]]:
    count = (last - first).days + 1
    return [(first + dt.timedelta(days=i), name) for i in range(count)]


def _d(year: int, month: int, day: int) -> dt.date:
    return dt.date(year, month, day)


HOLIDAYS: list[tuple[dt.date, str]] = [
    # 2023
    (_d(2023, 1, 1), TET_DUONG_LICH),
    (_d(2023, 1, 2), f"{NGHI_BU} {TET_DUONG_LICH}"),
    *_span(_d(2023, 1, 20), _d(2023, 1, 26), "Tết Nguyên đán Quý Mão"),
    (_d(2023, 4, 29), GIO_TO),
    (_d(2023, 4, 30), GIAI_PHONG),
    (_d(2023, 5, 1), LAO_DONG),
    *_span(_d(2023, 5, 2), _d(2023, 5, 3), f"{NGHI_BU} Giỗ Tổ, 30/4"),
    (_d(2023, 9, 1), f"{QUOC_KHANH} – ngày liền kề"),
    (_d(2023, 9, 2), QUOC_KHANH),
    *_span(_d(2023, 9, 3), _d(2023, 9, 4), f"{NGHI_BU} {QUOC_KHANH}"),
    # 2024
    (_d(2024, 1, 1), TET_DUONG_LICH),
    *_span(_d(2024, 2, 8), _d(2024, 2, 14), "Tết Nguyên đán Giáp Thìn"),
    (_d(2024, 4, 18), GIO_TO),
    *_span(_d(2024, 4, 27), _d(2024, 4, 29), "Nghỉ hoán đổi dịp 30/4"),
    (_d(2024, 4, 30), GIAI_PHONG),
    (_d(2024, 5, 1), LAO_DONG),
    *_span(_d(2024, 8, 31), _d(2024, 9, 1), f"{QUOC_KHANH} – nghỉ liền kề"),
    (_d(2024, 9, 2), QUOC_KHANH),
    (_d(2024, 9, 3), f"{QUOC_KHANH} – ngày liền kề"),
    # 2025
    (_d(2025, 1, 1), TET_DUONG_LICH),
    *_span(_d(2025, 1, 25), _d(2025, 2, 2), "Tết Nguyên đán Ất Tỵ"),
    (_d(2025, 4, 7), GIO_TO),
    (_d(2025, 4, 30), GIAI_PHONG),
    (_d(2025, 5, 1), LAO_DONG),
    *_span(_d(2025, 5, 2), _d(2025, 5, 4), "Nghỉ hoán đổi dịp 30/4"),
    (_d(2025, 8, 30), f"{QUOC_KHANH} – nghỉ liền kề"),
    (_d(2025, 8, 31), f"{QUOC_KHANH} – nghỉ liền kề"),
    (_d(2025, 9, 1), f"{QUOC_KHANH} – ngày liền kề"),
    (_d(2025, 9, 2), QUOC_KHANH),
    # 2026
    (_d(2026, 1, 1), TET_DUONG_LICH),
    *_span(_d(2026, 2, 14), _d(2026, 2, 22), "Tết Nguyên đán Bính Ngọ"),
    (_d(2026, 4, 26), GIO_TO),
    (_d(2026, 4, 27), f"{NGHI_BU} {GIO_TO}"),
    (_d(2026, 4, 30), GIAI_PHONG),
    (_d(2026, 5, 1), LAO_DONG),
    (_d(2026, 9, 1), f"{QUOC_KHANH} – ngày liền kề"),
    (_d(2026, 9, 2), QUOC_KHANH),
]
