"""Reads for dashboards: figures from the running aggregates, never from raw responses.

The cost of ``figures`` depends on the number of aggregate cells that match (units × months ×
channels × sources × items × values), not on the number of responses.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import Any

from django.db.models import Q, QuerySet, Sum

from hailong.indices import spec as method_spec
from hailong.indices.models import ANSWERED, BLANK, AnswerMonthCount, ResponseDayCount
from hailong.units.models import AdministrativeUnit, UnitSuccession


@dataclass(frozen=True)
class Filters:
    """Dashboard filters. Dates are inclusive; answers are kept per month, so a period filter
    on answers widens to whole months (the response counts stay exact to the day)."""

    date_from: dt.date | None = None
    date_to: dt.date | None = None
    channels: tuple[str, ...] = ()
    sources: tuple[int, ...] = ()
    respondent_types: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ("valid",)

    def months(self) -> tuple[dt.date | None, dt.date | None]:
        start = self.date_from.replace(day=1) if self.date_from else None
        end = self.date_to.replace(day=1) if self.date_to else None
        return start, end


@dataclass
class Counts:
    n: float = 0
    items: dict[str, dict[Any, float]] = field(default_factory=dict)


def subtree_q(units: Iterable[AdministrativeUnit], prefix: str = "unit__") -> Q:
    """Rows of any of ``units`` or below them."""
    q = Q(pk__in=[])
    for unit in units:
        q |= Q(**{f"{prefix}path__startswith": unit.path})
    return q


def _filtered(qs: QuerySet[Any], filters: Filters, *, by_day: bool) -> QuerySet[Any]:
    if filters.statuses:
        qs = qs.filter(status__in=filters.statuses)
    if filters.channels:
        qs = qs.filter(channel__in=filters.channels)
    if filters.sources:
        qs = qs.filter(source_key__in=filters.sources)
    if filters.respondent_types:
        qs = qs.filter(respondent_type__in=filters.respondent_types)
    if by_day:
        if filters.date_from:
            qs = qs.filter(day__gte=filters.date_from)
        if filters.date_to:
            qs = qs.filter(day__lte=filters.date_to)
    else:
        start, end = filters.months()
        if start:
            qs = qs.filter(month__gte=start)
        if end:
            qs = qs.filter(month__lte=end)
    return qs


def counts(
    *, wave_ids: Iterable[int], units: Iterable[AdministrativeUnit], filters: Filters
) -> Counts:
    """Responses and per-item value counts for waves, inside the units' subtrees."""
    units = list(units)
    wave_ids = list(wave_ids)
    where = Q(wave_id__in=wave_ids) & subtree_q(units)
    n = _filtered(ResponseDayCount.objects.filter(where), filters, by_day=True).aggregate(
        total=Sum("count")
    )["total"]
    result = Counts(n=n or 0)
    rows = (
        _filtered(AnswerMonthCount.objects.filter(where), filters, by_day=False)
        .values_list("item_code", "value")
        .annotate(total=Sum("count"))
    )
    for code, value, total in rows:
        if value == ANSWERED:
            continue
        cell = result.items.setdefault(code, defaultdict(float))
        cell[None if value == BLANK else value] += total
    return result


@lru_cache(maxsize=256)
def spec_for_version(version_id: int) -> method_spec.MethodSpec:
    """The engine's view of a published method version (immutable, so cached)."""
    from hailong.surveys.models import MethodVersion

    return method_spec.MethodSpec.of(MethodVersion.objects.get(pk=version_id).parsed())


def figures(
    *,
    version_id: int,
    wave_ids: Iterable[int],
    units: Iterable[AdministrativeUnit],
    filters: Filters | None = None,
) -> dict[str, Any]:
    """Every index (the public JSON shape of ``spec.compute``) for one method version."""
    found = counts(wave_ids=wave_ids, units=units, filters=filters or Filters())
    return method_spec.compute(spec_for_version(version_id), found.n, found.items)


def successor_weights(unit: AdministrativeUnit) -> dict[int, float]:
    """``{unit id: weight}`` of ``unit`` and every historic unit that became (part of) it.

    Follows successor links backwards; a link without a share counts whole (1). Weights
    multiply along chains (old → middle → new).
    """
    weights: dict[int, float] = {unit.pk: 1.0}
    frontier = {unit.pk: 1.0}
    while frontier:
        links = UnitSuccession.objects.filter(successor_id__in=frontier).values_list(
            "predecessor_id", "successor_id", "share"
        )
        nxt: dict[int, float] = defaultdict(float)
        for old, new, share in links:
            weight = frontier[new] * float(share if share is not None else Decimal(1))
            if old not in weights:
                nxt[old] += weight
        weights.update(nxt)
        frontier = dict(nxt)
    return weights


def mapped_counts(*, unit: AdministrativeUnit, wave_ids: Iterable[int], filters: Filters) -> Counts:
    """Counts for ``unit`` including its predecessors' data, weighted by their shares."""
    weights = successor_weights(unit)
    by_unit = AdministrativeUnit.objects.in_bulk(list(weights))
    total = Counts()
    for unit_id, weight in weights.items():
        part = counts(wave_ids=wave_ids, units=[by_unit[unit_id]], filters=filters)
        _add(total, part, weight)
    return total


def _add(total: Counts, part: Counts, weight: float) -> None:
    total.n += part.n * weight
    for code, counter in part.items.items():
        target = total.items.setdefault(code, defaultdict(float))
        for value, count in counter.items():
            target[value] += count * weight
