"""The index engine, against hand-computed expectations."""

from __future__ import annotations

import math
import random
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hailong.indices import engine

FIVE = (1, 2, 3, 4, 5)
TOP2 = (4, 5)


@pytest.mark.parametrize(
    ("counts", "n", "satisfied_pct", "mean"),
    [
        ({5: 3, 4: 1}, 4, 100.0, 4.75),
        ({1: 1, 2: 1, 3: 1, 4: 1, 5: 1}, 5, 40.0, 3.0),
        ({3: 2}, 2, 0.0, 3.0),  # all one value
        ({4: 1}, 1, 100.0, 4.0),  # one response
        ({5: 2, None: 5}, 2, 100.0, 5.0),  # blanks are not answers
        ({1: 1, "na": 9}, 1, 0.0, 1.0),  # N/A is not the worst score
        ({5: 1, 2: 1, "": 3, "na": 2}, 2, 50.0, 3.5),
    ],
)
def test_item_figures_are_over_the_valid_answers_to_that_item(
    counts: dict[object, int], n: int, satisfied_pct: float, mean: float
) -> None:
    stats = engine.item_stats("C1", counts, scale_values=FIVE, satisfied_values=TOP2)  # type: ignore[arg-type]
    assert stats.n == n
    assert stats.satisfied_pct == pytest.approx(satisfied_pct)
    assert stats.mean == pytest.approx(mean)


def test_an_item_with_no_valid_answer_has_no_index_rather_than_100() -> None:
    stats = engine.item_stats("C1", {None: 4, "na": 2}, scale_values=FIVE, satisfied_values=TOP2)
    assert (stats.n, stats.satisfied_pct, stats.mean, stats.ci_low) == (0, None, None, None)
    assert (stats.blank, stats.not_applicable) == (4, 2)


def test_the_satisfied_values_come_from_the_method() -> None:
    stats = engine.item_stats(
        "D", {1: 3, 2: 1, 3: 1}, scale_values=(1, 2, 3), satisfied_values=(1, 2)
    )
    assert stats.satisfied_pct == pytest.approx(80.0)


@pytest.mark.parametrize(
    ("successes", "n", "low", "high"),
    [
        (0, 10, 0.0, 27.753279986),
        (10, 10, 72.246720014, 100.0),
        (81, 100, 72.221154621, 87.485248490),  # (2np+z²±z√(z²+4np(1-p)))/(2(n+z²))
        (1, 1, 20.654931, 100.0),
    ],
)
def test_the_wilson_interval_matches_hand_computation(
    successes: int, n: int, low: float, high: float
) -> None:
    interval = engine.wilson_interval(successes, n)
    assert interval is not None
    assert interval[0] == pytest.approx(low, abs=1e-4)
    assert interval[1] == pytest.approx(high, abs=1e-4)


def test_the_wilson_interval_of_nothing_is_nothing() -> None:
    assert engine.wilson_interval(0, 0) is None


def test_the_2017_overall_is_the_mean_of_the_five_elements() -> None:
    counts = {
        "C1.1": {5: 9, 1: 1},  # 90
        "C1.2": {4: 7, 2: 3},  # 70   → E1 80
        "C2.1": {5: 1},  # 100        → E2 100
        "C3.1": {3: 1, 4: 1},  # 50   → E3 50
        "C4.1": {4: 3, 3: 1},  # 75   → E4 75
        "C5.1": {None: 3},  # no data → E5 None (excluded, not 100)
    }
    items = [(code, FIVE, TOP2) for code in counts]
    elements = [
        ("E1", ["C1.1", "C1.2"]),
        ("E2", ["C2.1"]),
        ("E3", ["C3.1"]),
        ("E4", ["C4.1"]),
        ("E5", ["C5.1"]),
    ]
    result = engine.compute_method(
        n=10, item_counts=counts, items=items, elements=elements, overall_rule="mean_of_elements"
    )
    assert result.elements["E1"].index == pytest.approx(80.0)
    assert result.elements["E5"].index is None
    assert result.overall == pytest.approx((80 + 100 + 50 + 75) / 4)


def test_the_2023_overall_is_the_mean_of_the_policy_and_services_parts() -> None:
    counts = {"P1": {5: 8651, 1: 1349}, "S1": {4: 8649, 2: 1351}}
    result = engine.compute_method(
        n=10000,
        item_counts=counts,
        items=[("P1", FIVE, TOP2), ("S1", FIVE, TOP2)],
        elements=[("A", ["P1"]), ("I", ["S1"])],
        parts=[("policy", ["A"]), ("services", ["I"])],
        overall_rule="mean_of_parts",
    )
    assert result.parts["policy"].index == pytest.approx(86.51)
    assert result.parts["services"].index == pytest.approx(86.49)
    assert engine.format_pct(result.overall) == "86,50"  # Hà Nội 2024 as published


def test_an_unknown_overall_rule_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown overall rule"):
        engine.compute_method(n=0, item_counts={}, items=[], elements=[], overall_rule="median")


@pytest.mark.parametrize(
    ("value", "shown"),
    [(86.505, "86,51"), (86.5049999, "86,50"), (0.0, "0,00"), (100.0, "100,00"), (None, "–")],
)
def test_one_rounding_half_up_to_two_decimals(value: float | None, shown: str) -> None:
    assert engine.format_pct(value) == shown


def test_round_pct_is_a_decimal() -> None:
    assert engine.round_pct(82.665) == Decimal("82.67")


def test_perception_and_priority_shares() -> None:
    assert engine.share_choosing({1: 70, 2: 20, 3: 10, None: 5}, {1}) == pytest.approx(70.0)
    assert engine.share_choosing({None: 3}, {1}) is None
    ranked = engine.rank_priorities({"P1": 40.0, "P2": 75.5, "P3": None, "P4": 75.5})
    assert ranked == [("P2", 75.5), ("P4", 75.5), ("P1", 40.0)]
    assert engine.share_of_respondents({"loa": 30, "zalo": 10}, 40) == {"loa": 75.0, "zalo": 25.0}


def test_small_cells_are_suppressed_below_the_threshold() -> None:
    assert engine.suppress(90.0, 4, 5) is None
    assert engine.suppress(90.0, 5, 5) == 90.0


answers = st.lists(st.one_of(st.sampled_from(FIVE), st.none(), st.just("na")), max_size=200)


def _counts(values: list[object]) -> dict[object, int]:
    out: dict[object, int] = {}
    for v in values:
        out[v] = out.get(v, 0) + 1
    return out


@given(answers)
def test_indices_lie_between_0_and_100_and_ignore_row_order(values: list[object]) -> None:
    a = engine.item_stats("X", _counts(values), scale_values=FIVE, satisfied_values=TOP2)  # type: ignore[arg-type]
    shuffled = list(values)
    random.Random(1).shuffle(shuffled)
    b = engine.item_stats("X", _counts(shuffled), scale_values=FIVE, satisfied_values=TOP2)  # type: ignore[arg-type]
    assert a == b
    if a.satisfied_pct is not None:
        assert 0 <= a.satisfied_pct <= 100
        assert a.ci_low is not None
        assert a.ci_high is not None
        assert 0 <= a.ci_low <= a.satisfied_pct + 1e-9 <= a.ci_high + 2e-9 <= 100 + 2e-9
        assert 1 <= (a.mean or 0) <= 5
    else:
        assert a.n == 0


@given(st.integers(min_value=1, max_value=10_000), st.data())
def test_the_wilson_interval_contains_the_observed_share(n: int, data: st.DataObject) -> None:
    k = data.draw(st.integers(min_value=0, max_value=n))
    interval = engine.wilson_interval(k, n)
    assert interval is not None
    assert interval[0] - 1e-9 <= 100 * k / n <= interval[1] + 1e-9
    assert not math.isnan(interval[0])
