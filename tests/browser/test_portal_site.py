"""A resident on a phone (390x844) goes home → results → article → gallery → album on a ward's site;
every page passes axe (WCAG 2.1 AA), needs no script, and has no horizontal scroll."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.test import override_settings
from django.urls import get_resolver
from playwright.sync_api import Page, expect

from hailong.portal import services, visitors
from hailong.portal.testing import album, article, jpeg_bytes, upload
from hailong.publication.services import snapshot_publish
from hailong.responses.models import Source, SourceKind
from tests.browser.conftest import TIMEOUT_MS
from tests.browser.helpers import assert_no_axe_violations
from tests.conftest import Cast
from tests.publication_data import add_responses, scope_key
from tests.test_responses_factories import open_wave

Shot = Callable[[Page, str], Path]


@pytest.fixture(autouse=True)
def media(tmp_path: Path) -> Iterator[None]:
    get_resolver().url_patterns  # noqa: B018 (import every view before the first request)
    visitors.store().clear()
    with override_settings(
        MEDIA_ROOT=tmp_path, HAILONG_PORTAL_VISIT_FLUSH_SECONDS=0, HAILONG_SMALL_CELL_THRESHOLD=3
    ):
        yield
    visitors.store().clear()


def _site(cast: Cast) -> None:
    wave = open_wave(cast.ngoc_ha)
    Source.objects.create(wave=wave, kind=SourceKind.WEBSITE, label="Trang thông tin phường")
    add_responses(wave, (5, 5, 4, 2))  # 75 % satisfied on every item
    snapshot_publish(actor=cast.alice, unit=cast.ngoc_ha, scope_key=scope_key(wave))
    for n in range(3):
        article(cast.ngoc_ha, title=f"Tin tuyên truyền số {n + 1}", with_image=True)
    report = article(
        cast.ngoc_ha,
        title="Báo cáo kết quả khảo sát mức độ hài lòng năm 2025",
        with_image=True,
        body_html="<h2>Kết quả</h2><p>Chỉ số hài lòng chung đạt <strong>88%</strong>.</p>",
    )
    services.article_image_add(
        actor=cast.cindy, article=report, upload=upload(jpeg_bytes(1600, 900)), caption="Hội nghị"
    )
    album(cast.ngoc_ha, photos=3, title="Hội nghị triển khai khảo sát")


def _no_sideways_scroll(page: Page) -> None:
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{page.url} scrolls sideways by {overflow}px"


def test_home_article_and_gallery_on_a_phone(phone_page: Page, cast: Cast, shot: Shot) -> None:
    _site(cast)
    page = phone_page
    page.goto(f"/trang/{cast.ngoc_ha.pk}/")
    expect(page.locator("h1")).to_contain_text("Phường Ngọc Hà")
    button = page.get_by_role("link", name="Trả lời phiếu khảo sát")
    expect(button).to_be_visible()
    assert button.evaluate("a => getComputedStyle(a).color") == "rgb(255, 255, 255)"
    expect(page.locator(".pt-survey .qr svg")).to_be_visible()
    expect(page.locator(".pt-stats")).to_contain_text("Số lượt truy cập")
    shot(page, "portal-home-phone")
    assert_no_axe_violations(page)
    _no_sideways_scroll(page)

    page.get_by_role("link", name="Kết quả khảo sát", exact=True).click()
    expect(page.locator("h1")).to_contain_text("Kết quả khảo sát sự hài lòng")
    expect(page.locator(".r-head .r-big")).to_contain_text("75,00")
    expect(page.locator("svg.bars").first).to_be_visible()
    shot(page, "portal-results-phone")
    assert_no_axe_violations(page)
    _no_sideways_scroll(page)
    page.get_by_role("link", name="Trang chủ", exact=True).click()

    page.get_by_role("link", name="Báo cáo kết quả khảo sát mức độ hài lòng năm 2025").click()
    expect(page.locator("h1")).to_have_text("Báo cáo kết quả khảo sát mức độ hài lòng năm 2025")
    expect(page.locator(".pt-body figure img")).to_be_visible()
    assert page.locator('meta[property="og:image"]').get_attribute("content", timeout=1000)
    shot(page, "portal-article-phone")
    assert_no_axe_violations(page)
    _no_sideways_scroll(page)

    page.get_by_role("link", name="Thư viện ảnh").click()
    expect(page.locator("h1")).to_have_text("Thư viện hình ảnh")
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Hội nghị triển khai khảo sát").click()
    images = page.locator(".pt-photos img")
    expect(images).to_have_count(3)
    assert images.nth(1).get_attribute("loading") == "lazy"
    assert images.first.evaluate("img => img.complete && img.naturalWidth > 0")
    shot(page, "portal-album-phone")
    assert_no_axe_violations(page)
    _no_sideways_scroll(page)


def test_the_pages_work_without_javascript_and_in_english(
    browser: object, live_server: object, cast: Cast
) -> None:
    _site(cast)
    context = browser.new_context(  # type: ignore[attr-defined]
        base_url=live_server.url,  # type: ignore[attr-defined]
        viewport={"width": 360, "height": 740},
        java_script_enabled=False,
    )
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    page.goto(f"/trang/{cast.ngoc_ha.pk}/")
    page.get_by_role("link", name="English").click()
    expect(page.locator(".pt-stats")).to_contain_text("Total visits")
    page.get_by_role("link", name="Articles", exact=True).first.click()
    expect(page.locator("h1")).to_have_text("Articles")
    context.close()  # (axe needs JavaScript: it runs on the other tests' pages)


def test_the_counter_embed_renders_inside_a_frame(page: Page, cast: Cast) -> None:
    page.goto(f"/trang/{cast.ngoc_ha.pk}/nhung/luot-truy-cap/")
    expect(page.locator("h1")).to_have_text("Thống kê truy cập")
    assert_no_axe_violations(page)
