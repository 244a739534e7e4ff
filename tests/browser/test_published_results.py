"""A resident opens a ward's published results on a phone: figures, charts beside tables, the
correction note, the history and the English version; axe finds nothing. The leader's draft
preview is marked as a draft and publishes."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.urls import get_resolver
from playwright.sync_api import Page, expect

from hailong.publication import services
from hailong.publication.models import Snapshot
from tests.browser.helpers import assert_no_axe_violations, login
from tests.conftest import Cast
from tests.publication_data import scope_key, ward_wave

Shot = Callable[[Page, str], Path]


@pytest.fixture(autouse=True)
def small_threshold() -> Iterator[None]:
    get_resolver().url_patterns  # noqa: B018 (import every view before the first request)
    cache.clear()
    with override_settings(HAILONG_SMALL_CELL_THRESHOLD=3):
        yield
    cache.clear()


def test_a_resident_reads_the_corrected_results_on_a_phone(
    phone_page: Page, cast: Cast, shot: Shot
) -> None:
    page = phone_page
    wave = ward_wave(cast.ngoc_ha, (5, 5, 4, 2))
    first = services.snapshot_publish(
        actor=cast.alice, unit=cast.ngoc_ha, scope_key=scope_key(wave)
    )
    services.snapshot_publish(
        actor=cast.alice, unit=cast.ngoc_ha, scope_key=scope_key(wave), note="Sửa tên đợt."
    )
    page.goto(f"/trang/{cast.ngoc_ha.pk}/ket-qua/")
    expect(page.locator("h1")).to_contain_text("Kết quả khảo sát sự hài lòng năm")
    expect(page.locator(".r-big").first).to_contain_text("75,00")
    expect(page.locator(".pub-note")).to_contain_text("Đã đính chính ngày")
    expect(page.locator("svg.bars").first).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert_no_axe_violations(page)
    shot(page, "published-results-phone")
    page.get_by_role("link", name="Bản công bố ngày").click()
    expect(page.locator(".pub-alert")).to_contain_text("Bản này đã được thay thế")
    assert page.url.endswith(f"/ket-qua/{first.pk}/")
    page.get_by_role("link", name="English").click()
    expect(page.locator("h1")).to_contain_text("Satisfaction survey results")
    assert_no_axe_violations(page)


def test_the_leader_previews_a_draft_and_publishes_it(phone_page: Page, cast: Cast) -> None:
    page = phone_page
    wave = ward_wave(cast.ngoc_ha, (5, 5, 4, 2))
    login(page, cast.alice)
    page.goto(f"/staff/don-vi/{cast.ngoc_ha.pk}/cong-bo/ban-nhap/?pham_vi={scope_key(wave)}")
    expect(page.locator(".r-draft").first).to_contain_text("BẢN NHÁP – CHƯA CÔNG BỐ")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Công bố kết quả này").click()
    expect(page.locator("h1")).to_contain_text("Công bố kết quả")
    assert Snapshot.objects.filter(unit=cast.ngoc_ha).count() == 1
