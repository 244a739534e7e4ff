"""The index engine: pure functions from answer counts to SIPAS figures.

No ORM, no settings. Every rule that varies by method (which values count as satisfied, how
elements and the overall index aggregate) arrives as an argument taken from the method
version's definition, never as a constant here. Percentages are floats in 0..100, computed
without rounding; only ``round_pct`` (used by every screen, document and export) rounds, half up
to two decimals, as published figures are.

Pitfalls this module refuses to repeat (sipas-method.md §12): a blank is never a score, "not
applicable" is never the worst score, a share is over the valid answers to *that* item, and an
item, element or unit with no valid answers has no index (``None``), never 100.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

Z_95 = 1.959963984540054
Value = int | str


@dataclass(frozen=True)
class ItemStats:
    """Figures for one item. ``n`` counts valid answers (blanks and N/A excluded)."""

    code: str
    n: float
    distribution: dict[int, float]
    satisfied: float
    satisfied_pct: float | None
    mean: float | None
    ci_low: float | None
    ci_high: float | None
    not_applicable: float = 0
    blank: float = 0


@dataclass(frozen=True)
class ElementStats:
    code: str
    index: float | None
    items: tuple[str, ...]
    items_with_data: int


@dataclass(frozen=True)
class PartStats:
    code: str
    index: float | None
    elements: tuple[str, ...]


@dataclass(frozen=True)
class MethodResult:
    n: float
    overall: float | None
    elements: dict[str, ElementStats]
    parts: dict[str, PartStats]
    items: dict[str, ItemStats]
    extra: dict[str, object] = field(default_factory=dict)


def wilson_interval(successes: float, n: float, z: float = Z_95) -> tuple[float, float] | None:
    """The Wilson score interval for a proportion, in percent; ``None`` when ``n`` is 0."""
    if n <= 0:
        return None
    if not 0 <= successes <= n:
        raise ValueError("successes must lie between 0 and n")
    p = successes / n
    z2 = z * z
    centre = (p + z2 / (2 * n)) / (1 + z2 / n)
    half = (z / (1 + z2 / n)) * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n))
    return (max(0.0, centre - half) * 100, min(1.0, centre + half) * 100)


def item_stats(
    code: str,
    counts: Mapping[Value | None, float],
    *,
    scale_values: Sequence[int],
    satisfied_values: Collection[int],
) -> ItemStats:
    """Figures for one item from ``{stored value: count}``.

    1. Valid answers are the values on the item's scale; ``None``/``""`` are blanks and any
       other key (e.g. ``"na"``) is "not applicable": both are counted apart and excluded.
    2. The satisfied share is satisfied answers over valid answers; the mean is over valid
       answers; the Wilson interval is on the satisfied share.
    """
    valid = set(scale_values)
    distribution: dict[int, float] = dict.fromkeys(scale_values, 0)
    blank: float = 0
    not_applicable: float = 0
    for value, count in counts.items():
        if count < 0:
            raise ValueError(f"negative count for {code}={value!r}")
        if isinstance(value, int) and not isinstance(value, bool) and value in valid:
            distribution[value] += count
        elif value is None or value == "":
            blank += count
        else:
            not_applicable += count
    n = sum(distribution.values())
    satisfied = sum(c for v, c in distribution.items() if v in satisfied_values)
    interval = wilson_interval(satisfied, n)
    return ItemStats(
        code=code,
        n=n,
        distribution=distribution,
        satisfied=satisfied,
        satisfied_pct=(100 * satisfied / n) if n else None,
        mean=(sum(v * c for v, c in distribution.items()) / n) if n else None,
        ci_low=interval[0] if interval else None,
        ci_high=interval[1] if interval else None,
        not_applicable=not_applicable,
        blank=blank,
    )


def mean_of(values: Iterable[float | None]) -> float | None:
    """Unweighted mean of the values that exist; ``None`` if none do."""
    present = [v for v in values if v is not None]
    return sum(present) / len(present) if present else None


def element_stats(code: str, items: Sequence[ItemStats]) -> ElementStats:
    """An element's index: the unweighted mean of its items' satisfied shares."""
    return ElementStats(
        code=code,
        index=mean_of(i.satisfied_pct for i in items),
        items=tuple(i.code for i in items),
        items_with_data=sum(1 for i in items if i.n),
    )


def share_choosing(
    counts: Mapping[Value | None, float], options: Collection[Value]
) -> float | None:
    """Share (percent) of the non-blank answers that chose one of ``options``.

    Used for perception indices ("no harassment") and, with the top options, for priorities.
    Multi-choice items pass counts of respondents per option and must use ``share_of_respondents``.
    """
    answered = sum(c for v, c in counts.items() if v is not None and v != "")
    if not answered:
        return None
    chosen = sum(c for v, c in counts.items() if v in options)
    return 100 * chosen / answered


def share_of_respondents(
    option_counts: Mapping[Value, int], respondents: int
) -> dict[Value, float]:
    """For a multiple-choice item: per option, the share of respondents who ticked it."""
    if respondents <= 0:
        return {}
    return {option: 100 * count / respondents for option, count in option_counts.items()}


def rank_priorities(shares: Mapping[str, float | None]) -> list[tuple[str, float]]:
    """Priority items ranked by share choosing "very much + much", highest first."""
    present = [(code, s) for code, s in shares.items() if s is not None]
    return sorted(present, key=lambda pair: (-pair[1], pair[0]))


def compute_method(
    *,
    n: float,
    item_counts: Mapping[str, Mapping[Value | None, float]],
    items: Sequence[tuple[str, Sequence[int], Collection[int]]],
    elements: Sequence[tuple[str, Sequence[str]]],
    overall_rule: str,
    parts: Sequence[tuple[str, Sequence[str]]] = (),
) -> MethodResult:
    """Every index of a method from per-item counts.

    1. ``items`` gives, per satisfaction item, its scale values and satisfied values.
    2. Each element averages its items' satisfied shares.
    3. The overall index follows ``overall_rule``: ``"mean_of_elements"`` (2017 method) or
       ``"mean_of_parts"`` (2023 method: each part averages its elements, overall averages
       the parts).
    """
    stats = {
        code: item_stats(
            code, item_counts.get(code, {}), scale_values=values, satisfied_values=satisfied
        )
        for code, values, satisfied in items
    }
    element_results = {
        code: element_stats(code, [stats[c] for c in codes if c in stats])
        for code, codes in elements
    }
    part_results = {
        code: PartStats(
            code=code,
            index=mean_of(element_results[e].index for e in codes if e in element_results),
            elements=tuple(codes),
        )
        for code, codes in parts
    }
    if overall_rule == "mean_of_elements":
        overall = mean_of(e.index for e in element_results.values())
    elif overall_rule == "mean_of_parts":
        if not part_results:
            raise ValueError("the mean_of_parts rule needs parts")
        overall = mean_of(p.index for p in part_results.values())
    else:
        raise ValueError(f"unknown overall rule {overall_rule!r}")
    return MethodResult(
        n=n, overall=overall, elements=element_results, parts=part_results, items=stats
    )


def round_pct(value: float | None) -> Decimal | None:
    """The one rounding used everywhere: half up to two decimals (86.505 → 86.51)."""
    if value is None:
        return None
    return Decimal(repr(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def format_pct(value: float | None, *, decimal_sep: str = ",", empty: str = "–") -> str:
    """``86.5049`` → ``"86,50"``; ``None`` → ``"–"`` (no data is not 100)."""
    rounded = round_pct(value)
    if rounded is None:
        return empty
    return f"{rounded:.2f}".replace(".", decimal_sep)


def suppress(value: float | None, n: int, threshold: int) -> float | None:
    """Hide a figure computed from fewer than ``threshold`` answers (for public output)."""
    return value if n >= threshold else None
