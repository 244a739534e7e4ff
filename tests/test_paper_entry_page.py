"""The keying page: one compact row per item, digit boxes (numeric keypad, one character), focus
on the first box, the next number filled in, Enter saves; refusals next to their box."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from hailong.paper.models import PaperForm
from hailong.responses.models import Response
from tests.conftest import Cast
from tests.test_paper_factories import (  # noqa: F401 (fixture)
    SIPAS_2023,
    enter,
    fresh_cache,
    keys_for,
    new_batch,
    paper_wave,
)

pytestmark = pytest.mark.usefixtures("fresh_cache")


def test_the_sheet_has_one_digit_box_per_item_and_focuses_the_first(cast: Cast) -> None:
    wave = paper_wave(cast, SIPAS_2023)
    batch = new_batch(cast, wave)
    page = cast.client(cast.oscar).get(reverse("paper:entry", args=[batch.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    box = re.search(r'<input type="text" id="k-q-II.3.1"[^>]*>', html)
    assert box is not None
    assert 'inputmode="numeric"' in box.group(0)
    assert 'maxlength="1"' in box.group(0)
    assert html.count(" autofocus") == 1
    assert re.search(r'id="k-q-Q1.1"[^>]* autofocus', html)
    assert re.search(r'<input type="text" id="so" name="so" value="1"', html)
    assert re.search(r'id="k-q-Q2"[^>]*maxlength="7"', html)  # 7 ticked digits at most
    assert "1–5 · 0 = không áp dụng" in html  # II.2.3 (fees) may be "not applicable"
    assert "Chỉ nhập khi câu Q8.1 = 1" in html
    assert f'<option value="{cast.group1.pk}" selected>' in html  # the batch's group
    assert "<script" in html
    assert "onclick" not in html
    assert "oninput" not in html


def test_saving_a_form_comes_back_for_the_next_number(cast: Cast) -> None:
    wave = paper_wave(cast)
    batch = new_batch(cast, wave, declared=3)
    client = cast.client(cast.oscar)
    url = reverse("paper:entry", args=[batch.pk])
    saved = client.post(url, {**keys_for(wave), "so": "1", "bat_dau": "0"})
    assert saved.status_code == 302
    assert saved["Location"] == url
    page = client.get(url).content.decode()
    assert "Đã lưu phiếu số 1." in page
    assert '<input type="text" id="so" name="so" value="2"' in page
    assert "Đã nhập 1/3 phiếu" in page


def test_a_refused_form_comes_back_with_its_keys_and_the_error_beside_the_box(
    cast: Cast,
) -> None:
    wave = paper_wave(cast)
    batch = new_batch(cast, wave)
    page = cast.client(cast.oscar).post(
        reverse("paper:entry", args=[batch.pk]), {**keys_for(wave, KQ1="8", CC2="x"), "so": "1"}
    )
    html = page.content.decode()
    assert page.status_code == 400
    assert re.search(r'id="k-q-CC2"[^>]*value="x"[^>]*autofocus', html)  # first error
    assert 'aria-describedby="e-q-KQ1"' in html
    assert '<p class="error" id="e-q-KQ1">KQ1: Lựa chọn không hợp lệ.</p>' in html
    assert "Có 2 ô cần kiểm tra lại" in html
    assert not PaperForm.objects.exists()


def test_a_missing_or_foreign_number_is_refused_on_the_number(cast: Cast) -> None:
    wave = paper_wave(cast)
    batch = new_batch(cast, wave)
    client = cast.client(cast.oscar)
    url = reverse("paper:entry", args=[batch.pk])
    for number in ("", "abc", "77", "１"):
        page = client.post(url, {**keys_for(wave), "so": number})
        assert page.status_code == 400, number
        assert 'id="e-so"' in page.content.decode()
    assert not Response.objects.exists()


def test_when_every_number_is_keyed_the_page_says_so(cast: Cast) -> None:
    wave = paper_wave(cast)
    batch = new_batch(cast, wave, declared=1)
    enter(batch, cast.oscar, 1, keys_for(wave))
    page = cast.client(cast.oscar).get(reverse("paper:entry", args=[batch.pk])).content.decode()
    assert "Đã nhập hết các số phiếu của lô" in page
    assert '<input type="text" id="so" name="so" value=""' in page


def test_keying_a_form_costs_a_fixed_number_of_queries(
    cast: Cast, django_assert_max_num_queries: object
) -> None:
    wave = paper_wave(cast, SIPAS_2023)
    batch = new_batch(cast, wave, declared=10)
    client = cast.client(cast.oscar)
    url = reverse("paper:entry", args=[batch.pk])
    enter(batch, cast.oscar, 1, keys_for(wave))
    with django_assert_max_num_queries(10):  # type: ignore[operator]
        client.get(url)
    with django_assert_max_num_queries(22):  # type: ignore[operator]
        client.post(url, {**keys_for(wave), "so": "2"})
