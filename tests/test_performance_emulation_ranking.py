"""Emulation ranking arithmetic: shares, Wilson intervals, the minimum n, ties, no ratings."""

from __future__ import annotations

import pytest

from hailong.indices.engine import format_pct
from hailong.performance.ranking import Score, Tally, rank, rank_scores


def by_name(rows: list, name: str):  # type: ignore[no-untyped-def, type-arg]
    return next(r for r in rows if r.name == name)


TALLIES = [
    Tally(1, "Một cửa", rated=945, satisfied=916),  # 96.93 %
    Tally(2, "Tư pháp", rated=722, satisfied=693),  # 95.98 %
    Tally(3, "Lao động", rated=157, satisfied=150),  # 95.54 %
    Tally(4, "Địa chính", rated=24, satisfied=24),  # 100 % but only 24 ratings
    Tally(5, "Văn hóa", rated=0, satisfied=0),
]


def test_shares_are_satisfied_over_rated_with_hand_computed_values() -> None:
    rows = rank(TALLIES, min_n=30)
    assert [(r.name, r.rank, format_pct(r.share)) for r in rows[:3]] == [
        ("Một cửa", 1, "96,93"),  # 916 / 945 = 0.969312…
        ("Tư pháp", 2, "95,98"),  # 693 / 722 = 0.959833…
        ("Lao động", 3, "95,54"),  # 150 / 157 = 0.955414…
    ]


def test_the_wilson_interval_is_given_for_each_ranked_row() -> None:
    row = by_name(rank(TALLIES, min_n=30), "Lao động")
    # Wilson 95 % for 150/157, by hand: p = 0.955414, z² / n = 0.024468,
    # centre = (p + z²/2n) / (1 + z²/n) = 0.944537, half-width = 0.033700
    assert format_pct(row.ci_low) == "91,08"
    assert format_pct(row.ci_high) == "97,82"
    assert row.ci_low < row.share < row.ci_high


def test_too_few_ratings_is_not_ranked_and_its_share_is_not_given() -> None:
    row = by_name(rank(TALLIES, min_n=30), "Địa chính")
    assert (row.rank, row.standing, row.share, row.ci_low) == (None, "too_few", None, None)
    assert row.rated == 24  # the count is shown, the share is not


def test_no_ratings_is_neither_100_nor_0() -> None:
    row = by_name(rank(TALLIES, min_n=30), "Văn hóa")
    assert (row.rank, row.standing, row.share) == (None, "none", None)


def test_lowering_the_minimum_lets_a_small_but_perfect_department_lead() -> None:
    rows = rank(TALLIES, min_n=20)
    assert (rows[0].name, rows[0].rank, format_pct(rows[0].share)) == ("Địa chính", 1, "100,00")


def test_the_unranked_come_last_most_ratings_first() -> None:
    rows = rank(TALLIES, min_n=500)
    assert [(r.name, r.standing) for r in rows] == [
        ("Một cửa", "ranked"),
        ("Tư pháp", "ranked"),
        ("Lao động", "too_few"),
        ("Địa chính", "too_few"),
        ("Văn hóa", "none"),
    ]


def test_equal_shares_are_ordered_by_the_lower_wilson_bound() -> None:
    rows = rank(
        [Tally(1, "Ít", rated=40, satisfied=36), Tally(2, "Nhiều", rated=400, satisfied=360)],
        min_n=30,
    )
    assert [(r.name, r.rank) for r in rows] == [("Nhiều", 1), ("Ít", 2)]
    assert rows[0].share == rows[1].share == pytest.approx(90.0)
    assert rows[0].ci_low > rows[1].ci_low


def test_exactly_equal_records_share_a_rank_and_the_next_rank_skips() -> None:
    rows = rank(
        [
            Tally(1, "Bình", rated=50, satisfied=45),
            Tally(2, "An", rated=50, satisfied=45),
            Tally(3, "Cường", rated=50, satisfied=40),
        ],
        min_n=30,
    )
    assert [(r.name, r.rank) for r in rows] == [("An", 1), ("Bình", 1), ("Cường", 3)]


def test_the_minimum_is_inclusive() -> None:
    rows = rank([Tally(1, "Đủ", rated=30, satisfied=30)], min_n=30)
    assert rows[0].standing == "ranked"


@pytest.mark.parametrize("min_n", [0, -1])
def test_a_minimum_under_one_is_refused(min_n: int) -> None:
    with pytest.raises(ValueError, match="min_n"):
        rank(TALLIES, min_n=min_n)


def test_an_impossible_tally_is_refused() -> None:
    with pytest.raises(ValueError, match="satisfied"):
        Tally(1, "Sai", rated=5, satisfied=6)


def test_group_scores_rank_highest_first_and_leave_the_unscored_unranked() -> None:
    rows = rank_scores(
        [
            Score(1, "Tổ 2", 7.5),
            Score(2, "Tổ 1", 9.0),
            Score(3, "Tổ 3", None),
            Score(4, "Tổ 4", 7.5),
        ]
    )
    assert [(r.name, r.rank) for r in rows] == [
        ("Tổ 1", 1),
        ("Tổ 2", 2),
        ("Tổ 4", 2),
        ("Tổ 3", None),
    ]
