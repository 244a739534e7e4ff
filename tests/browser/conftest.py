"""Browser tests: Playwright driving Debian's Chromium against pytest-django's live server.

Never ``playwright install``: the browser is the system ``chromium`` (``make system-deps``).
Every test here is marked ``browser`` and gets a fresh browser context (cookies, storage);
the browser itself is started once per xdist worker. A failing test leaves a full-page
screenshot in ``test-results/``.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.servers.basehttp import WSGIServer
from django.test.testcases import LiveServerThread
from playwright.sync_api import Browser, Page, Playwright, sync_playwright
from pytest_django.live_server_helper import LiveServer

# Playwright's sync API runs an event loop in this thread; Django then refuses ORM calls made
# by fixtures ("You cannot call this from an async context"). The standard fix for tests:
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

HERE = Path(__file__).resolve().parent
RESULTS = HERE.parent.parent / "test-results"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
TIMEOUT_MS = 10_000


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test under tests/browser/ ``browser`` (``-m 'not browser'`` skips them)."""
    for item in items:
        if HERE in Path(str(item.path)).parents:
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> object:
    """Keep each phase's report on the item so fixtures can tell that the test failed."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


class _SerialWSGIServer(WSGIServer):
    """Handles one request at a time (and so closes each connection after its response)."""

    def __init__(self, *args: Any, connections_override: object = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)


class _SerialLiveServerThread(LiveServerThread):
    server_class = _SerialWSGIServer


@pytest.fixture(scope="session")
def live_server(django_db_setup: None) -> Iterator[LiveServer]:
    """pytest-django's live server, started after the test database exists.

    On SQLite the test database lives in memory and the server must share the test's own
    connection (``connections_override``): pytest-django only does that when the database is
    already set up, hence ``django_db_setup``; otherwise the server opens a second connection and
    both fail with "database table is locked". The server is then serial, because the threaded one
    would run the browser's parallel requests (page, CSS, favicon) on that one connection at once.
    """
    server = LiveServer("localhost", start=False)
    thread = server.thread
    if thread.connections_override:
        server.thread = _SerialLiveServerThread(
            thread.host, thread.static_handler, thread.connections_override, thread.port
        )
        server.thread.daemon = True
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def playwright_instance() -> Iterator[Playwright]:
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(playwright_instance: Playwright) -> Iterator[Browser]:
    executable = shutil.which("chromium")
    if executable is None:
        pytest.skip("browser tests need Debian's chromium on PATH (make system-deps installs it)")
    browser = playwright_instance.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


def _new_page(
    browser: Browser,
    live_server: LiveServer,
    request: pytest.FixtureRequest,
    viewport: dict[str, int],
) -> Iterator[Page]:
    context = browser.new_context(
        base_url=live_server.url, viewport=viewport, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh"
    )
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    yield page
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        RESULTS.mkdir(exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", request.node.nodeid)[-150:]
        page.screenshot(path=str(RESULTS / f"{name}.png"), full_page=True)
    context.close()


@pytest.fixture
def page(
    browser: Browser, live_server: LiveServer, request: pytest.FixtureRequest
) -> Iterator[Page]:
    """A desktop-sized page (1280x800) in a fresh context whose base URL is the live server."""
    yield from _new_page(browser, live_server, request, DESKTOP)


@pytest.fixture
def phone_page(
    browser: Browser, live_server: LiveServer, request: pytest.FixtureRequest
) -> Iterator[Page]:
    """A phone-sized page (390x844) in a fresh context whose base URL is the live server."""
    yield from _new_page(browser, live_server, request, PHONE)


@pytest.fixture(params=["phone", "desktop"])
def any_page(request: pytest.FixtureRequest, live_server: LiveServer) -> Page:
    """The test runs twice: on a phone-sized page, then on a desktop-sized one."""
    fixture = "phone_page" if request.param == "phone" else "page"
    page: Page = request.getfixturevalue(fixture)
    return page


@pytest.fixture
def shot() -> Callable[[Page, str], Path]:
    """Save a full-page screenshot to $HAILONG_SHOTS (e.g. /tmp/shots) when that is set."""
    target = os.environ.get("HAILONG_SHOTS", "")

    def take(page: Page, name: str) -> Path:
        path = Path(target or RESULTS) / f"{name}.png"
        if target:
            path.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(path), full_page=True)
        return path

    return take
