"""The desk kiosk on a tablet (1024x768): answered offline, sent exactly once when the network
returns (a forced resend stores nothing new), back to the start when left idle, an
out-of-hours screen, and no accessibility violations on its screens."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from hailong.kiosk.models import Kiosk
from hailong.responses.models import Response
from hailong.responses.questionnaire import caches_clear
from tests.browser.conftest import _new_page
from tests.browser.helpers import assert_no_axe_violations
from tests.conftest import Cast
from tests.test_kiosk_factories import kiosk_on

Shot = Callable[[Page, str], Path]
TABLET = {"width": 1024, "height": 768}
QUEUE = """() => {
  const k = Object.keys(localStorage).find((k) => k.startsWith("hailong-kiosk-queue:"));
  return k ? JSON.parse(localStorage.getItem(k)) : [];
}"""


@pytest.fixture(autouse=True)
def fresh() -> Iterator[None]:
    cache.clear()
    caches_clear()
    yield
    cache.clear()


@pytest.fixture
def tablet(
    browser: Browser, live_server: LiveServer, request: pytest.FixtureRequest
) -> Iterator[Page]:
    """A tablet-sized page (1024x768, landscape) in a fresh context."""
    yield from _new_page(browser, live_server, request, TABLET)


def _answer_screen(page: Page, choice: str = "Hài lòng") -> None:
    """Choose ``choice`` where a question offers it (else its first option); fill the texts."""
    screen = page.locator("[data-screen=question]")
    for fieldset in screen.locator("fieldset.qt").all():
        options = fieldset.locator("label.qt-option")
        exact = [o for o in options.all() if o.inner_text().strip() == choice]
        (exact[0] if exact else options.first).click()
    for text in screen.locator(".qt-text textarea").all():
        text.fill("Chứng thực bản sao giấy khai sinh")


def _answer_all(page: Page) -> None:
    screen = page.locator("[data-screen=question]")
    for _ in range(20):
        _answer_screen(page)
        button = screen.locator(".kq-next")
        last = button.inner_text() == "Gửi phiếu"
        button.click()
        if last:
            return
    raise AssertionError("never reached the last screen")


def _queue(page: Page) -> list[dict[str, Any]]:
    queue: list[dict[str, Any]] = page.evaluate(QUEUE)
    return queue


def test_a_response_given_offline_is_stored_exactly_once_when_back_online(
    tablet: Page, cast: Cast, shot: Shot
) -> None:
    page = tablet
    kiosk = kiosk_on(cast.ngoc_ha)
    page.goto(f"/kiosk/{kiosk.token}/")
    start = page.locator("[data-screen=start]")
    expect(start.locator("h1")).to_be_visible()
    expect(
        page.get_by_role("heading", name="Đánh giá riêng trên điện thoại của bạn")
    ).to_be_visible()
    expect(page.locator(".kq-phone svg")).to_be_visible()
    assert cast.officer.full_name not in page.content()
    shot(page, "kiosk-start")
    assert_no_axe_violations(page)

    page.get_by_role("button", name="Bắt đầu đánh giá").click()
    question = page.locator("[data-screen=question]")
    expect(question.get_by_text("Bước 1/")).to_be_visible()
    question.locator(".kq-next").click()  # nothing answered: the errors show
    expect(question.locator(".kq-summary")).to_be_visible()
    shot(page, "kiosk-question-errors")
    assert_no_axe_violations(page)

    page.context.set_offline(True)
    _answer_screen(page)
    question.locator(".kq-next").click()
    expect(question.get_by_text("Bước 2/")).to_be_visible()
    shot(page, "kiosk-question")
    assert_no_axe_violations(page)
    _answer_all(page)

    thanks = page.locator("[data-screen=thanks]")
    expect(thanks.get_by_role("heading", name="Cảm ơn Ông/Bà!")).to_be_visible()
    pending = page.locator("#kq-pending")
    expect(pending).to_have_text("Đang chờ gửi: 1 phiếu")
    expect(thanks.locator(".kq-offline-note")).to_be_visible()
    shot(page, "kiosk-thanks-offline")
    assert Response.objects.count() == 0
    queued = _queue(page)
    assert len(queued) == 1

    page.context.set_offline(False)
    expect(pending).to_have_text("", timeout=15_000)
    stored = Response.objects.get()
    assert (stored.channel, stored.source_id) == ("kiosk", kiosk.source_id)
    assert stored.flags == ["too_fast"]  # a robot answers ten questions in two seconds
    assert stored.idempotency_key == f"kiosk-{kiosk.pk}-{queued[0]['key']}"
    assert stored.answers["CC1"] == 4

    # A forced resend of the very same queued item (as after a reply lost on the way back).
    queued[0]["next"] = 0
    key = f"hailong-kiosk-queue:/kiosk/{kiosk.token}/gui/"
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [key, json.dumps(queued)])
    assert len(_queue(page)) == 1
    page.evaluate("() => window.dispatchEvent(new Event('online'))")
    expect(pending).to_have_text("", timeout=15_000)
    assert _queue(page) == []
    assert Response.objects.count() == 1
    again = page.request.post(
        f"/kiosk/{kiosk.token}/gui/",
        data=json.dumps({**queued[0]["body"], "age_ms": 1000}),
        headers={"Content-Type": "application/json", "Idempotency-Key": queued[0]["key"]},
    )
    assert again.status == 200
    assert again.json() == {"id": stored.pk, "duplicate": True}
    assert Response.objects.count() == 1


def test_left_idle_the_tablet_returns_to_the_start_screen(
    tablet: Page, cast: Cast, shot: Shot
) -> None:
    page = tablet
    kiosk = kiosk_on(cast.ngoc_ha)
    Kiosk.objects.filter(pk=kiosk.pk).update(idle_reset_seconds=4)
    page.goto(f"/kiosk/{kiosk.token}/")
    page.get_by_role("button", name="Bắt đầu đánh giá").click()
    question = page.locator("[data-screen=question]")
    expect(question).to_be_visible()
    _answer_screen(page)  # half-way through, then the person walks away
    idle = page.locator(".kq-idle")
    expect(idle).to_be_visible(timeout=8_000)
    expect(idle).to_contain_text("Màn hình sẽ quay về đầu sau")
    shot(page, "kiosk-idle-warning")
    expect(page.locator("[data-screen=start]")).to_be_visible(timeout=8_000)
    expect(question).to_be_hidden()
    page.get_by_role("button", name="Bắt đầu đánh giá").click()
    expect(question.get_by_text("Bước 1/")).to_be_visible()
    assert question.locator("input:checked").count() == 0  # nothing of the last person's
    assert Response.objects.count() == 0


def test_outside_opening_hours_it_shows_the_hours_and_the_phone_qr(
    tablet: Page, cast: Cast, shot: Shot
) -> None:
    page = tablet
    today = dt.datetime.now(tz=ZoneInfo("Asia/Ho_Chi_Minh")).weekday()
    kiosk = kiosk_on(cast.ngoc_ha, weekdays=[(today + 1) % 7])
    page.goto(f"/kiosk/{kiosk.token}/")
    screen = page.locator("[data-screen=hours]")
    expect(screen.get_by_role("heading", name="Ngoài giờ làm việc")).to_be_visible()
    expect(screen).to_contain_text("00:00 – 23:59")
    expect(page.locator("[data-screen=start]")).to_be_hidden()
    expect(page.locator(".kq-phone svg")).to_be_visible()
    shot(page, "kiosk-out-of-hours")
    assert_no_axe_violations(page)
