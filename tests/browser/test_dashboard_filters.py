"""The ward dashboard's filters: htmx swaps the figures in place with JavaScript on, and the same
GET form reloads the page with JavaScript off; axe finds nothing on either."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from tests.browser.helpers import assert_no_axe_violations, login
from tests.conftest import Cast
from tests.test_indices_factories import answer
from tests.test_responses_factories import SIPAS_2017, open_wave

Shot = Callable[[Page, str], Path]
TABLET = {"width": 820, "height": 1180}


@pytest.fixture
def ward(cast: Cast) -> str:
    """Ngọc Hà with two responses: one all "very satisfied" on the web, one all "very
    dissatisfied" at the kiosk; the dashboard's path."""
    wave = open_wave(cast.ngoc_ha, SIPAS_2017)
    answer(wave, 5)
    answer(wave, 1, channel="kiosk")
    return f"/staff/don-vi/{cast.ngoc_ha.pk}/chi-so/"


def _context_page(
    browser: Browser, live_server: LiveServer, *, javascript: bool, viewport: dict[str, int]
) -> Iterator[Page]:
    context = browser.new_context(
        base_url=live_server.url,
        viewport=viewport,
        locale="vi-VN",
        timezone_id="Asia/Ho_Chi_Minh",
        java_script_enabled=javascript,
    )
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


@pytest.fixture
def no_js_page(browser: Browser, live_server: LiveServer) -> Iterator[Page]:
    yield from _context_page(browser, live_server, javascript=False, viewport=TABLET)


@pytest.fixture
def tablet_page(browser: Browser, live_server: LiveServer) -> Iterator[Page]:
    yield from _context_page(browser, live_server, javascript=True, viewport=TABLET)


def test_with_javascript_a_filter_swaps_the_figures_without_a_reload(
    page: Page, cast: Cast, ward: str, shot: Shot
) -> None:
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if "Refused" in m.text else None)
    login(page, cast.alice)
    page.goto(ward)
    expect(page.locator("#figures .figure")).to_have_text("50,00%")
    page.evaluate("() => { window.__stillHere = true }")
    with page.expect_response(lambda r: "kenh=kiosk" in r.url) as answer_info:
        page.locator("#id_kenh").select_option("kiosk")
    assert answer_info.value.request.headers.get("hx-request") == "true"
    expect(page.locator("#figures .figure")).to_have_text("0,00%")
    assert page.evaluate("() => window.__stillHere === true"), "the page was reloaded"
    assert "kenh=kiosk" in page.url  # the address bar keeps the filter (hx-push-url)
    expect(page.locator("#figures-status")).to_contain_text("1 phiếu")
    assert page.locator("#figures").count() == 1
    shot(page, "dashboard-htmx-desktop")
    assert_no_axe_violations(page)
    assert problems == []  # nothing refused by the Content-Security-Policy


def test_without_javascript_the_same_form_reloads_the_page(
    no_js_page: Page, tablet_page: Page, cast: Cast, ward: str, shot: Shot
) -> None:
    page = no_js_page
    login(page, cast.bob)
    page.goto(ward)
    expect(page.locator("#figures .figure")).to_have_text("50,00%")
    page.locator("#id_kenh").select_option("kiosk")
    with page.expect_navigation():
        page.locator("#filters button[type=submit]").click()
    assert "kenh=kiosk" in page.url
    expect(page.locator("#figures .figure")).to_have_text("0,00%")
    shot(page, "dashboard-nojs-tablet")
    # axe is JavaScript: check the very page the form reloaded to in a browser that runs it.
    login(tablet_page, cast.bob)
    tablet_page.goto(page.url)
    assert_no_axe_violations(tablet_page)


def test_the_dashboard_and_the_ranking_read_well_on_a_tablet(
    tablet_page: Page, cast: Cast, ward: str, shot: Shot
) -> None:
    login(tablet_page, cast.carol)
    tablet_page.goto(ward)
    expect(tablet_page.locator("h1")).to_contain_text("Chỉ số hài lòng")
    shot(tablet_page, "dashboard-tablet")
    assert_no_axe_violations(tablet_page)
    tablet_page.goto(f"/staff/don-vi/{cast.hanoi.pk}/xep-hang/")
    expect(tablet_page.locator("h1")).to_contain_text("Xếp hạng")
    shot(tablet_page, "ranking-tablet")
    assert_no_axe_violations(tablet_page)
