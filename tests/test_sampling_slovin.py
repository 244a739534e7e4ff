"""Slovin's size and proportional allocation: exact, rounded up, parts summing to the whole."""

from __future__ import annotations

from decimal import Decimal

import pytest

from hailong.sampling.design import allocate, slovin
from hailong.sampling.planning import formula_text


@pytest.mark.parametrize(
    ("population", "margin", "size"),
    [
        (100, "0.05", 80),  # 100 / 1.25 = 80 exactly: no float rounding up to 81
        (1000, "0.05", 286),  # 285.71… rounded up
        (10000, "0.05", 385),  # 384.62… rounded up
        (400, "0.05", 200),  # 400 / 2 = 200 exactly
        (1, "0.05", 1),
        (0, "0.05", 0),
        (2300, "0.05", 341),  # 340.74…
        (10000, "0.10", 100),  # 10000 / 101 = 99.01… rounded up
        (1_000_000, "0.05", 400),  # the limit 1/e² is never passed
    ],
)
def test_slovin_rounds_up_to_a_whole_respondent(population: int, margin: str, size: int) -> None:
    assert slovin(population, Decimal(margin)) == size


def test_the_formula_is_shown_with_vietnamese_separators() -> None:
    text = formula_text(2300, Decimal("0.050"), 340.7407, 341)
    assert text == "n = N / (1 + N·e²) = 2.300 / (1 + 2.300 × 0,05²) = 340,74 → 341"


@pytest.mark.parametrize(
    ("sizes", "total"),
    [
        ({"a": 600, "b": 300, "c": 100}, 286),
        ({"a": 1, "b": 1, "c": 1}, 2),
        ({"a": 7, "b": 13, "c": 29, "d": 51}, 80),
        ({"a": 5000, "b": 3, "c": 2, "d": 1}, 370),
        ({f"s{i}": 10 + i for i in range(37)}, 199),
    ],
)
def test_the_parts_sum_exactly_to_the_total(sizes: dict[str, int], total: int) -> None:
    parts = allocate(sizes, total)
    assert sum(parts.values()) == total
    assert all(0 <= parts[k] <= sizes[k] for k in sizes)


def test_allocation_is_proportional_by_largest_remainder() -> None:
    # Quotas 171.6, 85.8, 28.6: floors 171 + 85 + 28 = 284; the two largest remainders get one.
    assert allocate({"a": 600, "b": 300, "c": 100}, 286) == {"a": 172, "b": 86, "c": 28}


def test_a_stratum_smaller_than_its_allocation_is_taken_whole_and_the_rest_shared() -> None:
    # A minimum of 5 would ask more of "tiny" than it has: it gives its 2, the others share.
    parts = allocate({"big": 90, "mid": 40, "tiny": 2}, 30, minimum=5)
    assert parts["tiny"] == 2
    assert sum(parts.values()) == 30
    assert parts["big"] > parts["mid"] >= 5


def test_a_minimum_that_cannot_fit_is_dropped_for_pure_proportions() -> None:
    assert allocate({"a": 50, "b": 50, "c": 50}, 2, minimum=1) == allocate(
        {"a": 50, "b": 50, "c": 50}, 2
    )


def test_the_total_is_capped_at_the_frame_and_empty_strata_get_nothing() -> None:
    assert allocate({"a": 3, "b": 0, "c": 2}, 99) == {"a": 3, "b": 0, "c": 2}
