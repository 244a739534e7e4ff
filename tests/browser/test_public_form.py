"""A citizen fills the public form on a phone (390x844), with and without JavaScript."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.urls import get_resolver
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from hailong.responses.models import ContactRequest, Response
from hailong.responses.questionnaire import caches_clear
from tests.browser.conftest import PHONE, TIMEOUT_MS
from tests.browser.helpers import assert_no_axe_violations
from tests.conftest import Cast
from tests.test_responses_factories import SIPAS_2017, open_wave

Shot = Callable[[Page, str], Path]


@pytest.fixture(autouse=True)
def quick_proof_of_work() -> Iterator[None]:
    """A small challenge, empty counters, and the URL map imported before the browser's first
    request (importing every app's views can take longer than a page's timeout on a busy box)."""
    get_resolver().url_patterns  # noqa: B018
    cache.clear()
    caches_clear()
    with override_settings(HAILONG_POW_MAX_NUMBER=3000):
        yield
    cache.clear()


@pytest.fixture
def no_js_page(browser: Browser, live_server: LiveServer) -> Iterator[Page]:
    """A phone-sized page with JavaScript switched off, as some in-app browsers behave."""
    context = browser.new_context(
        base_url=live_server.url,
        viewport=PHONE,
        locale="vi-VN",
        timezone_id="Asia/Ho_Chi_Minh",
        java_script_enabled=False,
    )
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    yield page
    context.close()


def _answer_page(page: Page, choice: str) -> None:
    """Choose ``choice`` in every question that offers it (else the first option), fill texts."""
    for fieldset in page.locator("fieldset.qt").all():
        wanted = fieldset.locator("label.qt-option").filter(has_text=choice)
        exact = [o for o in wanted.all() if o.inner_text().strip() == choice]
        (exact[0] if exact else fieldset.locator("label.qt-option").first).click()
    for text in page.locator(".qt-text textarea").all():
        text.fill("Chứng thực bản sao giấy khai sinh")


def _fill_to_the_end(page: Page, choice: str = "Hài lòng") -> None:
    for _ in range(20):
        if page.locator("h1").inner_text() == "Gửi phiếu":
            return
        _answer_page(page, choice)
        page.get_by_role("button", name="Tiếp tục").click()
    raise AssertionError("never reached the last page")


def test_with_javascript_the_form_is_filled_verified_and_accessible(
    phone_page: Page, cast: Cast, shot: Shot
) -> None:
    page = phone_page
    wave = open_wave(cast.ngoc_ha, respondent_types=["individual", "organisation"])
    page.goto(f"/k/{wave.public_token}/")
    expect(page.locator("h1")).to_have_text(wave.name)
    expect(page.locator("form[data-pow-done]")).to_have_count(1)  # the script solved it
    shot(page, "form-start-js")
    assert_no_axe_violations(page)

    page.get_by_role("button", name="Bắt đầu trả lời").click()
    expect(page.get_by_text("Bước 1/7")).to_be_visible()
    page.get_by_role("button", name="Tiếp tục").click()  # nothing chosen: asked again
    expect(page.locator(".pf-errors")).to_be_visible()
    shot(page, "form-error-js")
    assert_no_axe_violations(page)
    page.locator(".pf-errors a").first.click()
    expect(page.locator("#q-about\\.respondent_type-1")).to_be_focused()

    _answer_page(page, "Cá nhân")
    page.get_by_role("button", name="Tiếp tục").click()
    _answer_page(page, "Rất hài lòng")  # the field or procedure handled (free text)
    page.get_by_role("button", name="Tiếp tục").click()
    _answer_page(page, "Rất hài lòng")
    shot(page, "form-question-js")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Tiếp tục").click()
    _fill_to_the_end(page, "Hài lòng")
    shot(page, "form-last-js")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Gửi phiếu").click()

    expect(page.locator("h1")).to_have_text("Cảm ơn Ông/Bà!")
    shot(page, "form-thanks-js")
    assert_no_axe_violations(page)
    response = Response.objects.get(wave=wave)
    assert response.verified is True
    assert "unverified" not in response.flags
    assert response.answers["CC1"] == 5
    assert response.answers["KQ1"] == 4


def test_without_javascript_the_form_still_works_and_is_marked_unverified(
    no_js_page: Page, phone_page: Page, cast: Cast, shot: Shot
) -> None:
    page = no_js_page
    wave = open_wave(cast.ngoc_ha, SIPAS_2017)
    page.goto(f"/k/{wave.public_token}/")
    page.get_by_role("button", name="Bắt đầu trả lời").click()
    page.get_by_text("Trực tiếp tại Bộ phận Một cửa").click()
    page.get_by_role("button", name="Tiếp tục").click()
    _answer_page(page, "Hài lòng")
    page.get_by_role("button", name="Tiếp tục").click()
    fees = page.locator("fieldset").filter(has_text="Phí, lệ phí")
    expect(fees.get_by_text("Không áp dụng")).to_be_visible()
    _answer_page(page, "Hài lòng")
    fees.get_by_text("Không áp dụng").click()
    shot(page, "form-not-applicable-nojs")
    phone_page.goto(page.url)  # the same page (its draft is in the URL), where axe can run
    assert_no_axe_violations(phone_page)
    page.get_by_role("button", name="Tiếp tục").click()
    _fill_to_the_end(page)
    page.get_by_text("Tôi muốn được cán bộ liên hệ lại").click()
    page.get_by_role("textbox", name="Số điện thoại").fill("0912 345 678")
    page.locator("#id_consent").check()
    shot(page, "form-contact-nojs")
    page.get_by_role("button", name="Gửi phiếu").click()

    expect(page.locator("h1")).to_have_text("Cảm ơn Ông/Bà!")
    response = Response.objects.get(wave=wave)
    assert response.verified is False
    assert "unverified" in response.flags
    assert response.answers["C2.4"] == 0
    assert response.transaction_channel == "direct"
    assert ContactRequest.objects.get().phone == "0912 345 678"


def test_back_and_the_phone_back_button_keep_the_answers(
    no_js_page: Page, cast: Cast, shot: Shot
) -> None:
    page = no_js_page
    wave = open_wave(cast.ngoc_ha)
    page.goto(f"/k/{wave.public_token}/")
    page.get_by_role("button", name="Bắt đầu trả lời").click()
    page.locator(".qt-text textarea").fill("Đăng ký khai sinh")
    page.get_by_role("button", name="Tiếp tục").click()
    first_question = page.locator("fieldset.qt").first
    first_question.get_by_text("Rất hài lòng", exact=True).click()

    page.get_by_role("button", name="Quay lại").click()  # the form's own Back saves this page
    expect(page.locator(".qt-text textarea")).to_have_value("Đăng ký khai sinh")
    page.get_by_role("button", name="Tiếp tục").click()
    expect(page.locator("fieldset.qt").first.locator("input").first).to_be_checked()
    _answer_page(page, "Hài lòng")
    page.get_by_role("button", name="Tiếp tục").click()
    page.wait_for_url("**/3/")
    page.wait_for_load_state("load")
    page.go_back()  # the phone's Back button
    expect(page.get_by_text("Bước 2/6")).to_be_visible()
    for fieldset in page.locator("fieldset.qt").all():
        expect(fieldset.locator("input:checked")).to_have_count(1)
    shot(page, "form-back-kept-nojs")
