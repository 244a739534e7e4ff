"""Points rules are versioned data: drafts change, published versions never do."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from hailong.core.errors import PermissionDenied, ServiceError
from hailong.performance import services
from hailong.performance.models import ImmutableRuleError, PointsRule, RuleStatus
from tests.conftest import Cast

BANDS = [{"min_index": "80", "points": "1,5"}, {"min_index": "0", "points": "0"}]


def create(cast: Cast, **changes: Any) -> PointsRule:
    data: dict[str, Any] = {
        "actor": cast.carol,
        "province": cast.hanoi,
        "year": 2025,
        "kind": "bands",
        "max_points": Decimal(2),
        "bands": BANDS,
        "legal_basis": "QĐ 5666/QĐ-UBND ngày 17/11/2025",
    }
    data.update(changes)
    return services.points_rule_create(**data)


def test_a_new_rule_is_a_draft_numbered_one_with_clean_bands(cast: Cast) -> None:
    rule = create(cast)
    assert (rule.number, rule.status, rule.created_by) == (1, RuleStatus.DRAFT, cast.carol)
    assert rule.bands == [
        {"min_index": "0.00", "points": "0.00"},
        {"min_index": "80.00", "points": "1.50"},
    ]


def test_a_linear_rule_keeps_no_bands(cast: Cast) -> None:
    rule = create(cast, kind="linear", bands=BANDS)
    assert rule.bands == []


def test_publishing_freezes_the_rule_even_against_a_direct_save(cast: Cast) -> None:
    rule = services.points_rule_publish(actor=cast.carol, rule=create(cast))
    assert rule.status == RuleStatus.PUBLISHED
    assert rule.published_at is not None
    assert rule.published_by == cast.carol

    with pytest.raises(ServiceError, match="phiên bản mới"):
        services.points_rule_update(
            actor=cast.carol,
            rule=rule,
            kind="linear",
            max_points=Decimal(10),
            legal_basis="khác",
        )
    rule.max_points = Decimal(10)
    with pytest.raises(ImmutableRuleError):
        rule.save()
    fresh = PointsRule.objects.get(pk=rule.pk)
    fresh.status = RuleStatus.DRAFT
    with pytest.raises(ImmutableRuleError):
        fresh.save()
    assert PointsRule.objects.get(pk=rule.pk).max_points == Decimal(2)


def test_a_change_is_a_new_version_and_the_old_one_stays(cast: Cast) -> None:
    first = services.points_rule_publish(actor=cast.carol, rule=create(cast))
    second = services.points_rule_new_version(actor=cast.carol, rule=first)
    assert (second.number, second.status, second.bands) == (2, RuleStatus.DRAFT, first.bands)

    services.points_rule_update(
        actor=cast.carol,
        rule=second,
        kind="linear",
        max_points=Decimal(10),
        legal_basis="QĐ 5666/QĐ-UBND (sửa đổi)",
    )
    services.points_rule_publish(actor=cast.carol, rule=second)
    first.refresh_from_db()
    assert (first.kind, first.max_points) == ("bands", Decimal("2.00"))


def test_one_draft_per_province_and_year(cast: Cast) -> None:
    create(cast)
    with pytest.raises(ServiceError, match="bản nháp"):
        create(cast)
    create(cast, year=2026)  # another year is another rule


def test_a_new_version_waits_for_the_pending_draft(cast: Cast) -> None:
    first = services.points_rule_publish(actor=cast.carol, rule=create(cast))
    services.points_rule_new_version(actor=cast.carol, rule=first)
    with pytest.raises(ServiceError, match="bản nháp"):
        services.points_rule_new_version(actor=cast.carol, rule=first)


def test_only_a_province_carries_rules(cast: Cast) -> None:
    with pytest.raises(ServiceError, match="tỉnh, thành phố"):
        create(cast, actor=cast.root, province=cast.ngoc_ha)


@pytest.mark.parametrize("who", ["alice", "bob", "ron", "charlie"])
def test_only_the_province_administrator_manages_rules(cast: Cast, who: str) -> None:
    with pytest.raises(PermissionDenied):
        create(cast, actor=getattr(cast, who))


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"year": 2011}, "year"),
        ({"max_points": Decimal(0)}, "max_points"),
        ({"legal_basis": "   "}, "legal_basis"),
        ({"bands": [{"min_index": "80", "points": "5"}]}, "bands"),
        ({"kind": "stairs"}, "kind"),
    ],
)
def test_bad_rule_data_is_refused_on_its_field(
    cast: Cast, changes: dict[str, Any], field: str
) -> None:
    with pytest.raises(ServiceError) as refused:
        create(cast, **changes)
    assert refused.value.field == field
