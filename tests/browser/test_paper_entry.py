"""Key a small paper batch twice with the keyboard only (digits, Tab, Enter), resolve the one
disagreement, and see the responses stored and the batch reconciled."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from hailong.paper.models import BatchStatus, PaperBatch
from hailong.responses.models import Response
from tests.browser.helpers import assert_no_axe_violations, login
from tests.conftest import Cast
from tests.test_paper_factories import new_batch, paper_wave, second_officer
from tests.test_responses_factories import fresh_cache  # noqa: F401 (fixture)

pytestmark = pytest.mark.usefixtures("fresh_cache")

Shot = Callable[[Page, str], Path]
FORM_1 = ("Chứng thực bản sao", "554454544")
FORM_2 = ("Đăng ký khai sinh", "443434345")
FORM_2_SLIP = "443444345"  # the second officer hits 4 instead of 3 on KQ2 (the fifth item)


def _key(page: Page, text: str, digits: str) -> None:
    """The first box has the focus: the field handled, Tab, then one digit per item (the page
    moves on by itself after each digit), and Enter to save."""
    expect(page.locator("#k-q-LV")).to_be_focused()
    page.keyboard.type(text)
    page.keyboard.press("Tab")
    page.keyboard.type(digits)
    page.keyboard.press("Enter")
    page.wait_for_load_state()


def _logout(page: Page) -> None:
    page.get_by_role("button", name="Đăng xuất").click()
    page.wait_for_load_state()


def test_a_batch_is_keyed_twice_resolved_and_stored_with_the_keyboard(
    page: Page, cast: Cast, shot: Shot
) -> None:
    wave = paper_wave(cast)
    batch = new_batch(cast, wave, declared=2, double=True)
    entry = f"/staff/phieu-giay/lo/{batch.pk}/nhap/"

    login(page, cast.oscar)
    page.goto(entry)
    expect(page.locator("#so")).to_have_value("1")
    shot(page, "paper-entry-empty")
    assert_no_axe_violations(page)
    _key(page, *FORM_1)
    expect(page.get_by_role("status")).to_contain_text("Đã nhập lần 1 phiếu số 1")
    expect(page.locator("#so")).to_have_value("2")
    _key(page, *FORM_2)
    expect(page.get_by_role("status")).to_contain_text("Đã nhập lần 1 phiếu số 2")
    assert not Response.objects.exists()

    _logout(page)
    login(page, second_officer(cast))
    page.goto(entry)
    expect(page.get_by_text("lần nhập 2")).to_be_visible()
    _key(page, *FORM_1)
    expect(page.get_by_role("status")).to_contain_text("Đã lưu phiếu số 1")
    _key(page, FORM_2[0], FORM_2_SLIP)
    expect(page.get_by_role("status")).to_contain_text("lệch lần 1 ở 1 ô")
    assert Response.objects.count() == 1

    page.goto(f"/staff/phieu-giay/lo/{batch.pk}/doi-chieu/")
    row = page.locator("table.diffs tbody tr")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("KQ2")
    expect(row.locator("td").nth(0)).to_have_text("3 · Bình thường")
    expect(row.locator("td").nth(1)).to_have_text("4 · Hài lòng")
    shot(page, "paper-conflicts")
    assert_no_axe_violations(page)
    expect(page.locator("input[name='chon-q-KQ2'][value='1']")).to_be_focused()
    page.keyboard.press("Tab")  # from the choice of keyings to "type the right value"
    page.keyboard.type("3")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    expect(page.get_by_role("status")).to_contain_text("Đã đối chiếu và lưu phiếu số 2")
    expect(page.get_by_text("Không còn phiếu nào lệch.")).to_be_visible()

    page.goto(f"/staff/phieu-giay/lo/{batch.pk}/")
    expect(page.locator(".reconcile")).to_have_text("Số phiếu khớp: thu về = đã nhập = đã lưu.")
    page.get_by_role("button", name="Đóng lô").click()
    page.wait_for_load_state()
    expect(page.get_by_role("status")).to_contain_text("Đã đóng lô phiếu")
    shot(page, "paper-batch")
    assert_no_axe_violations(page)

    stored = {r.answers["LV"]: r.answers["KQ2"] for r in Response.objects.filter(wave=wave)}
    assert stored == {"Chứng thực bản sao": 5, "Đăng ký khai sinh": 3}
    assert PaperBatch.objects.get().status == BatchStatus.RECONCILED
    assert set(Response.objects.values_list("entered_by__username", flat=True)) == {"oscar"}

    page.goto(f"/staff/phieu-giay/lo/{batch.pk}/phieu/2/")
    expect(page.locator("table.record tr.differs")).to_have_count(1)
    shot(page, "paper-form-record")


def test_a_refused_key_is_shown_beside_its_box_and_nothing_is_saved(
    page: Page, cast: Cast, shot: Shot
) -> None:
    wave = paper_wave(cast)
    batch = new_batch(cast, wave, declared=1)
    login(page, cast.oscar)
    page.goto(f"/staff/phieu-giay/lo/{batch.pk}/nhap/")
    _key(page, "Hộ tịch", "55440")  # 0 on a scale without "không áp dụng", then Enter early
    expect(page.locator("#e-q-KQ2")).to_have_text(
        "KQ2: Câu này không có lựa chọn «không áp dụng» (0)."
    )
    expect(page.locator("#k-q-KQ2")).to_be_focused()
    expect(page.locator("#k-q-CC1")).to_have_value("5")
    shot(page, "paper-entry-errors")
    assert_no_axe_violations(page)
    assert not Response.objects.exists()
