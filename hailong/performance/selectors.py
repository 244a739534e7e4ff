"""Reads of points rules and improvement actions (permission checks stay in the views/scope).

For the dashboards: ``points_for_unit(unit, year, index)`` gives a ward's SIPAS points next to
its index (one query); a page that converts many wards of one province calls
``rule_for_unit`` once and ``points.points_for(index, rule)`` per ward (no query).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.utils import timezone

from hailong.performance import points
from hailong.performance.models import (
    OPEN_STATUSES,
    ActionStatus,
    ImprovementAction,
    PointsRule,
    RuleStatus,
)

if TYPE_CHECKING:
    from hailong.performance.results import WaveResults
    from hailong.surveys.models import SurveyWave
    from hailong.units.models import AdministrativeUnit


# --- Points -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class UnitPoints:
    """A unit's points under a rule; ``points`` is ``None`` when there is no index."""

    points: Decimal | None
    max_points: Decimal
    rule: PointsRule

    @property
    def label(self) -> str:
        """``"1,73 / 2,00"`` (``"– / 2,00"`` without an index)."""
        return f"{points.format_points(self.points)} / {points.format_points(self.max_points)}"


def province_pk(unit: AdministrativeUnit) -> int:
    """The root of ``unit``'s tree (its province), from the materialised path: no query."""
    return int(unit.path.strip("/").split("/")[0])


def rule_for_unit(unit: AdministrativeUnit, year: int) -> PointsRule | None:
    """The published rule of ``unit``'s province that applies to ``year``.

    The rule of the latest year not after ``year``; within it, the highest version number.
    """
    return (
        PointsRule.objects.filter(
            province_id=province_pk(unit), status=RuleStatus.PUBLISHED, year__lte=year
        )
        .order_by("-year", "-number")
        .first()
    )


def points_for_unit(
    unit: AdministrativeUnit, year: int, index: float | Decimal | None
) -> UnitPoints | None:
    """The SIPAS points of ``unit`` for ``year`` given its ``index`` (percent, unrounded).

    ``None`` when the province has no published rule for that year; a ``UnitPoints`` whose
    ``points`` is ``None`` when there is a rule but no index (no index is no points, not 0).
    """
    rule = rule_for_unit(unit, year)
    if rule is None:
        return None
    return UnitPoints(points=points.points_for(index, rule), max_points=rule.max_points, rule=rule)


def rules_for_province(province: AdministrativeUnit) -> QuerySet[PointsRule]:
    return PointsRule.objects.filter(province=province).select_related("created_by", "published_by")


def rule_history(rule: PointsRule) -> QuerySet[PointsRule]:
    """Every version of the rule's province and year, newest first."""
    return PointsRule.objects.filter(province_id=rule.province_id, year=rule.year).order_by(
        "-number"
    )


@dataclass(frozen=True)
class WavePoints:
    wave: SurveyWave
    year: int
    n: float
    index: float | None
    points: UnitPoints | None


def unit_points_rows(unit: AdministrativeUnit) -> list[WavePoints]:
    """Per wave of ``unit`` (newest first): its overall index and the points it earns.

    A wave counts for the year it closes in (field work ends in the year it is reported for).
    """
    from hailong.performance.results import wave_results
    from hailong.surveys.selectors import waves_for_unit

    rows = []
    for wave in waves_for_unit(unit):
        results = wave_results(wave)
        year = wave.closes_on.year
        rows.append(
            WavePoints(
                wave=wave,
                year=year,
                n=results.n,
                index=results.overall,
                points=points_for_unit(unit, year, results.overall),
            )
        )
    return rows


# --- Improvement actions ----------------------------------------------------------------------


def local_today() -> dt.date:
    return timezone.localdate()


def actions_for_unit(unit: AdministrativeUnit) -> QuerySet[ImprovementAction]:
    """The unit's actions: open ones first (by deadline), then closed ones, newest first."""
    closed_last = Case(
        When(status__in=OPEN_STATUSES, then=Value(0)), default=Value(1), output_field=IntegerField()
    )
    return (
        ImprovementAction.objects.filter(unit=unit)
        .select_related("wave", "department", "created_by")
        .order_by(closed_last, "deadline", "-pk")
    )


def overdue_actions(unit: AdministrativeUnit, today: dt.date) -> QuerySet[ImprovementAction]:
    return ImprovementAction.objects.filter(unit=unit, status__in=OPEN_STATUSES, deadline__lt=today)


def actions_for_wave(wave: SurveyWave) -> QuerySet[ImprovementAction]:
    """The actions taken on a wave's items (for the report's "solutions"), not dropped ones."""
    return (
        ImprovementAction.objects.filter(wave=wave)
        .exclude(status=ActionStatus.DROPPED)
        .select_related("department")
        .order_by("deadline", "pk")
    )


@dataclass(frozen=True)
class PublicAction:
    """What the public page may show of an action: no names of staff, no internal notes."""

    what: str
    item_code: str
    item_text: str
    wave_name: str
    department: str
    deadline: dt.date
    status: str
    status_label: str
    outcome: str
    completed_on: dt.date | None
    baseline_index: float | None
    baseline_n: float  # the public page suppresses the index when n is small


def public_actions(unit: AdministrativeUnit) -> list[PublicAction]:
    """The unit's actions marked public, except dropped ones: open first by deadline, then
    done ones, most recently completed first. One query."""
    rows = (
        actions_for_unit(unit)
        .filter(public=True)
        .exclude(status=ActionStatus.DROPPED)
        .order_by(
            Case(
                When(status__in=OPEN_STATUSES, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            ),
            "deadline",
            "-completed_on",
            "pk",
        )
    )
    return [
        PublicAction(
            what=a.what,
            item_code=a.item_code,
            item_text=a.item_text,
            wave_name=a.wave.name,
            department=a.department.name if a.department else "",
            deadline=a.deadline,
            status=a.status,
            status_label=a.get_status_display(),
            outcome=a.outcome if a.status == ActionStatus.DONE else "",
            completed_on=a.completed_on,
            baseline_index=a.baseline_index,
            baseline_n=a.baseline_n,
        )
        for a in rows
    ]


@dataclass(frozen=True)
class AfterFigure:
    """The same item in a later wave of the unit: the "after" of before/after."""

    wave: SurveyWave
    index: float | None
    n: float


def action_after(
    action: ImprovementAction, cache: dict[int, WaveResults] | None = None
) -> AfterFigure | None:
    """The item's share in the latest wave of the unit that opened after the action's wave
    closed and asks the same item; ``None`` if there is none yet."""
    from hailong.performance.results import wave_results
    from hailong.surveys.models import SurveyWave

    later = SurveyWave.objects.filter(
        unit_id=action.unit_id, opens_on__gt=action.wave.closes_on
    ).select_related("method_version__method")
    for wave in later.order_by("-opens_on"):
        store = cache if cache is not None else {}
        if wave.pk not in store:
            store[wave.pk] = wave_results(wave)
        item = store[wave.pk].item(action.item_code)
        if item is not None:
            return AfterFigure(wave=wave, index=item.satisfied_pct, n=item.n)
    return None
