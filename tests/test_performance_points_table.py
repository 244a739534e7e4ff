"""``points_for``: a SIPAS index to reform-index points, linear and banded, table-tested."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import pytest

from hailong.performance.points import (
    bands_from_text,
    bands_parse,
    bands_to_text,
    format_points,
    points_for,
)


@dataclass
class Rule:
    kind: str
    max_points: Decimal
    bands: Any = field(default_factory=list)


LINEAR_2 = Rule("linear", Decimal(2))
LINEAR_10 = Rule("linear", Decimal(10))
BANDS = Rule(
    "bands",
    Decimal(2),
    [
        {"min_index": "90", "points": "2"},
        {"min_index": "80", "points": "1.5"},
        {"min_index": "70", "points": "1"},
        {"min_index": "50", "points": "0.5"},
    ],
)


@pytest.mark.parametrize(
    ("index", "rule", "expected"),
    [
        # linear: max × published index / 100, two decimals half up
        (86.50, LINEAR_2, "1.73"),
        (86.505, LINEAR_2, "1.73"),  # published 86.51 → 1.7302
        (100.0, LINEAR_2, "2.00"),
        (0.0, LINEAR_2, "0.00"),
        (86.50, LINEAR_10, "8.65"),
        (82.66, LINEAR_10, "8.27"),  # 8.266 → 8.27 (half up)
        (82.65, LINEAR_10, "8.27"),  # 8.265 → 8.27, not banker's 8.26
        (Decimal("77.53"), LINEAR_2, "1.55"),  # 1.5506
        # bands: the highest band whose minimum the published index reaches
        (95.0, BANDS, "2.00"),
        (90.0, BANDS, "2.00"),  # the minimum itself is reached
        (89.99, BANDS, "1.50"),
        (89.995, BANDS, "2.00"),  # published as 90.00
        (79.994, BANDS, "1.00"),  # published as 79.99
        (80.0, BANDS, "1.50"),
        (50.0, BANDS, "0.50"),
        (49.99, BANDS, "0.00"),  # below every band: 0, not None (there is an index)
        (0.0, BANDS, "0.00"),
    ],
)
def test_points_follow_the_rule_on_the_published_index(
    index: float | Decimal, rule: Rule, expected: str
) -> None:
    assert points_for(index, rule) == Decimal(expected)


@pytest.mark.parametrize("rule", [LINEAR_2, LINEAR_10, BANDS])
def test_no_index_gives_no_points_not_zero(rule: Rule) -> None:
    assert points_for(None, rule) is None
    assert format_points(points_for(None, rule)) == "–"


@pytest.mark.parametrize("index", [-0.01, 100.01, 150.0])
def test_an_index_outside_0_to_100_is_refused(index: float) -> None:
    with pytest.raises(ValueError, match="between 0 and 100"):
        points_for(index, LINEAR_2)


def test_an_unknown_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown"):
        points_for(80.0, Rule("stairs", Decimal(2)))


def test_bands_are_sorted_whatever_order_they_are_typed_in() -> None:
    shuffled = Rule("bands", Decimal(2), list(reversed(BANDS.bands)))
    assert points_for(85.0, shuffled) == Decimal("1.50")
    assert [b.min_index for b in bands_parse(shuffled.bands, Decimal(2))] == [
        Decimal("50.00"),
        Decimal("70.00"),
        Decimal("80.00"),
        Decimal("90.00"),
    ]


@pytest.mark.parametrize(
    ("bands", "message"),
    [
        ([], "ít nhất một khung"),
        ([{"min_index": "101", "points": "1"}], "từ 0 đến 100"),
        ([{"min_index": "80", "points": "3"}], "từ 0 đến 2,00"),
        ([{"min_index": "80", "points": "1"}, {"min_index": "80.00", "points": "1"}], "một lần"),
        ([{"min_index": "90", "points": "1"}, {"min_index": "80", "points": "1.5"}], "ít điểm hơn"),
        ([{"min_index": "x", "points": "1"}], "không phải là số"),
        ([{"min_index": "NaN", "points": "1"}], "không phải là số"),
        ([{"points": "1"}], "Thiếu"),
        (["80: 1"], "Mỗi khung"),
    ],
)
def test_bad_bands_are_refused_with_a_vietnamese_reason(bands: Any, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        bands_parse(bands, Decimal(2))


def test_bands_typed_as_text_round_trip_with_decimal_commas() -> None:
    parsed = bands_from_text("90: 2\n\n80,5 : 1,5\n0: 0\n")
    assert parsed == [
        {"min_index": "90", "points": "2"},
        {"min_index": "80,5", "points": "1,5"},
        {"min_index": "0", "points": "0"},
    ]
    clean = [b.to_json() for b in bands_parse(parsed, Decimal(2))]
    assert bands_to_text(clean) == "90,00: 2,00\n80,50: 1,50\n0,00: 0,00"


def test_a_band_line_without_a_colon_names_its_line() -> None:
    with pytest.raises(ValueError, match="Dòng 2"):
        bands_from_text("90: 2\n80 1,5")
