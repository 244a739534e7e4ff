"""The figures a publication freezes: computed live for a draft, stored as JSON when published.

``draft_figures`` is the one place that reads live data (the running aggregates, per-dossier
ratings, improvement actions, the staff's redacted comments). Its result is already safe for the
public: every figure computed from fewer answers than the small-cell threshold is replaced by
``null`` with ``"suppressed": true``, so the stored snapshot never holds a small cell at all.

Sources that are themselves public are read only from published snapshots: the trend across
waves (this unit's and its predecessors' earlier publications) and the city average (the
province's current snapshots of the same year and method). Live figures of waves nobody published
never enter a snapshot.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.db.models import Q
from django.utils import timezone

from hailong.indices import dashboard, dossier_stats, engine, smallcells
from hailong.indices import selectors as sel
from hailong.indices import spec as method_spec
from hailong.performance.report_data import ReportScope
from hailong.performance.selectors import province_pk, public_actions
from hailong.publication.models import SelectedComment, Snapshot
from hailong.surveys.definition import Definition, LocalText
from hailong.units.models import AdministrativeUnit

SCHEMA = 1
Json = dict[str, Any]


def _local(text: LocalText | None) -> dict[str, str]:
    return text.to_json() if text is not None else {"vi": "", "en": ""}


def _cell(value: float | None, n: float, threshold: int) -> Json:
    """A figure with its n; the figure removed (not rounded, not kept) below the threshold."""
    small = n < threshold
    return {"value": None if small else value, "n": n, "suppressed": small and n > 0}


def _answered(counts: Mapping[Any, float]) -> float:
    return sum(c for v, c in counts.items() if v is not None and v != "")


def draft_figures(unit: AdministrativeUnit, scope: ReportScope) -> Json:
    """Everything a publication of ``scope`` shows, in the stored JSON shape (schema 1).

    1. Counts of the scope's waves (valid responses, the unit's subtree) through the engine.
    2. Items, elements, parts, perception and priority with their n; small cells removed.
    3. Trend over the waves' months; trend across earlier published snapshots; city average
       from the province's published snapshots.
    4. Per-dossier satisfaction by field over the waves' dates; public improvement actions;
       the comments staff selected, redacted and included.
    """
    waves = list(scope.waves)
    version = waves[0].method_version
    threshold = smallcells.threshold()
    found = sel.counts(wave_ids=[w.pk for w in waves], units=[unit], filters=sel.Filters())
    raw = method_spec.compute(sel.spec_for_version(version.pk), found.n, found.items)
    definition = dashboard.definition_for_version(version.pk)
    period_from = min(w.opens_on for w in waves)
    period_to = max(w.closes_on for w in waves)
    overall = _cell(raw["overall"], found.n, threshold)
    interval = dashboard.overall_interval(raw["overall"], found.n)
    overall["ci95"] = list(interval) if interval and not overall["suppressed"] else None
    items = _items(definition, raw, threshold)
    elements = _elements(definition, raw, items, threshold)
    return {
        "schema": SCHEMA,
        "unit": {"id": unit.pk, "name": unit.name, "code": unit.code or ""},
        "scope": {
            "key": scope.key,
            "year": scope.year,
            "waves": [
                {
                    "id": w.pk,
                    "name": w.name,
                    "opens_on": w.opens_on.isoformat(),
                    "closes_on": w.closes_on.isoformat(),
                }
                for w in waves
            ],
            "from": period_from.isoformat(),
            "to": period_to.isoformat(),
        },
        "method": {
            "code": version.method.code,
            "version": version.number,
            "label": dashboard.method_label(version),
            "name": _local(definition.name),
            "legal_basis": definition.legal_basis,
        },
        "threshold": threshold,
        "overall": overall,
        "parts": _parts(definition, raw, elements, threshold),
        "elements": elements,
        "items": items,
        "perception": [
            {
                "code": p.code,
                "name": _local(p.name),
                **_cell(
                    raw["perception"].get(p.code),
                    _answered(found.items.get(p.item, {})),
                    threshold,
                ),
            }
            for p in definition.formula.perception
        ],
        "priority": [
            {
                "code": code,
                "text": _local(definition.item(code).text),
                **_cell(
                    raw["priority"]["shares"].get(code),
                    _answered(found.items.get(code, {})),
                    threshold,
                ),
            }
            for code in raw["priority"]["ranked"]
        ],
        "trend": {
            "periods": _periods(unit, waves, threshold),
            "waves": _wave_trend(unit, scope, raw["overall"], found.n, threshold),
        },
        "city": _city(unit, scope, version.pk, overall["value"]),
        "dossiers": _dossiers(unit, period_from, period_to, threshold),
        "actions": _actions(unit, threshold),
        "comments": _comments(unit, waves),
    }


def _items(definition: Definition, raw: Json, threshold: int) -> list[Json]:
    rows = []
    for element in definition.elements:
        for code in element.items:
            stats = raw["items"].get(code) or {}
            cell = _cell(stats.get("satisfied_pct"), stats.get("n", 0), threshold)
            hidden = cell["value"] is None
            rows.append(
                {
                    "code": code,
                    "element": element.code,
                    "text": _local(definition.item(code).text),
                    **cell,
                    "ci95": None if hidden else stats.get("ci95"),
                    "mean": None if hidden else stats.get("mean"),
                }
            )
    return rows


def _elements(definition: Definition, raw: Json, items: list[Json], threshold: int) -> list[Json]:
    """An element's n is its best-answered item's; below the threshold the element is hidden."""
    rows = []
    for element in definition.elements:
        n = max((i["n"] for i in items if i["element"] == element.code), default=0)
        rows.append(
            {
                "code": element.code,
                "name": _local(element.name),
                "part": element.part,
                **_cell(raw["elements"].get(element.code), n, threshold),
            }
        )
    return rows


def _parts(definition: Definition, raw: Json, elements: list[Json], threshold: int) -> list[Json]:
    rows = []
    for part in definition.formula.parts:
        n = max((e["n"] for e in elements if e["part"] == part.code), default=0)
        rows.append(
            {
                "code": part.code,
                "name": _local(part.name),
                **_cell(raw["parts"].get(part.code), n, threshold),
            }
        )
    return rows


def _periods(unit: AdministrativeUnit, waves: Iterable[Any], threshold: int) -> list[Json]:
    """The overall index per month of the scope's waves (two grouped queries per wave)."""
    points = []
    for wave in waves:
        _figures, months = dashboard.figures_and_periods(
            unit=unit, wave=wave, filters=sel.Filters(), grain="month"
        )
        for point in months:
            assert point.start is not None
            points.append(
                {"start": point.start.isoformat(), **_cell(point.overall, point.n, threshold)}
            )
    return points


def _wave_trend(
    unit: AdministrativeUnit, scope: ReportScope, overall: float | None, n: float, threshold: int
) -> list[Json]:
    """Earlier published snapshots of the unit and its predecessors, then this publication."""
    weights = sel.successor_weights(unit)
    earlier = (
        Snapshot.objects.filter(unit_id__in=list(weights), correction__isnull=True)
        .exclude(unit=unit, scope_key=scope.key)
        .filter(Q(period_to__lt=min(w.opens_on for w in scope.waves)))
        .select_related("unit")
        .order_by("period_from", "pk")
    )
    rows = [
        {
            "label": s.figures["scope"]["waves"][0]["name"] if s.figures["scope"]["waves"] else "",
            "year": s.year,
            "unit": s.unit.name if s.unit_id != unit.pk else "",
            "share": weights[s.unit_id] if s.unit_id != unit.pk else 1.0,
            "method": s.method_label,
            "value": s.figures["overall"]["value"],
            "n": s.figures["overall"]["n"],
            "suppressed": s.figures["overall"]["suppressed"],
            "snapshot": s.pk,
        }
        for s in earlier
    ]
    current = _cell(overall, n, threshold)
    rows.append(
        {
            "label": scope.waves[0].name if len(scope.waves) == 1 else str(scope.year),
            "year": scope.year,
            "unit": "",
            "share": 1.0,
            "method": dashboard.method_label(scope.waves[0].method_version),
            **current,
            "snapshot": None,
        }
    )
    return rows


def _city(
    unit: AdministrativeUnit, scope: ReportScope, version_id: int, own: float | None
) -> Json | None:
    """The unweighted mean of the province's wards' current published overall indices for the
    same year and method (this publication included), and this ward's rank among them."""
    province = AdministrativeUnit.objects.filter(pk=province_pk(unit)).first()
    if province is None or province.pk == unit.pk:
        return None
    label = dashboard.method_label(scope.waves[0].method_version)
    others: dict[int, float] = {}
    for unit_id, figures in (
        Snapshot.objects.filter(
            unit__path__startswith=province.path,
            year=scope.year,
            method_label=label,
            correction__isnull=True,
        )
        .exclude(unit=unit)
        .order_by("published_at")
        .values_list("unit_id", "figures")
    ):
        value = figures["overall"]["value"]
        if value is not None:
            others[unit_id] = value
    values = [*others.values(), *([own] if own is not None else [])]
    if not values:
        return None
    rounded = sorted((engine.round_pct(v) or Decimal(0) for v in values), reverse=True)
    own_rounded = engine.round_pct(own) if own is not None else None
    return {
        "unit": {"id": province.pk, "name": province.name},
        "average": sum(values) / len(values),
        "wards": len(values),
        "rank": rounded.index(own_rounded) + 1 if own_rounded is not None else None,
        "source": "published_snapshots",
        "method": label,
        "year": scope.year,
        "as_of": timezone.localdate().isoformat(),
    }


def _dossiers(
    unit: AdministrativeUnit, date_from: dt.date, date_to: dt.date, threshold: int
) -> Json:
    rows = dossier_stats.ratings(unit, date_from, date_to)
    total = dossier_stats.total(rows)
    return {
        "from": date_from.isoformat(),
        "to": date_to.isoformat(),
        "total": {"rated": total.rated, **_cell(total.share, total.rated, threshold)},
        "by_field": [
            {"label": r.label, "rated": r.rated, **_cell(r.share, r.rated, threshold)}
            for r in dossier_stats.by_dimension(rows, "field")
        ],
    }


def _actions(unit: AdministrativeUnit, threshold: int) -> list[Json]:
    return [
        {
            "what": a.what,
            "item_code": a.item_code,
            "item_text": a.item_text,
            "wave": a.wave_name,
            "department": a.department,
            "deadline": a.deadline.isoformat(),
            "status": a.status,
            "outcome": a.outcome,
            "completed_on": a.completed_on.isoformat() if a.completed_on else None,
            "baseline": _cell(a.baseline_index, a.baseline_n, threshold),
        }
        for a in public_actions(unit)
    ]


def _comments(unit: AdministrativeUnit, waves: Iterable[Any]) -> list[Json]:
    """Only the redacted wording of comments staff included: never an original answer."""
    rows = SelectedComment.objects.filter(unit=unit, wave__in=list(waves), included=True).order_by(
        "pk"
    )
    return [{"item": c.item_code, "text": c.text} for c in rows]
