"""Reads of published results. Public pages read nothing else.

``latest_snapshot(unit)`` is the entry point other apps use (the ward's public home page shows
``publication/_summary_card.html`` with it).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Max, Q, QuerySet

from hailong.core.text import vi_sort_key
from hailong.indices import engine
from hailong.publication.models import SelectedComment, Snapshot
from hailong.responses.models import Response, ResponseStatus
from hailong.surveys.models import SurveyWave
from hailong.units.models import AdministrativeUnit, UnitLevel

# Everything a page needs to pick a snapshot and key its cache, without the figures JSON.
LIGHT_FIELDS = (
    "pk",
    "unit_id",
    "scope_key",
    "year",
    "method_label",
    "period_from",
    "period_to",
    "published_at",
    "corrects_id",
)


def _current() -> QuerySet[Snapshot]:
    """Snapshots no correction has replaced."""
    return Snapshot.objects.filter(correction__isnull=True)


def latest_snapshot(unit: AdministrativeUnit) -> Snapshot | None:
    """The unit's current published snapshot of its latest year (newest publication first)."""
    return _current().filter(unit=unit).order_by("-year", "-published_at", "-pk").first()


@dataclass(frozen=True)
class UnitSnapshots:
    """A unit's snapshots (figures not loaded): the latest current one, all of them for the
    history list, and the newest id (the cache version: any new publication changes it)."""

    rows: list[Snapshot]
    replaced: set[int]  # ids of snapshots a correction replaced

    @property
    def version(self) -> int:
        return max((s.pk for s in self.rows), default=0)

    def latest(self) -> Snapshot | None:
        current = [s for s in self.rows if s.pk not in self.replaced]
        current.sort(key=lambda s: (s.year, s.published_at, s.pk), reverse=True)
        return current[0] if current else None

    def get(self, pk: int) -> Snapshot | None:
        return next((s for s in self.rows if s.pk == pk), None)

    def correction_of(self, snapshot: Snapshot) -> Snapshot | None:
        return next((s for s in self.rows if s.corrects_id == snapshot.pk), None)

    def history(self) -> list[Snapshot]:
        return sorted(self.rows, key=lambda s: (s.year, s.published_at, s.pk), reverse=True)


def unit_snapshots(unit_id: int) -> UnitSnapshots:
    """Every snapshot of a unit without its figures: one query."""
    rows = list(Snapshot.objects.filter(unit_id=unit_id).only(*LIGHT_FIELDS))
    return UnitSnapshots(rows, {s.corrects_id for s in rows if s.corrects_id})


def snapshot_figures(snapshot_id: int) -> dict[str, Any]:
    figures: dict[str, Any] = Snapshot.objects.values_list("figures", flat=True).get(pk=snapshot_id)
    return figures


def history(unit: AdministrativeUnit) -> QuerySet[Snapshot]:
    """All of a unit's snapshots, newest first, with who published and what replaced them."""
    return (
        Snapshot.objects.filter(unit=unit)
        .select_related("published_by", "correction", "corrects")
        .defer("figures")
        .order_by("-year", "-published_at", "-pk")
    )


def current_for_scope(unit: AdministrativeUnit, scope_key: str) -> Snapshot | None:
    return _current().filter(unit=unit, scope_key=scope_key).first()


# -- the province's ranking on published snapshots ---------------------------------------------


@dataclass(frozen=True)
class RankedWard:
    unit: AdministrativeUnit
    snapshot_id: int | None
    method: str
    n: float | None
    value: float | None
    ci95: tuple[float, float] | None
    suppressed: bool
    rank: int | None
    published_on: Any


@dataclass(frozen=True)
class ProvinceRanking:
    province: AdministrativeUnit
    years: list[int]
    year: int | None
    rows: list[RankedWard]
    methods: list[str]


def province_version(province: AdministrativeUnit) -> int:
    """The newest snapshot id under the province: the ranking page's cache version."""
    found = Snapshot.objects.filter(unit__path__startswith=province.path).aggregate(m=Max("pk"))
    return int(found["m"] or 0)


def province_ranking(province: AdministrativeUnit, year: int | None) -> ProvinceRanking:
    """The province's commune-level units ranked on their current published snapshot of a year.

    1. Years that have published snapshots; the one asked for, else the latest.
    2. Communes that existed in that year; each with its current snapshot of the year (the
       latest published if it has several scopes that year), or none ("not published").
    3. Competition ranks (1, 1, 3) on the published two-decimal figure; suppressed and
       unpublished rows unranked, listed after the ranked ones in Vietnamese order.
    """
    snapshots = list(
        _current()
        .filter(unit__path__startswith=province.path)
        .only(*LIGHT_FIELDS, "figures")
        .order_by("published_at", "pk")
    )
    years = sorted({s.year for s in snapshots}, reverse=True)
    chosen = year if year in years else (years[0] if years else None)
    if chosen is None:
        return ProvinceRanking(province, years, None, [], [])
    by_unit = {s.unit_id: s for s in snapshots if s.year == chosen}  # later ones win
    communes = AdministrativeUnit.objects.filter(
        path__startswith=province.path, level=UnitLevel.COMMUNE
    ).filter(
        Q(valid_from__isnull=True) | Q(valid_from__year__lte=chosen),
        Q(valid_to__isnull=True) | Q(valid_to__year__gte=chosen),
    )
    rows = [_ranked_ward(unit, by_unit.get(unit.pk)) for unit in communes]
    rows = _ranks(rows)
    methods = sorted({r.method for r in rows if r.method})
    return ProvinceRanking(province, years, chosen, rows, methods)


def _ranked_ward(unit: AdministrativeUnit, snapshot: Snapshot | None) -> RankedWard:
    if snapshot is None:
        return RankedWard(unit, None, "", None, None, None, False, None, None)
    overall = snapshot.figures["overall"]
    ci = overall.get("ci95")
    return RankedWard(
        unit=unit,
        snapshot_id=snapshot.pk,
        method=snapshot.method_label,
        n=overall["n"],
        value=overall["value"],
        ci95=(ci[0], ci[1]) if ci else None,
        suppressed=bool(overall["suppressed"]),
        rank=None,
        published_on=snapshot.published_at,
    )


def _ranks(rows: Sequence[RankedWard]) -> list[RankedWard]:
    from dataclasses import replace

    ranked = sorted(
        (r for r in rows if r.value is not None), key=lambda r: -(engine.round_pct(r.value) or 0)
    )
    result: list[RankedWard] = []
    previous: Any = None
    rank = 0
    for position, row in enumerate(ranked, start=1):
        value = engine.round_pct(row.value)
        if value != previous:
            rank, previous = position, value
        result.append(replace(row, rank=rank))
    rest = sorted(
        (r for r in rows if r.value is None),
        key=lambda r: (r.snapshot_id is None, vi_sort_key(r.unit.name)),
    )
    return result + rest


# -- free-text answers staff may pick from ------------------------------------------------------

PAGE_SIZE = 25


@dataclass(frozen=True)
class FreeText:
    response_id: int
    item_code: str
    text: str
    submitted_at: Any
    selected: SelectedComment | None


def free_texts(
    unit: AdministrativeUnit, waves: Sequence[SurveyWave], codes: Sequence[str], page: int
) -> tuple[list[FreeText], bool]:
    """Valid responses' answers to the free-text items, newest first, a page at a time; whether
    there is a next page. Reads raw responses (bounded: ``PAGE_SIZE`` + 1 rows)."""
    if not codes:
        return [], False
    has_any = Q(pk__in=[])
    for code in codes:
        present = Q(answers__has_key=code)
        if code.isidentifier():  # a plain key: skip blank answers in the database already
            present &= ~Q(**{f"answers__{code}": ""})
        has_any |= present
    rows = list(
        Response.objects.filter(
            wave__in=list(waves),
            unit__path__startswith=unit.path,
            status=ResponseStatus.VALID,
        )
        .filter(has_any)
        .only("pk", "answers", "submitted_at")
        .order_by("-submitted_at", "-pk")[page * PAGE_SIZE : (page + 1) * PAGE_SIZE + 1]
    )
    chosen = {
        (c.response_id, c.item_code): c
        for c in SelectedComment.objects.filter(response_id__in=[r.pk for r in rows])
    }
    found = []
    for response in rows[:PAGE_SIZE]:
        for code in codes:
            text = response.answers.get(code)
            if isinstance(text, str) and text.strip():
                found.append(
                    FreeText(
                        response.pk,
                        code,
                        text,
                        response.submitted_at,
                        chosen.get((response.pk, code)),
                    )
                )
    return found, len(rows) > PAGE_SIZE


def selected_comments(
    unit: AdministrativeUnit, waves: Sequence[SurveyWave]
) -> list[SelectedComment]:
    return list(
        SelectedComment.objects.filter(unit=unit, wave__in=list(waves)).order_by("-included", "pk")
    )
