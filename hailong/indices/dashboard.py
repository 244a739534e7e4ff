"""Reads for the ward dashboard: the figures of one wave of one unit, from the running aggregates.

Everything here reads ``ResponseDayCount`` / ``AnswerMonthCount`` (cost bounded by the number of
aggregate cells, not of responses) and hands counts to the engine through ``spec.compute``.
Raw responses are read only by ``hailong.indices.crosstabs`` (demographic cross-tabs, bounded).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.db.models import Q, Sum
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from hailong.indices import engine
from hailong.indices import selectors as sel
from hailong.indices import spec as method_spec
from hailong.indices.models import ANSWERED, BLANK, AnswerMonthCount, ResponseDayCount
from hailong.surveys.definition import Definition
from hailong.surveys.models import MethodVersion, SurveyWave
from hailong.units.models import AdministrativeUnit

GRAINS = ("month", "quarter", "year")
ROMAN = ("I", "II", "III", "IV")
ItemCounts = dict[str, dict[Any, float]]


@lru_cache(maxsize=256)
def definition_for_version(version_id: int) -> Definition:
    """A published method version's definition (immutable, so cached)."""
    return MethodVersion.objects.get(pk=version_id).parsed()


def overall_interval(overall: float | None, n: float) -> tuple[float, float] | None:
    """An approximate 95% interval of the overall index: Wilson on the overall share with the
    number of responses as n (each respondent counted once, so wider than item-level precision
    would suggest; honest for small wards)."""
    if overall is None or n <= 0:
        return None
    return engine.wilson_interval(min(n, max(0.0, overall / 100 * n)), n)


@dataclass(frozen=True)
class Headline:
    overall: float | None
    ci: tuple[float, float] | None
    n: float


@dataclass(frozen=True)
class Level:
    value: int
    label: str
    count: float


@dataclass(frozen=True)
class ItemRow:
    code: str
    text: str
    element: str
    n: float
    satisfied_pct: float | None
    ci: tuple[float, float] | None
    mean: float | None
    levels: tuple[Level, ...]
    blank: float
    not_applicable: float


@dataclass(frozen=True)
class Named:
    code: str
    name: str
    index: float | None


@dataclass(frozen=True)
class WardFigures:
    method: str
    headline: Headline
    parts: tuple[Named, ...]
    elements: tuple[Named, ...]
    items: tuple[ItemRow, ...]  # weakest first; items without answers last
    perception: tuple[Named, ...]
    priority: tuple[Named, ...]
    raw: dict[str, Any]


def method_label(version: MethodVersion) -> str:
    """``sipas-2017 v1``: which method version produced the figures."""
    return f"{version.method.code} v{version.number}"


def figures_from_counts(
    version: MethodVersion, n: float, items: Mapping[str, Mapping[Any, float]]
) -> WardFigures:
    """Every figure of a method version from counts, labelled and ordered for the screen."""
    definition = definition_for_version(version.pk)
    raw = method_spec.compute(sel.spec_for_version(version.pk), n, items)
    lang = get_language()
    element_of = {code: e.code for e in definition.elements for code in e.items}
    rows = [
        _item_row(definition, code, stats, element_of.get(code, ""), lang)
        for code, stats in raw["items"].items()
    ]
    rows.sort(key=_weakest_first)
    parts = {p.code: p.name.get(lang) for p in definition.formula.parts}
    return WardFigures(
        method=method_label(version),
        headline=Headline(raw["overall"], overall_interval(raw["overall"], n), n),
        parts=tuple(Named(c, parts.get(c, c), v) for c, v in raw["parts"].items()),
        elements=tuple(
            Named(e.code, e.name.get(lang), raw["elements"].get(e.code))
            for e in definition.elements
        ),
        items=tuple(rows),
        perception=tuple(
            Named(p.code, p.name.get(lang), raw["perception"].get(p.code))
            for p in definition.formula.perception
        ),
        priority=tuple(
            Named(c, definition.item(c).text.get(lang), raw["priority"]["shares"].get(c))
            for c in raw["priority"]["ranked"]
        ),
        raw=raw,
    )


def _weakest_first(row: ItemRow) -> tuple[bool, float, str]:
    return (row.satisfied_pct is None, row.satisfied_pct or 0.0, row.code)


def _item_row(
    definition: Definition, code: str, stats: dict[str, Any], element: str, lang: str | None
) -> ItemRow:
    item = definition.item(code)
    scale = definition.scale_of(item)
    labels = {o.value: o.label.get(lang) for o in scale.options} if scale else {}
    levels = tuple(
        Level(int(v), labels.get(int(v), v), c) for v, c in stats["distribution"].items()
    )
    ci = stats["ci95"]
    return ItemRow(
        code=code,
        text=item.text.get(lang),
        element=element,
        n=stats["n"],
        satisfied_pct=stats["satisfied_pct"],
        ci=(ci[0], ci[1]) if ci else None,
        mean=stats["mean"],
        levels=levels,
        blank=stats["blank"],
        not_applicable=stats["not_applicable"],
    )


def ward_figures(
    *, unit: AdministrativeUnit, wave: SurveyWave, filters: sel.Filters
) -> WardFigures:
    """The dashboard's main figures: one wave, the unit's subtree, the filters."""
    found = sel.counts(wave_ids=[wave.pk], units=[unit], filters=filters)
    return figures_from_counts(wave.method_version, found.n, found.items)


# -- trend over periods ------------------------------------------------------------------------


def period_start(day: dt.date, grain: str) -> dt.date:
    if grain == "year":
        return day.replace(month=1, day=1)
    if grain == "quarter":
        return day.replace(month=(day.month - 1) // 3 * 3 + 1, day=1)
    return day.replace(day=1)


def period_label(start: dt.date, grain: str) -> str:
    if grain == "year":
        return str(start.year)
    if grain == "quarter":
        return _("Quý %(q)s/%(y)s") % {"q": ROMAN[(start.month - 1) // 3], "y": start.year}
    return start.strftime("%m/%Y")


@dataclass(frozen=True)
class Point:
    label: str
    start: dt.date | None
    n: float
    overall: float | None
    note: str = ""


def _unit_wave_where(unit: AdministrativeUnit, wave_ids: Iterable[int]) -> Q:
    return Q(wave_id__in=list(wave_ids)) & sel.subtree_q([unit])


def trend_periods(
    *, unit: AdministrativeUnit, wave: SurveyWave, filters: sel.Filters, grain: str
) -> list[Point]:
    """The overall index and n per month, quarter or year of the wave (two queries)."""
    return figures_and_periods(unit=unit, wave=wave, filters=filters, grain=grain)[1]


def figures_and_periods(
    *, unit: AdministrativeUnit, wave: SurveyWave, filters: sel.Filters, grain: str
) -> tuple[WardFigures, list[Point]]:
    """The wave's figures and its trend over periods from the same two grouped queries.

    1. Responses per day and answer cells per month (the filters applied).
    2. Per period: its days' responses and its months' cells through the engine.
    3. The whole wave: every period added up (what ``ward_figures`` computes).
    """
    where = _unit_wave_where(unit, [wave.pk])
    days = sel._filtered(ResponseDayCount.objects.filter(where), filters, by_day=True)
    n_by: dict[dt.date, float] = defaultdict(float)
    for day, total in days.values_list("day").annotate(total=Sum("count")).order_by():
        n_by[period_start(day, grain)] += total
    months = sel._filtered(AnswerMonthCount.objects.filter(where), filters, by_day=False)
    counts: dict[dt.date, ItemCounts] = defaultdict(dict)
    everything: ItemCounts = {}
    rows = months.values_list("month", "item_code", "value").annotate(total=Sum("count"))
    for month, code, value, total in rows.order_by():
        _add_cell(counts[period_start(month, grain)], code, value, total)
        _add_cell(everything, code, value, total)
    spec = sel.spec_for_version(wave.method_version_id)
    points = [
        Point(
            period_label(start, grain),
            start,
            n_by.get(start, 0.0),
            method_spec.compute(spec, n_by.get(start, 0.0), counts.get(start, {}))["overall"],
        )
        for start in sorted(set(n_by) | set(counts))
    ]
    figures = figures_from_counts(wave.method_version, sum(n_by.values()), everything)
    return figures, points


def _add_cell(target: ItemCounts, code: str, value: int, total: float) -> None:
    if value == ANSWERED:
        return
    cell = target.setdefault(code, defaultdict(float))
    cell[None if value == BLANK else value] += total


# -- trend across waves (the unit's own, and its predecessors' through the 2025 links) ---------


def trend_waves(*, unit: AdministrativeUnit, filters: sel.Filters) -> list[Point]:
    """The overall index and n of every wave of the unit and of the units it succeeded.

    1. Weights: the unit 1, each predecessor its share (``selectors.successor_weights``).
    2. Two aggregate queries grouped by wave and unit over all those units.
    3. Per wave, the weighted counts through its own method version.
    """
    weights = sel.successor_weights(unit)
    waves = list(
        SurveyWave.objects.filter(unit_id__in=list(weights))
        .select_related("unit", "method_version__method")
        .order_by("opens_on", "pk")
    )
    if not waves:
        return []
    where = Q(wave_id__in=[w.pk for w in waves])
    n_by: dict[int, float] = defaultdict(float)
    days = sel._filtered(ResponseDayCount.objects.filter(where), filters, by_day=True)
    for wave_id, unit_id, total in (
        days.values_list("wave_id", "unit_id").annotate(total=Sum("count")).order_by()
    ):
        n_by[wave_id] += total * weights.get(unit_id, 0.0)
    counts: dict[int, ItemCounts] = defaultdict(dict)
    months = sel._filtered(AnswerMonthCount.objects.filter(where), filters, by_day=False)
    rows = months.values_list("wave_id", "unit_id", "item_code", "value").annotate(
        total=Sum("count")
    )
    for wave_id, unit_id, code, value, total in rows.order_by():
        _add_cell(counts[wave_id], code, value, total * weights.get(unit_id, 0.0))
    return [_wave_point(w, unit, weights, n_by, counts) for w in waves if n_by.get(w.pk)]


def _wave_point(
    wave: SurveyWave,
    unit: AdministrativeUnit,
    weights: Mapping[int, float],
    n_by: Mapping[int, float],
    counts: Mapping[int, ItemCounts],
) -> Point:
    spec = sel.spec_for_version(wave.method_version_id)
    overall = method_spec.compute(spec, n_by[wave.pk], counts.get(wave.pk, {}))["overall"]
    note = method_label(wave.method_version)
    if wave.unit_id != unit.pk:
        share = engine.format_pct(weights[wave.unit_id] * 100)
        note += " · " + _("%(unit)s, tỷ trọng %(share)s%%") % {
            "unit": wave.unit.name,
            "share": share,
        }
    return Point(f"{wave.name} ({wave.opens_on:%Y})", None, n_by[wave.pk], overall, note)


# -- breakdowns from the aggregates ------------------------------------------------------------


@dataclass(frozen=True)
class Category:
    key: str
    label: str
    n: float
    overall: float | None


AGGREGATE_DIMENSIONS = {"channel": "channel", "source": "source_key", "type": "respondent_type"}


def breakdown_aggregate(
    *,
    unit: AdministrativeUnit,
    wave: SurveyWave,
    filters: sel.Filters,
    dimension: str,
    labels: Mapping[str, str],
) -> list[Category]:
    """n and overall index per channel, source or respondent type (two grouped queries)."""
    column = AGGREGATE_DIMENSIONS[dimension]
    where = _unit_wave_where(unit, [wave.pk])
    days = sel._filtered(ResponseDayCount.objects.filter(where), filters, by_day=True)
    n_by: dict[str, float] = defaultdict(float)
    for key, total in days.values_list(column).annotate(total=Sum("count")).order_by():
        n_by[str(key)] += total
    counts: dict[str, ItemCounts] = defaultdict(dict)
    months = sel._filtered(AnswerMonthCount.objects.filter(where), filters, by_day=False)
    rows = months.values_list(column, "item_code", "value").annotate(total=Sum("count"))
    for key, code, value, total in rows.order_by():
        _add_cell(counts[str(key)], code, value, total)
    spec = sel.spec_for_version(wave.method_version_id)
    result = [
        Category(
            key,
            labels.get(key, key),
            n,
            method_spec.compute(spec, n, counts.get(key, {}))["overall"],
        )
        for key, n in n_by.items()
    ]
    return sorted(result, key=lambda c: (-c.n, c.label))


# -- sample progress ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Progress:
    target: int
    valid: int
    flagged: int
    excluded: int

    @property
    def percent(self) -> float:
        return min(100.0, 100 * self.valid / self.target) if self.target else 0.0


def sample_progress(wave: SurveyWave) -> Progress:
    """Responses received against the wave's target, by status (one grouped query)."""
    by_status = dict(
        ResponseDayCount.objects.filter(wave_id=wave.pk)
        .values_list("status")
        .annotate(total=Sum("count"))
        .order_by()
    )
    return Progress(
        target=wave.target_sample,
        valid=int(by_status.get("valid", 0)),
        flagged=int(by_status.get("flagged", 0)),
        excluded=int(by_status.get("excluded", 0)),
    )


def waves_with_counts(unit: AdministrativeUnit) -> list[tuple[SurveyWave, int]]:
    """The unit's own waves, newest first, each with its number of responses (two queries)."""
    waves = list(
        SurveyWave.objects.filter(unit=unit)
        .select_related("method_version__method")
        .order_by("-opens_on", "-pk")
    )
    totals = dict(
        ResponseDayCount.objects.filter(wave_id__in=[w.pk for w in waves])
        .values_list("wave_id")
        .annotate(total=Sum("count"))
        .order_by()
    )
    return [(w, int(totals.get(w.pk, 0))) for w in waves]


def default_wave(waves: list[tuple[SurveyWave, int]]) -> SurveyWave | None:
    """The latest wave with responses, else the latest wave."""
    with_data = [w for w, n in waves if n]
    if with_data:
        return with_data[0]
    return waves[0][0] if waves else None
