"""The city/province ranking of commune-level units by their overall index.

Cost is bounded: one aggregate query grouped by unit for the answers, one for the response
counts, one for the succession links, whatever the number of wards. Units are compared on one
method version and one year of waves at a time (like with like). Two views of the 2025 map
change (sipas-method.md §10): ``mapped`` ranks today's wards, each with its predecessors' data
weighted by the recorded shares; otherwise the wards are ranked as they were.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from django.db.models import Q, Sum
from django.utils import timezone

from hailong.core.text import vi_sort_key
from hailong.indices import engine, smallcells
from hailong.indices import selectors as sel
from hailong.indices import spec as method_spec
from hailong.indices.dashboard import ItemCounts, _add_cell, method_label, overall_interval
from hailong.indices.models import AnswerMonthCount, ResponseDayCount
from hailong.surveys.models import MethodVersion, SurveyWave
from hailong.units.models import AdministrativeUnit, UnitLevel, UnitSuccession

SORTS = ("hang", "chi-so-tang", "ten", "so-phieu")


@dataclass(frozen=True)
class RankingQuery:
    version_id: int
    year: int
    mapped: bool = True
    district_id: int | None = None
    min_n: int = 0
    sort: str = "hang"


@dataclass(frozen=True)
class RankRow:
    unit: AdministrativeUnit
    district: str
    n: float
    overall: float | None
    ci: tuple[float, float] | None
    rank: int | None
    suppressed: bool
    sources: tuple[str, ...]  # "Phường Vĩnh Phúc (100,00%)" for a mapped row


@dataclass(frozen=True)
class Options:
    years: list[int]
    versions: list[MethodVersion]
    districts: list[AdministrativeUnit]
    by_year: dict[int, set[int]]  # year → method versions its waves use


def ranking_options(province: AdministrativeUnit) -> Options:
    """What the filters can choose: years and method versions of the province's waves, and its
    (historic) districts."""
    waves = SurveyWave.objects.filter(unit__path__startswith=province.path)
    by_year: dict[int, set[int]] = defaultdict(set)
    for opens_on, version_id in waves.values_list("opens_on", "method_version_id"):
        by_year[opens_on.year].add(version_id)
    years = sorted(by_year, reverse=True)
    versions = list(
        MethodVersion.objects.filter(waves__in=waves)
        .select_related("method")
        .distinct()
        .order_by("method__code", "number")
    )
    districts = list(
        AdministrativeUnit.objects.filter(
            path__startswith=province.path, level=UnitLevel.DISTRICT
        ).order_by("name")
    )
    districts = sorted(districts, key=lambda u: vi_sort_key(u.name))
    return Options(years, versions, districts, dict(by_year))


def default_query(
    province: AdministrativeUnit, options: Options, year: int | None = None
) -> RankingQuery | None:
    """The latest year that has waves (or ``year``), on the method version most of that year's
    waves use."""
    if not options.years or not options.versions:
        return None
    year = year if year in options.years else options.years[0]
    used = (
        SurveyWave.objects.filter(unit__path__startswith=province.path, opens_on__year=year)
        .values_list("method_version_id")
        .annotate(total=Sum("target_sample"))
        .order_by("-total")
        .first()
    )
    version_id = used[0] if used else options.versions[0].pk
    return RankingQuery(version_id=version_id, year=year)


def _counts_by_unit(
    province: AdministrativeUnit, query: RankingQuery
) -> tuple[dict[int, float], dict[int, ItemCounts]]:
    """Response and answer counts per unit: two aggregate queries grouped by unit."""
    waves = SurveyWave.objects.filter(
        unit__path__startswith=province.path,
        method_version_id=query.version_id,
        opens_on__year=query.year,
    ).values("pk")
    where = Q(wave_id__in=waves, status="valid")
    n_by: dict[int, float] = defaultdict(float)
    for unit_id, total in (
        ResponseDayCount.objects.filter(where)
        .values_list("unit_id")
        .annotate(total=Sum("count"))
        .order_by()
    ):
        n_by[unit_id] += total
    counts: dict[int, ItemCounts] = defaultdict(dict)
    for unit_id, code, value, total in (
        AnswerMonthCount.objects.filter(where)
        .values_list("unit_id", "item_code", "value")
        .annotate(total=Sum("count"))
        .order_by()
    ):
        _add_cell(counts[unit_id], code, value, total)
    return n_by, counts


def _communes(province: AdministrativeUnit, query: RankingQuery) -> list[AdministrativeUnit]:
    units = AdministrativeUnit.objects.filter(
        path__startswith=province.path, level=UnitLevel.COMMUNE
    ).select_related("parent")
    if query.mapped:
        return list(units.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=timezone.localdate())))
    first, last = dt.date(query.year, 1, 1), dt.date(query.year, 12, 31)
    units = units.filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=last),
        Q(valid_to__isnull=True) | Q(valid_to__gte=first),
    )
    if query.district_id:
        district = AdministrativeUnit.objects.filter(pk=query.district_id).first()
        units = units.filter(path__startswith=district.path) if district else units.none()
    return list(units)


def weights_from_links(
    unit_id: int, links: Iterable[tuple[int, int, Decimal | None]]
) -> dict[int, float]:
    """``selectors.successor_weights`` on links already loaded (predecessor, successor, share)."""
    backwards: dict[int, list[tuple[int, float]]] = defaultdict(list)
    for old, new, share in links:
        backwards[new].append((old, float(share if share is not None else Decimal(1))))
    weights = {unit_id: 1.0}
    frontier = {unit_id: 1.0}
    while frontier:
        following: dict[int, float] = defaultdict(float)
        for new, weight in frontier.items():
            for old, part in backwards.get(new, ()):
                if old not in weights:
                    following[old] += weight * part
        weights.update(following)
        frontier = dict(following)
    return weights


def _commune_of(unit_ids: Iterable[int], communes: set[int]) -> dict[int, int]:
    """Each unit with data → the commune-level unit it is (or lies in)."""
    result = {}
    for pk, path in AdministrativeUnit.objects.filter(pk__in=list(unit_ids)).values_list(
        "pk", "path"
    ):
        ids = [int(p) for p in path.strip("/").split("/") if p]
        owner = next((i for i in ids if i in communes), None)
        if owner is not None:
            result[pk] = owner
    return result


def ranking(
    province: AdministrativeUnit, query: RankingQuery, *, own_paths: tuple[str, ...]
) -> list[RankRow]:
    """Every commune-level unit of ``province``, ranked by overall index.

    1. Counts per unit for the year's waves on the method version (two grouped queries).
    2. Per row, the counts of the ward itself (historic view) or of the ward and its
       predecessors weighted by their shares (mapped view); sub-units roll up to their ward.
    3. Overall index, approximate interval and n per row; small cells of other wards than the
       viewer's own are suppressed and left unranked.
    4. Minimum n, ranks (ties at two decimals share a rank), then the requested order.
    """
    n_by, counts = _counts_by_unit(province, query)
    communes = _communes(province, query)
    links: list[tuple[int, int, Decimal | None]] = []
    if query.mapped:
        links = list(
            UnitSuccession.objects.filter(successor__path__startswith=province.path).values_list(
                "predecessor_id", "successor_id", "share"
            )
        )
    all_communes = set(
        AdministrativeUnit.objects.filter(
            path__startswith=province.path, level=UnitLevel.COMMUNE
        ).values_list("pk", flat=True)
    )
    owner = _commune_of(set(n_by) | set(counts), all_communes)
    n_w, c_w = _roll_up(n_by, counts, owner)
    names = dict(AdministrativeUnit.objects.filter(pk__in=all_communes).values_list("pk", "name"))
    spec = sel.spec_for_version(query.version_id)
    rows = []
    for unit in communes:
        weights = weights_from_links(unit.pk, links) if query.mapped else {unit.pk: 1.0}
        n, items = _combine(weights, n_w, c_w)
        if n < query.min_n:
            continue
        overall = method_spec.compute(spec, n, items)["overall"] if n else None
        hidden = bool(n) and not smallcells.is_own(unit, own_paths) and smallcells.is_small(n)
        rows.append(
            RankRow(
                unit=unit,
                district=_district(unit),
                n=n,
                overall=None if hidden else overall,
                ci=None if hidden else overall_interval(overall, n),
                rank=None,
                suppressed=hidden,
                sources=_sources(unit.pk, weights, n_w, names),
            )
        )
    return _order(_ranked(rows), query.sort)


def _roll_up(
    n_by: Mapping[int, float], counts: Mapping[int, ItemCounts], owner: Mapping[int, int]
) -> tuple[dict[int, float], dict[int, ItemCounts]]:
    n_w: dict[int, float] = defaultdict(float)
    c_w: dict[int, ItemCounts] = defaultdict(dict)
    for unit_id, n in n_by.items():
        if unit_id in owner:
            n_w[owner[unit_id]] += n
    for unit_id, items in counts.items():
        if unit_id not in owner:
            continue
        target = c_w[owner[unit_id]]
        for code, cell in items.items():
            merged = target.setdefault(code, defaultdict(float))
            for value, count in cell.items():
                merged[value] += count
    return n_w, c_w


def _combine(
    weights: Mapping[int, float], n_w: Mapping[int, float], c_w: Mapping[int, ItemCounts]
) -> tuple[float, ItemCounts]:
    n = 0.0
    items: ItemCounts = {}
    for unit_id, weight in weights.items():
        n += n_w.get(unit_id, 0.0) * weight
        for code, cell in c_w.get(unit_id, {}).items():
            merged = items.setdefault(code, defaultdict(float))
            for value, count in cell.items():
                merged[value] += count * weight
    return n, items


def _district(unit: AdministrativeUnit) -> str:
    parent = unit.parent
    return parent.name if parent is not None and parent.level == UnitLevel.DISTRICT else ""


def _sources(
    unit_id: int, weights: Mapping[int, float], n_w: Mapping[int, float], names: Mapping[int, str]
) -> tuple[str, ...]:
    return tuple(
        f"{names.get(pk, pk)} ({engine.format_pct(weight * 100)}%)"
        for pk, weight in weights.items()
        if pk != unit_id and n_w.get(pk)
    )


def _ranked(rows: list[RankRow]) -> list[RankRow]:
    """Competition ranking (1, 1, 3) on the published (rounded) figure; no figure, no rank."""
    order = sorted(
        (r for r in rows if r.overall is not None),
        key=lambda r: -(engine.round_pct(r.overall) or 0),
    )
    ranks: dict[int, int] = {}
    previous: Any = None
    for position, row in enumerate(order, start=1):
        value = engine.round_pct(row.overall)
        if value != previous:
            rank, previous = position, value
        ranks[row.unit.pk] = rank
    return [replace(r, rank=ranks.get(r.unit.pk)) for r in rows]


def _order(rows: list[RankRow], sort: str) -> list[RankRow]:
    unranked_last = float("inf")
    keys: dict[str, Any] = {
        "hang": lambda r: (r.rank or unranked_last, vi_sort_key(r.unit.name)),
        "chi-so-tang": lambda r: (
            r.overall is None,
            r.overall if r.overall is not None else 0.0,
            vi_sort_key(r.unit.name),
        ),
        "ten": lambda r: vi_sort_key(r.unit.name),
        "so-phieu": lambda r: (-r.n, vi_sort_key(r.unit.name)),
    }
    return sorted(rows, key=keys.get(sort, keys["hang"]))


def version_label(version_id: int) -> str:
    version = MethodVersion.objects.select_related("method").get(pk=version_id)
    return method_label(version)
