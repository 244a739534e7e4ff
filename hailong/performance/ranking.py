"""Emulation ranking arithmetic (thi đua): pure functions over tallies, no ORM.

Per-dossier satisfaction (QĐ 766 practice, sipas-method.md §6) is
(Rất hài lòng + Hài lòng) / rated dossiers, per department or officer and period. The rules
the page writes out, in the order applied:

1. Only someone with at least ``min_n`` rated dossiers in the period is ranked; fewer is
   "not enough ratings" (the share is then not shown, so a handful of citizens' ratings cannot
   be read off, and a small count is not over-read). No rating at all is "no ratings", never
   100 % and never 0 %.
2. The ranked are ordered by their share, highest first.
3. Equal shares are ordered by the lower bound of the 95 % Wilson interval, highest first
   (the same share over more ratings is surer); still equal means the same rank (1, 2, 2, 4).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

from hailong.core.text import vi_sort_key
from hailong.indices.engine import wilson_interval

Standing = Literal["ranked", "too_few", "none"]


@dataclass(frozen=True)
class Tally:
    """Rated dossiers of one department, officer or group in a period."""

    key: int | None
    name: str
    rated: int
    satisfied: int
    detail: str = ""

    def __post_init__(self) -> None:
        if not 0 <= self.satisfied <= self.rated:
            raise ValueError("satisfied must lie between 0 and rated")


@dataclass(frozen=True)
class Ranked:
    key: int | None
    name: str
    rated: int
    satisfied: int
    share: float | None  # percent, unrounded; None when not ranked
    ci_low: float | None
    ci_high: float | None
    rank: int | None
    standing: Standing
    detail: str = ""


def rank(tallies: Iterable[Tally], *, min_n: int) -> list[Ranked]:
    """The ranked rows (rank 1 first), then those with too few ratings, then those with none.

    Unranked rows come by number of ratings (most first), then by name in Vietnamese order.
    """
    if min_n < 1:
        raise ValueError("min_n must be at least 1")
    rows = list(tallies)
    eligible = sorted((t for t in rows if t.rated >= min_n), key=_order)
    ranked: list[Ranked] = []
    previous: tuple[Fraction, float] | None = None
    position = 0
    for index, tally in enumerate(eligible, start=1):
        low, high = wilson_interval(tally.satisfied, tally.rated) or (0.0, 0.0)
        key = (Fraction(tally.satisfied, tally.rated), low)
        if key != previous:
            position, previous = index, key
        ranked.append(
            _row(
                tally,
                share=100 * tally.satisfied / tally.rated,
                ci=(low, high),
                rank=position,
                standing="ranked",
            )
        )
    others = sorted(
        (t for t in rows if t.rated < min_n), key=lambda t: (-t.rated, vi_sort_key(t.name))
    )
    for tally in others:
        standing: Standing = "too_few" if tally.rated else "none"
        ranked.append(_row(tally, share=None, ci=None, rank=None, standing=standing))
    return ranked


def _order(tally: Tally) -> tuple[Fraction, float, tuple[object, ...]]:
    interval = wilson_interval(tally.satisfied, tally.rated)
    low = interval[0] if interval else 0.0
    return (-Fraction(tally.satisfied, tally.rated), -low, vi_sort_key(tally.name))


def _row(
    tally: Tally,
    *,
    share: float | None,
    ci: tuple[float, float] | None,
    rank: int | None,
    standing: Standing,
) -> Ranked:
    return Ranked(
        key=tally.key,
        name=tally.name,
        rated=tally.rated,
        satisfied=tally.satisfied,
        share=share,
        ci_low=ci[0] if ci else None,
        ci_high=ci[1] if ci else None,
        rank=rank,
        standing=standing,
        detail=tally.detail,
    )


@dataclass(frozen=True)
class Score:
    """A residential group's score from a registered source (campaign work); ``None`` = none."""

    key: int
    name: str
    score: float | None
    detail: str = ""


@dataclass(frozen=True)
class RankedScore:
    key: int
    name: str
    score: float | None
    rank: int | None
    detail: str = ""


def rank_scores(scores: Iterable[Score]) -> list[RankedScore]:
    """Groups by score, highest first, equal scores sharing a rank; groups without a score last
    (not ranked, never counted as 0)."""
    rows = list(scores)
    scored = sorted(
        (s for s in rows if s.score is not None),
        key=lambda s: (-(s.score or 0.0), vi_sort_key(s.name)),
    )
    result: list[RankedScore] = []
    position, previous = 0, None
    for index, item in enumerate(scored, start=1):
        if item.score != previous:
            position, previous = index, item.score
        result.append(RankedScore(item.key, item.name, item.score, position, item.detail))
    for item in sorted((s for s in rows if s.score is None), key=lambda s: vi_sort_key(s.name)):
        result.append(RankedScore(item.key, item.name, None, None, item.detail))
    return result
