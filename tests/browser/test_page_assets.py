"""A page loads its own assets and keeps to its Content Security Policy."""

from __future__ import annotations

from playwright.sync_api import ConsoleMessage, Page, Response

from tests.browser.helpers import LOGIN_PATH


def test_the_login_page_loads_its_stylesheet(page: Page) -> None:
    failed: list[str] = []

    def record(response: Response) -> None:
        if response.status >= 400 and not response.url.endswith("/favicon.ico"):
            failed.append(f"{response.status} {response.url}")

    page.on("response", record)
    page.goto(LOGIN_PATH)
    page.wait_for_load_state("load")
    assert failed == []
    assert page.evaluate("() => document.styleSheets.length") >= 1


def test_the_login_page_has_a_valid_content_security_policy(page: Page) -> None:
    problems: list[str] = []

    def record(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text:
            problems.append(message.text)

    page.on("console", record)
    page.goto(LOGIN_PATH)
    page.wait_for_load_state("load")
    assert problems == []
