"""Reform-index points from a SIPAS index: pure functions over a rule's data, no ORM.

A province converts a ward's satisfaction index into points of its administrative-reform index
(Hà Nội: QĐ 5666/QĐ-UBND ngày 17/11/2025). Two kinds of rule (sipas-method.md §7):

- ``linear``: points = maximum points × index / 100;
- ``bands``: the points of the highest band whose minimum index the index reaches (an index
  below every band's minimum earns 0).

The index that counts is the **published** one, rounded by ``round_pct`` (two decimals, half
up), so that a ward reading "80,00" on its result gets the band that starts at 80. Points are
rounded by the same rule. No index means no points (``None``), never 0 and never the maximum.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from itertools import pairwise
from typing import Any, Protocol

from django.utils.translation import gettext as _

from hailong.indices.engine import round_pct

LINEAR = "linear"
BANDS = "bands"
CENT = Decimal("0.01")
HUNDRED = Decimal(100)


class RuleLike(Protocol):
    """What ``points_for`` needs of a rule (the model ``PointsRule`` or a plain object)."""

    kind: str
    max_points: Decimal
    bands: Any  # JSON: [{"min_index": "80", "points": "1.5"}, …]


@dataclass(frozen=True)
class Band:
    min_index: Decimal
    points: Decimal

    def to_json(self) -> dict[str, str]:
        return {"min_index": f"{self.min_index:.2f}", "points": f"{self.points:.2f}"}


def published_index(index: float | Decimal) -> Decimal:
    """The index as published: two decimals, half up (the project's one rounding)."""
    if isinstance(index, Decimal):
        return index.quantize(CENT, rounding=ROUND_HALF_UP)
    rounded = round_pct(index)
    assert rounded is not None
    return rounded


def points_for(index: float | Decimal | None, rule: RuleLike) -> Decimal | None:
    """The points ``rule`` gives for ``index`` (percent, 0–100); ``None`` when there is no index.

    1. No index (no valid answers) → no points.
    2. Round the index as it is published; refuse one outside 0–100.
    3. Linear: maximum × index / 100; bands: the highest band the index reaches (else 0).
    4. Round the points half up to two decimals.
    """
    if index is None:
        return None
    value = published_index(index)
    if not Decimal(0) <= value <= HUNDRED:
        raise ValueError(f"an index lies between 0 and 100, not {value}")
    max_points = Decimal(rule.max_points)
    if rule.kind == LINEAR:
        points = max_points * value / HUNDRED
    elif rule.kind == BANDS:
        points = _band_points(value, bands_parse(rule.bands, max_points))
    else:
        raise ValueError(f"unknown points rule kind {rule.kind!r}")
    return points.quantize(CENT, rounding=ROUND_HALF_UP)


def _band_points(value: Decimal, bands: Sequence[Band]) -> Decimal:
    reached = [band for band in bands if value >= band.min_index]
    if not reached:
        return Decimal(0)
    return max(reached, key=lambda band: band.min_index).points


def bands_parse(raw: Any, max_points: Decimal) -> tuple[Band, ...]:
    """Bands from their JSON form, sorted by minimum, checked; ``ValueError`` in Vietnamese.

    Rules: at least one band; each minimum lies in 0–100 and appears once; each band's points
    lie in 0–maximum; a higher minimum never earns fewer points.
    """
    if not isinstance(raw, Sequence) or isinstance(raw, str) or not raw:
        raise ValueError(_("Cần ít nhất một khung điểm."))
    bands = sorted((_band(entry, max_points) for entry in raw), key=lambda b: b.min_index)
    minimums = [band.min_index for band in bands]
    if len(set(minimums)) != len(minimums):
        raise ValueError(_("Mỗi mức chỉ số tối thiểu chỉ được khai một lần."))
    for lower, higher in pairwise(bands):
        if higher.points < lower.points:
            raise ValueError(
                _("Khung có chỉ số cao hơn không được ít điểm hơn (từ %(m)s).")
                % {"m": f"{higher.min_index:.2f}".replace(".", ",")}
            )
    return tuple(bands)


def _band(entry: Any, max_points: Decimal) -> Band:
    if not isinstance(entry, Mapping):
        raise ValueError(_("Mỗi khung cần chỉ số tối thiểu và số điểm."))
    min_index = _decimal(entry.get("min_index"), _("chỉ số tối thiểu"))
    points = _decimal(entry.get("points"), _("số điểm"))
    if not Decimal(0) <= min_index <= HUNDRED:
        raise ValueError(_("Chỉ số tối thiểu phải từ 0 đến 100."))
    if not Decimal(0) <= points <= max_points:
        raise ValueError(
            _("Số điểm của mỗi khung phải từ 0 đến %(max)s.")
            % {"max": f"{max_points:.2f}".replace(".", ",")}
        )
    return Band(min_index=min_index.quantize(CENT), points=points.quantize(CENT))


def _decimal(value: Any, what: str) -> Decimal:
    if isinstance(value, bool) or value is None or value == "":
        raise ValueError(_("Thiếu %(what)s.") % {"what": what})
    try:
        number = Decimal(str(value).strip().replace(",", "."))
    except InvalidOperation:
        raise ValueError(
            _("«%(value)s» không phải là số (%(what)s).") % {"value": value, "what": what}
        ) from None
    if not number.is_finite():
        raise ValueError(
            _("«%(value)s» không phải là số (%(what)s).") % {"value": value, "what": what}
        )
    return number


def bands_from_text(text: str) -> list[dict[str, str]]:
    """Bands typed one per line as ``min_index: points`` (``90: 2`` or ``80,5 : 1,5``)."""
    rows: list[dict[str, str]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        left, sep, right = line.partition(":")
        if not sep:
            raise ValueError(
                _("Dòng %(n)s: viết «chỉ số tối thiểu: số điểm», ví dụ «90: 2».") % {"n": number}
            )
        rows.append({"min_index": left.strip(), "points": right.strip()})
    return rows


def bands_to_text(bands: Any) -> str:
    """The inverse of ``bands_from_text``, highest band first, with decimal commas."""
    lines = []
    for entry in sorted(bands or [], key=lambda e: Decimal(str(e["min_index"])), reverse=True):
        low = f"{Decimal(str(entry['min_index'])):.2f}".replace(".", ",")
        pts = f"{Decimal(str(entry['points'])):.2f}".replace(".", ",")
        lines.append(f"{low}: {pts}")
    return "\n".join(lines)


def format_points(value: Decimal | None, empty: str = "–") -> str:
    """``Decimal("1.73")`` → ``"1,73"``; ``None`` → ``"–"`` (no index is no points)."""
    if value is None:
        return empty
    return f"{value.quantize(CENT, rounding=ROUND_HALF_UP):.2f}".replace(".", ",")
