"""Compliance of a plan over a period, coverage per residential group, and campaign scores.

The arithmetic is ``compliance`` (pure); this module fetches the rows in a few queries, names
the keys and shapes the result for the page, the report and the emulation ranking.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from typing import Any, cast

from django.utils import timezone
from django.utils.translation import gettext as _

from hailong.campaigns import compliance
from hailong.campaigns.channels import CHANNELS
from hailong.campaigns.compliance import Item, Streak, Tally
from hailong.campaigns.models import CampaignActivity, CampaignPlan, Occurrence, PlanStatus
from hailong.campaigns.recurrence import local_bounds
from hailong.campaigns.wards import residential_groups
from hailong.core.text import vi_sort_key
from hailong.units.models import AdministrativeUnit, Department, MassOrganisation, Officer

FIELDS = (
    "pk",
    "activity_id",
    "target_key",
    "target_label",
    "channel",
    "status",
    "scheduled_at",
    "unit_id",
    "responsible_department_id",
    "responsible_organisation_id",
    "responsible_officer_id",
    "outcome",
)


@dataclass(frozen=True)
class Row:
    key: Hashable
    label: str
    tally: Tally
    count_word: str = ""


@dataclass(frozen=True)
class StreakRow:
    label: str
    first: dt.datetime
    last: dt.datetime
    length: int


@dataclass
class Coverage:
    group: AdministrativeUnit
    leaflets_delivered: int = 0
    leaflet_runs: Tally = field(default_factory=Tally)
    meetings: Tally = field(default_factory=Tally)
    zalo: Tally = field(default_factory=Tally)


@dataclass(frozen=True)
class ComplianceReport:
    start: dt.date
    end: dt.date
    total: Tally
    channels: list[Row]
    responsible: list[Row]
    streaks: list[StreakRow]
    coverage: list[Coverage]


def _rows(plans: Iterable[CampaignPlan], start: dt.date, end: dt.date) -> list[dict[str, Any]]:
    first, after = local_bounds(start, end)
    return list(
        Occurrence.objects.filter(
            plan__in=list(plans), scheduled_at__gte=first, scheduled_at__lt=after
        )
        .order_by("scheduled_at", "pk")
        .values(*FIELDS)
    )


def _item(row: dict[str, Any], keys: tuple[Hashable, ...] = ()) -> Item:
    return Item(
        series=(row["activity_id"], row["target_key"]),
        when=row["scheduled_at"],
        status=row["status"],
        keys=keys,
    )


def compliance_report(
    plan: CampaignPlan,
    start: dt.date,
    end: dt.date,
    *,
    now: dt.datetime | None = None,
    streak_minimum: int = 3,
) -> ComplianceReport:
    """Done against due per channel and per responsible party, streaks of misses, coverage.

    1. Fetch the plan's occurrences in [start, end] (Vietnam dates) as plain rows.
    2. Tally them by channel and by every responsible party they count for.
    3. Find the streaks of misses per activity and target.
    4. Sum the coverage columns of each residential group.
    """
    now = now or timezone.now()
    rows = _rows([plan], start, end)
    items = [
        _item(r, (("channel", r["channel"]), *_responsible_keys(r, plan.unit_id))) for r in rows
    ]
    tallies = compliance.tally_by(items, now)
    channels = [
        Row(key, str(ch.label), tallies[("channel", key)], str(ch.count_word))
        for key, ch in CHANNELS.items()
        if ("channel", key) in tallies
    ]
    names = _names(k for k in tallies if k[0] != "channel")  # type: ignore[index]
    responsible = sorted(
        (Row(k, names.get(k, str(k)), t) for k, t in tallies.items() if k in names),
        key=_responsible_order,
    )
    return ComplianceReport(
        start=start,
        end=end,
        total=compliance.tally(items, now),
        channels=channels,
        responsible=responsible,
        streaks=_streak_rows(compliance.miss_streaks(items, now, minimum=streak_minimum), rows),
        coverage=_coverage(plan, rows, now),
    )


def _responsible_keys(row: dict[str, Any], ward_id: int) -> tuple[Hashable, ...]:
    keys: list[Hashable] = []
    for kind, column in (
        ("department", "responsible_department_id"),
        ("organisation", "responsible_organisation_id"),
        ("officer", "responsible_officer_id"),
    ):
        if row[column] is not None:
            keys.append((kind, row[column]))
    if row["unit_id"] != ward_id:
        keys.append(("group", row["unit_id"]))
    return tuple(keys)


KIND_ORDER = ("department", "officer", "organisation", "group")


def _responsible_order(row: Row) -> tuple[int, tuple[Any, ...]]:
    """Departments, officers, organisations, then groups; by name ("số 2" before "số 10")."""
    kind = cast(tuple[str, int], row.key)[0]
    return (KIND_ORDER.index(kind), vi_sort_key(row.label))


def _names(keys: Iterable[Any]) -> dict[Hashable, str]:
    wanted: dict[str, set[int]] = defaultdict(set)
    for kind, pk in keys:
        wanted[kind].add(pk)
    models: dict[str, Any] = {
        "department": (Department, "name", _("Bộ phận")),
        "organisation": (MassOrganisation, "name", _("Đoàn thể")),
        "officer": (Officer, "full_name", _("Cán bộ")),
        "group": (AdministrativeUnit, "name", _("Tổ dân phố")),
    }
    names: dict[Hashable, str] = {}
    for kind, pks in wanted.items():
        model, attr, prefix = models[kind]
        for pk, obj in model.objects.in_bulk(list(pks)).items():
            names[(kind, pk)] = f"{prefix}: {getattr(obj, attr)}"
    return names


def _streak_rows(streaks: list[Streak], rows: list[dict[str, Any]]) -> list[StreakRow]:
    titles = dict(
        CampaignActivity.objects.filter(pk__in={r["activity_id"] for r in rows}).values_list(
            "pk", "title"
        )
    )
    targets = {(r["activity_id"], r["target_key"]): r["target_label"] for r in rows}
    result = []
    for streak in streaks:
        series = cast(tuple[int, str], streak.series)
        target = targets.get(series, "")
        activity_id = series[0]
        label = titles.get(activity_id, "") + (f" – {target}" if target else "")
        result.append(StreakRow(label, streak.first, streak.last, streak.length))
    return result


def _coverage(plan: CampaignPlan, rows: list[dict[str, Any]], now: dt.datetime) -> list[Coverage]:
    """Per residential group: leaflets delivered and runs, meetings held, Zalo posts."""
    groups = {g.pk: Coverage(g) for g in residential_groups(plan.unit, plan.period_start)}
    planned = _planned_leaflets(rows)
    for row in rows:
        cover = groups.get(row["unit_id"])
        kind = CHANNELS[row["channel"]].coverage if row["channel"] in CHANNELS else None
        if cover is None or kind is None:
            continue
        current = compliance.state(row["status"], row["scheduled_at"], now)
        if kind == "leaflets":
            cover.leaflet_runs.add(current)
            if current == compliance.DONE:
                delivered = row["outcome"].get("delivered") if row["outcome"] else None
                cover.leaflets_delivered += int(
                    delivered if delivered is not None else planned.get(row["pk"], 0)
                )
        else:
            getattr(cover, kind).add(current)
    return list(groups.values())


def _planned_leaflets(rows: list[dict[str, Any]]) -> dict[int, int]:
    """The count each leaflet occurrence was planned to hand out (from its activity's data)."""
    ids = {r["activity_id"] for r in rows if r["channel"] == "leaflet"}
    data = dict(CampaignActivity.objects.filter(pk__in=ids).values_list("pk", "data"))
    planned = {}
    for row in rows:
        if row["channel"] != "leaflet":
            continue
        distribution = (data.get(row["activity_id"]) or {}).get("distribution") or {}
        planned[row["pk"]] = int(distribution.get(row["target_key"].removeprefix("group:"), 0))
    return planned


def month_period(plan: CampaignPlan, month: str | None) -> tuple[dt.date, dt.date, str]:
    """The period a compliance page shows: ``mm/yyyy`` if given and valid, else the month of
    today when inside the plan, else the whole plan. Returns (start, end, chosen key)."""
    chosen = month or ""
    if not chosen:
        today = timezone.localdate()
        if plan.period_start <= today <= plan.period_end:
            chosen = today.strftime("%m/%Y")
    try:
        first = dt.datetime.strptime(f"01/{chosen}", "%d/%m/%Y").date()  # noqa: DTZ007
    except ValueError:
        return plan.period_start, plan.period_end, ""
    last = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    return max(first, plan.period_start), min(last, plan.period_end), chosen


def plan_months(plan: CampaignPlan) -> list[str]:
    """``mm/yyyy`` of every month the plan's period touches."""
    months, day = [], plan.period_start.replace(day=1)
    while day <= plan.period_end:
        months.append(day.strftime("%m/%Y"))
        day = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return months


@dataclass(frozen=True)
class CampaignScores:
    """Share of due campaign items done (0–100) per residential group and per department
    (and per mass organisation); a party with nothing due has no score, never 0."""

    groups: dict[int, float]
    departments: dict[int, float]
    organisations: dict[int, float]
    details: dict[tuple[str, int], Tally]


def campaign_scores(
    unit: AdministrativeUnit,
    period: tuple[dt.date, dt.date],
    *,
    now: dt.datetime | None = None,
) -> CampaignScores:
    """Scores of ``unit``'s residential groups and departments from its plans in force."""
    now = now or timezone.now()
    plans = CampaignPlan.objects.filter(unit=unit, approved_at__isnull=False).exclude(
        status=PlanStatus.SUPERSEDED
    )
    rows = _rows(plans, *period)
    items = [_item(r, _responsible_keys(r, unit.pk)) for r in rows]
    tallies = compliance.tally_by(items, now)
    scores: dict[str, dict[int, float]] = {"group": {}, "department": {}, "organisation": {}}
    details: dict[tuple[str, int], Tally] = {}
    for key, tally in tallies.items():
        kind, pk = cast(tuple[str, int], key)
        if kind in scores and tally.rate is not None:
            scores[kind][pk] = round(tally.rate, 1)
            details[(kind, pk)] = tally
    return CampaignScores(scores["group"], scores["department"], scores["organisation"], details)
