"""Reads of the campaigns app that carry permission rules or feed the pages."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db.models import Count, Q, QuerySet

from hailong.accounts.roles import Perm
from hailong.accounts.scope import get_for_user
from hailong.campaigns.compliance import GRACE
from hailong.campaigns.models import (
    CampaignActivity,
    CampaignPlan,
    Evidence,
    Material,
    Occurrence,
    OccurrenceStatus,
    PlanStatus,
)
from hailong.campaigns.recurrence import local_bounds
from hailong.core.text import vi_sort_key

if TYPE_CHECKING:
    from hailong.accounts.scope import Actor
    from hailong.units.models import AdministrativeUnit

OVERDUE_LOOKBACK_DAYS = 31


def plans_for_unit(unit: AdministrativeUnit) -> QuerySet[CampaignPlan]:
    return CampaignPlan.objects.filter(unit=unit).select_related("wave").order_by("-year", "-pk")


def plan_get_for_user(user: Actor, perm: Perm, pk: object) -> CampaignPlan:
    plans = CampaignPlan.objects.select_related("unit", "unit__parent", "wave", "coordinator")
    return get_for_user(plans, user, perm, pk=pk)


def activity_get_for_user(user: Actor, perm: Perm, pk: object) -> CampaignActivity:
    activities = CampaignActivity.objects.select_related("plan", "plan__unit")
    return get_for_user(activities, user, perm, unit_field="plan__unit", pk=pk)


def occurrence_get_for_user(user: Actor, perm: Perm, pk: object) -> Occurrence:
    """An occurrence by the unit it is assigned to: a group's volunteer sees only theirs."""
    rows = Occurrence.objects.select_related(
        "plan",
        "plan__unit",
        "activity",
        "unit",
        "marked_by",
        "rescheduled_from",
        "responsible_department",
        "responsible_officer",
        "responsible_organisation",
    )
    return get_for_user(rows, user, perm, pk=pk)


def evidence_get_for_user(user: Actor, pk: object) -> Evidence:
    rows = Evidence.objects.select_related("occurrence", "occurrence__unit")
    return get_for_user(rows, user, Perm.VIEW_UNITS, unit_field="occurrence__unit", pk=pk)


def activities_of(plan: CampaignPlan) -> QuerySet[CampaignActivity]:
    return (
        plan.activities.select_related(
            "responsible_department",
            "responsible_officer",
            "responsible_organisation",
            "responsible_group",
        )
        .annotate(
            n_total=Count("occurrences"),
            n_done=Count("occurrences", filter=Q(occurrences__status=OccurrenceStatus.DONE)),
        )
        .order_by("starts_on", "pk")
    )


def _in_force(rows: QuerySet[Occurrence]) -> QuerySet[Occurrence]:
    return rows.filter(plan__approved_at__isnull=False).exclude(plan__status=PlanStatus.SUPERSEDED)


def _under(unit: AdministrativeUnit) -> QuerySet[Occurrence]:
    """Occurrences assigned to ``unit`` or to a unit below it (a ward: also its groups')."""
    rows = Occurrence.objects.filter(unit__path__startswith=unit.path)
    return (
        _in_force(rows)
        .select_related("activity", "unit", "plan")
        .annotate(n_evidence=Count("evidence"))
    )


def day_items(unit: AdministrativeUnit, day: dt.date) -> list[Occurrence]:
    """What is scheduled on ``day`` (Vietnam time) for ``unit`` and the units below it."""
    start, after = local_bounds(day, day)
    rows = _under(unit).filter(scheduled_at__gte=start, scheduled_at__lt=after)
    return sorted(rows, key=lambda o: (o.scheduled_at, o.activity_id, vi_sort_key(o.target_label)))


def overdue_items(
    unit: AdministrativeUnit,
    now: dt.datetime,
    *,
    days: int = OVERDUE_LOOKBACK_DAYS,
    before: dt.datetime | None = None,
) -> list[Occurrence]:
    """Unmarked items more than ``GRACE`` past their time (the last ``days`` days; 0 = all),
    and before ``before`` if given (the "Hôm nay" page lists today's own items apart)."""
    limit = min(now - GRACE, before) if before is not None else now - GRACE
    rows = _under(unit).filter(status=OccurrenceStatus.PLANNED, scheduled_at__lt=limit)
    if days:
        rows = rows.filter(scheduled_at__gte=now - dt.timedelta(days=days))
    return list(rows.order_by("scheduled_at", "pk"))


def evidence_of(occurrence: Occurrence) -> list[Evidence]:
    return list(occurrence.evidence.select_related("uploaded_by").order_by("uploaded_at", "pk"))


def material_get_for_user(user: Actor, perm: Perm, pk: object) -> Material:
    rows = Material.objects.select_related("plan", "plan__unit", "plan__wave", "source")
    return get_for_user(rows, user, perm, unit_field="plan__unit", pk=pk)


def materials_of(plan: CampaignPlan) -> list[Material]:
    return list(plan.materials.select_related("source").order_by("kind", "pk"))
