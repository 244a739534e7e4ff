"""Reads for reports: a unit's report jobs, and the roster of a commune-level unit."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from hailong.core.text import vi_sort_key
from hailong.reports.letterhead import officer_rank
from hailong.reports.models import ReportJob
from hailong.units.models import (
    AdministrativeUnit,
    Department,
    MassOrganisation,
    Officer,
    UnitLevel,
)
from hailong.units.selectors import valid_on


def report_jobs_for(unit: AdministrativeUnit) -> QuerySet[ReportJob]:
    """The unit's report jobs, newest first, with who asked for them."""
    return ReportJob.objects.filter(unit=unit).select_related("created_by")


@dataclass(frozen=True)
class Roster:
    departments: list[Department]  # each with ``officer_count``
    officers: list[Officer]  # chair, vice-chairs, then by department and name
    groups: list[AdministrativeUnit]  # residential groups valid on the day
    organisations: list[MassOrganisation]


def roster(unit: AdministrativeUnit, day: dt.date) -> Roster:
    """Everything ``unit_roster`` lists, in four queries."""
    active = Q(officers__active=True)
    departments = Department.objects.filter(unit=unit, active=True).annotate(
        officer_count=Count("officers", filter=active)
    )
    officers = Officer.objects.filter(unit=unit, active=True).select_related("department")
    children = AdministrativeUnit.objects.filter(parent=unit, level=UnitLevel.HAMLET)
    organisations = MassOrganisation.objects.filter(unit=unit)
    return Roster(
        departments=sorted(departments, key=lambda d: vi_sort_key(d.name)),
        officers=sorted(officers, key=_officer_key),
        groups=sorted(valid_on(children, day), key=lambda g: vi_sort_key(g.name)),
        organisations=sorted(organisations, key=lambda o: vi_sort_key(o.name)),
    )


def _officer_key(officer: Officer) -> tuple[object, ...]:
    department = officer.department.name if officer.department else "\uffff"
    return (officer_rank(officer.title), vi_sort_key(department), vi_sort_key(officer.full_name))
