"""An administrator creates an API token in the browser, copies it once, uses it, revokes it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from django.test import Client
from playwright.sync_api import Page, expect

from tests.browser.helpers import assert_no_axe_violations, login
from tests.conftest import Cast

Shot = Callable[[Page, str], Path]


def test_an_admin_creates_uses_and_revokes_a_token(page: Page, cast: Cast, shot: Shot) -> None:
    login(page, cast.carol)
    page.goto(f"/staff/don-vi/{cast.ngoc_ha.pk}/")
    page.get_by_role("link", name="Mã truy cập API").click()
    expect(page.locator("h1")).to_contain_text("Mã truy cập API")
    page.get_by_role("link", name="Tạo mã truy cập").click()
    page.get_by_label("Tên (hệ thống nào dùng mã này)").fill("Hệ thống một cửa điện tử")
    page.get_by_label("Gửi hồ sơ thủ tục hành chính (hệ thống một cửa)").check()
    shot(page, "api-token-form")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Lưu").click()

    secret = page.locator("#secret").input_value()
    assert secret.startswith("hl_")
    shot(page, "api-token-created")
    assert_no_axe_violations(page)
    used = Client().get(
        f"/api/v1/units/{cast.ngoc_ha.pk}", headers={"Authorization": f"Bearer {secret}"}
    )
    assert used.status_code == 200

    page.get_by_role("link", name="Xong").click()
    expect(page.locator("td").filter(has_text="Hệ thống một cửa điện tử").first).to_be_visible()
    expect(page.get_by_text(secret)).to_have_count(0)
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Thu hồi Hệ thống một cửa điện tử").click()
    expect(page.get_by_text("Đã thu hồi mã truy cập")).to_be_visible()
    shot(page, "api-token-list")
    refused = Client().get(
        f"/api/v1/units/{cast.ngoc_ha.pk}", headers={"Authorization": f"Bearer {secret}"}
    )
    assert refused.status_code == 401


def test_the_api_docs_page_lists_the_endpoints(page: Page, cast: Cast, shot: Shot) -> None:
    page.goto("/api/v1/docs")
    expect(page.locator("h1")).to_contain_text("hailong API")
    expect(page.locator("h2")).to_have_count(6)
    shot(page, "api-docs")
    assert_no_axe_violations(page)
