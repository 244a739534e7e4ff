"""The ward's own lists the campaign picks from: residential groups, departments, organisations."""

from __future__ import annotations

import datetime as dt

from hailong.core.text import vi_sort_key
from hailong.units.models import AdministrativeUnit, Department, MassOrganisation, UnitLevel
from hailong.units.selectors import valid_on


def residential_groups(
    unit: AdministrativeUnit, on: dt.date | None = None
) -> list[AdministrativeUnit]:
    """The residential groups (tổ dân phố, thôn) of ``unit`` valid on ``on``, in natural order
    ("số 2" before "số 10")."""
    groups = AdministrativeUnit.objects.filter(parent=unit, level=UnitLevel.HAMLET)
    if on is not None:
        groups = valid_on(groups, on)
    return sorted(groups, key=lambda g: vi_sort_key(g.name))


def group_ids(unit: AdministrativeUnit) -> set[int]:
    """Every residential group ever under ``unit`` (a plan may outlive a reorganisation)."""
    rows = AdministrativeUnit.objects.filter(parent=unit, level=UnitLevel.HAMLET)
    return set(rows.values_list("pk", flat=True))


def departments(unit: AdministrativeUnit) -> list[Department]:
    return sorted(
        Department.objects.filter(unit=unit, active=True), key=lambda d: vi_sort_key(d.name)
    )


def organisations(unit: AdministrativeUnit) -> list[MassOrganisation]:
    rows = MassOrganisation.objects.filter(unit=unit)
    return sorted(rows, key=lambda o: vi_sort_key(o.name))
