"""Helpers for tests (and the scope test's examples): a points rule and an improvement action."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hailong.performance.models import ImprovementAction, PointsRule
    from hailong.units.models import AdministrativeUnit


def points_rule(province: AdministrativeUnit, year: int = 2025) -> PointsRule:
    """A draft linear rule (2 points) of ``province`` for ``year`` (created once)."""
    from hailong.performance.models import PointsRule

    existing = PointsRule.objects.filter(province=province, year=year).first()
    if existing is not None:
        return existing
    return PointsRule.objects.create(
        province=province,
        year=year,
        number=1,
        kind="linear",
        max_points=Decimal(2),
        legal_basis="QĐ 5666/QĐ-UBND ngày 17/11/2025",
    )


def improvement_action(unit: AdministrativeUnit) -> ImprovementAction:
    """An action on item C1.1 of the unit's test wave (``surveys.testing.ward_wave``)."""
    from hailong.performance.models import ImprovementAction
    from hailong.surveys.testing import ward_wave

    wave = ward_wave(unit)
    existing = ImprovementAction.objects.filter(unit=unit, wave=wave).first()
    if existing is not None:
        return existing
    return ImprovementAction.objects.create(
        unit=unit,
        wave=wave,
        item_code="C1.1",
        item_text="Công chức lịch sự.",
        what="Tập huấn giao tiếp cho công chức một cửa",
        deadline=dt.date(2026, 12, 31),
    )
