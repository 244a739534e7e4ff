"""Staff log in through the real form and see the unit tree of their scope, on a phone and a PC."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.browser.helpers import LOGIN_PATH, assert_no_axe_violations, login
from tests.conftest import Cast

TREE_PATH = "/staff/don-vi/"

Shot = Callable[[Page, str], Path]


def _size(page: Page) -> str:
    viewport = page.viewport_size
    return "phone" if viewport is not None and viewport["width"] < 600 else "desktop"


def test_the_login_page_has_no_accessibility_violations(
    any_page: Page, cast: Cast, shot: Shot
) -> None:
    any_page.goto(LOGIN_PATH)
    expect(any_page.locator("h1")).to_have_text("Đăng nhập cán bộ")
    shot(any_page, f"login-{_size(any_page)}")
    assert_no_axe_violations(any_page)


def test_a_ward_officer_logs_in_and_sees_only_their_ward(
    any_page: Page, cast: Cast, shot: Shot
) -> None:
    login(any_page, cast.alice)
    any_page.goto(TREE_PATH)
    tree = any_page.locator("ul.tree")
    expect(tree.get_by_role("link", name="Phường Ngọc Hà")).to_be_visible()
    expect(tree.get_by_role("link", name="Tổ dân phố số 1")).to_be_visible()
    expect(any_page.get_by_text("Phường Kinh Bắc")).to_have_count(0)
    expect(any_page.get_by_text("Thành phố Hà Nội")).to_have_count(0)
    shot(any_page, f"tree-{_size(any_page)}")
    assert_no_axe_violations(any_page)


def test_a_wrong_password_keeps_the_officer_on_the_login_page(page: Page, cast: Cast) -> None:
    page.goto(LOGIN_PATH)
    page.locator("#id_username").fill(cast.alice.username)
    page.locator("#id_password").fill("not-the-password")
    page.locator("form.stack button[type=submit]").click()
    expect(page.get_by_role("alert")).to_be_visible()
    assert LOGIN_PATH in page.url
    assert_no_axe_violations(page)


def test_the_city_admin_sees_the_city_tree_and_switches_to_english_and_back(
    any_page: Page, cast: Cast, shot: Shot
) -> None:
    page = any_page
    login(page, cast.carol)
    page.goto(TREE_PATH)
    tree = page.locator("ul.tree")
    expect(tree.get_by_role("link", name="Thành phố Hà Nội")).to_be_visible()
    expect(tree.get_by_role("link", name="Phường Ngọc Hà")).to_be_visible()
    expect(page.get_by_text("Phường Kinh Bắc")).to_have_count(0)
    shot(page, f"tree-admin-{_size(page)}")

    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("button", name="Tiếng Việt")).to_be_visible()
    assert page.url.endswith(TREE_PATH)
    shot(page, f"tree-admin-en-{_size(page)}")

    page.get_by_role("button", name="Tiếng Việt").click()
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect(page.get_by_role("button", name="English")).to_be_visible()
    assert page.url.endswith(TREE_PATH)
