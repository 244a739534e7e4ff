"""``points_for_unit``: which published rule applies to a ward and a year."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext

from hailong.performance import services
from hailong.performance.models import PointsRule
from hailong.performance.selectors import points_for_unit, rule_for_unit
from tests.conftest import Cast


def published(cast: Cast, year: int, **changes: Any) -> PointsRule:
    data: dict[str, Any] = {
        "kind": "linear",
        "max_points": Decimal(2),
        "legal_basis": f"Quy tắc {year}",
    }
    data.update(changes)
    existing = PointsRule.objects.filter(province=cast.hanoi, year=year).first()
    if existing is not None:
        draft = services.points_rule_new_version(actor=cast.carol, rule=existing)
        draft = services.points_rule_update(actor=cast.carol, rule=draft, **data)
    else:
        draft = services.points_rule_create(
            actor=cast.carol, province=cast.hanoi, year=year, **data
        )
    return services.points_rule_publish(actor=cast.carol, rule=draft)


def test_without_a_published_rule_there_are_no_points(cast: Cast) -> None:
    services.points_rule_create(
        actor=cast.carol,
        province=cast.hanoi,
        year=2025,
        kind="linear",
        max_points=Decimal(2),
        legal_basis="nháp",
    )
    assert points_for_unit(cast.ngoc_ha, 2025, 86.5) is None


def test_a_ward_uses_its_provinces_rule_through_historic_parents(cast: Cast) -> None:
    published(cast, 2023, kind="bands", bands=[{"min_index": "75", "points": "1.25"}])
    result = points_for_unit(cast.vinh_phuc, 2023, 77.533)  # Hà Nội → Ba Đình → Vĩnh Phúc
    assert result is not None
    assert (result.points, result.max_points, result.label) == (
        Decimal("1.25"),
        Decimal("2.00"),
        "1,25 / 2,00",
    )
    assert points_for_unit(cast.kinh_bac, 2023, 77.533) is None  # Bắc Ninh has none


def test_a_rule_applies_until_a_later_years_rule_and_the_newest_version_wins(
    cast: Cast,
) -> None:
    published(cast, 2023)
    published(cast, 2025, max_points=Decimal(10))
    newest = published(cast, 2025, max_points=Decimal(5))
    assert rule_for_unit(cast.ngoc_ha, 2022) is None
    assert rule_for_unit(cast.ngoc_ha, 2024).max_points == Decimal(2)  # type: ignore[union-attr]
    assert rule_for_unit(cast.ngoc_ha, 2026) == newest
    assert points_for_unit(cast.ngoc_ha, 2026, 80.0).points == Decimal("4.00")  # type: ignore[union-attr]


def test_no_index_under_a_rule_is_no_points_not_zero(cast: Cast) -> None:
    published(cast, 2025)
    result = points_for_unit(cast.ngoc_ha, 2025, None)
    assert result is not None
    assert result.points is None
    assert result.label == "– / 2,00"


def test_it_costs_one_query(cast: Cast) -> None:
    published(cast, 2025)
    with CaptureQueriesContext(connection) as queries:
        points_for_unit(cast.ngoc_ha, 2025, 90.0)
    assert len(queries) == 1
