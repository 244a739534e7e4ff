"""Staff pages of points rules (province administrator) and the ward's points page."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from hailong.performance.models import PointsRule, RuleStatus
from hailong.performance.testing import points_rule
from hailong.surveys.testing import ward_wave
from tests.conftest import Cast

FORM = {
    "year": "2025",
    "kind": "bands",
    "max_points": "2",
    "bands": "90: 2\n80: 1,5\n0: 0",
    "legal_basis": "QĐ 5666/QĐ-UBND ngày 17/11/2025",
    "note": "",
}


def test_carol_creates_edits_publishes_and_versions_a_rule(cast: Cast) -> None:
    client = cast.client(cast.carol)
    response = client.post(reverse("performance:rule_create", args=[cast.hanoi.pk]), FORM)
    assert response.status_code == 302
    rule = PointsRule.objects.get()
    assert rule.bands[-1] == {"min_index": "90.00", "points": "2.00"}

    edit = {**FORM, "max_points": "2,5"}
    del edit["year"]
    client.post(reverse("performance:rule_edit", args=[rule.pk]), edit)
    rule.refresh_from_db()
    assert rule.max_points == Decimal("2.50")

    client.post(reverse("performance:rule_publish", args=[rule.pk]))
    rule.refresh_from_db()
    assert rule.status == RuleStatus.PUBLISHED

    refused = client.post(reverse("performance:rule_edit", args=[rule.pk]), edit)
    assert refused.status_code == 400
    assert "phiên bản mới" in refused.content.decode()

    response = client.post(reverse("performance:rule_new_version", args=[rule.pk]))
    second = PointsRule.objects.get(number=2)
    assert response["Location"] == reverse("performance:rule_detail", args=[second.pk])

    page = client.get(reverse("performance:rule_detail", args=[rule.pk])).content.decode()
    assert "QĐ 5666/QĐ-UBND" in page
    assert "90,00" in page
    listing = client.get(reverse("performance:rule_list", args=[cast.hanoi.pk]))
    assert listing.status_code == 200
    assert "Phiên bản 2" in listing.content.decode()


def test_bad_bands_come_back_on_the_form(cast: Cast) -> None:
    response = cast.client(cast.carol).post(
        reverse("performance:rule_create", args=[cast.hanoi.pk]), {**FORM, "bands": "90 2"}
    )
    assert response.status_code == 400
    assert "Dòng 1" in response.content.decode()
    assert not PointsRule.objects.exists()


@pytest.mark.parametrize(("who", "status"), [("alice", 404), ("bob", 404), ("ron", 403)])
def test_ward_staff_and_reviewers_cannot_manage_rules(cast: Cast, who: str, status: int) -> None:
    rule = points_rule(cast.hanoi)
    client = cast.client(getattr(cast, who))
    assert client.get(reverse("performance:rule_list", args=[cast.hanoi.pk])).status_code == status
    assert client.post(reverse("performance:rule_publish", args=[rule.pk])).status_code == status
    rule.refresh_from_db()
    assert rule.is_draft


def test_rules_live_on_provinces_only(cast: Cast) -> None:
    url = reverse("performance:rule_list", args=[cast.ngoc_ha.pk])
    assert cast.client(cast.carol).get(url).status_code == 404


@pytest.mark.parametrize("who", ["alice", "bob", "oscar"])
def test_ward_staff_read_their_points_and_the_rule_behind_them(cast: Cast, who: str) -> None:
    ward_wave(cast.ngoc_ha)  # no responses yet
    rule = points_rule(cast.hanoi, year=2026)
    rule.status, rule.published_at = RuleStatus.PUBLISHED, rule.created_at
    rule.save()
    page = cast.client(getattr(cast, who)).get(
        reverse("performance:points", args=[cast.ngoc_ha.pk])
    )
    body = page.content.decode()
    assert page.status_code == 200
    assert "– / 2,00" in body  # a rule, but no index yet: no points, not 0
    assert "QĐ 5666/QĐ-UBND" in body
    assert "Quản lý quy tắc điểm" not in body


def test_the_points_page_says_when_the_province_has_no_rule(cast: Cast) -> None:
    ward_wave(cast.ngoc_ha)
    body = (
        cast.client(cast.alice)
        .get(reverse("performance:points", args=[cast.ngoc_ha.pk]))
        .content.decode()
    )
    assert "chưa có quy tắc" in body


def test_an_outsider_gets_no_points_page(cast: Cast) -> None:
    url = reverse("performance:points", args=[cast.ngoc_ha.pk])
    assert cast.client(cast.charlie).get(url).status_code == 404
