"""Helpers for browser tests: log in through the real form, check a page with axe-core."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from playwright.sync_api import Page

from hailong.accounts.models import User
from tests.conftest import PASSWORD

AXE_JS = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
LOGIN_PATH = "/tai-khoan/dang-nhap/"


def login(page: Page, user: User, password: str = PASSWORD) -> None:
    """Log ``user`` in through the login form, as a person would, and wait for the home page."""
    page.goto(LOGIN_PATH)
    page.locator("#id_username").fill(user.username)
    page.locator("#id_password").fill(password)
    with page.expect_navigation():
        page.locator("form.stack button[type=submit]").click()
    assert LOGIN_PATH not in page.url, f"login failed for {user.username}: still on {page.url}"


def axe_violations(page: Page, tags: list[str] | None = None) -> list[dict[str, Any]]:
    """Run axe-core on the page as it is now; return its violations for the WCAG tags.

    The site's CSP forbids inline scripts, so ``add_script_tag`` would be blocked; the script is
    evaluated through the DevTools protocol instead, which a page's CSP does not govern.
    """
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_JS.read_text(encoding="utf-8"))
    options = {
        "runOnly": {"type": "tag", "values": tags or WCAG_TAGS},
        "resultTypes": ["violations"],
    }
    result: dict[str, Any] = page.evaluate("(options) => axe.run(document, options)", options)
    violations: list[dict[str, Any]] = result["violations"]
    return violations


def format_violations(violations: list[dict[str, Any]]) -> str:
    lines = []
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']}\n"
            f"  {violation['helpUrl']}"
        )
        for node in violation["nodes"][:5]:
            lines.append(f"    at {', '.join(map(str, node['target']))}: {node['html'][:160]}")
            summary = (node.get("failureSummary") or "").replace("\n", " ").strip()
            if summary:
                lines.append(f"       {summary[:300]}")
        if len(violation["nodes"]) > 5:
            lines.append(f"    … and {len(violation['nodes']) - 5} more")
    return "\n".join(lines)


def assert_no_axe_violations(page: Page, tags: list[str] | None = None) -> None:
    """Fail with a readable list when axe-core finds WCAG 2.1 A/AA violations on the page."""
    violations = axe_violations(page, tags)
    assert not violations, (
        f"axe-core found {len(violations)} accessibility violation(s) on {page.url}:\n"
        + format_violations(violations)
    )
