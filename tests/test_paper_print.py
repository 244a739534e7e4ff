"""Printable records: one form with its stored values and both keyings, and the batch with its
counts, forms and full audit trail (optionally every form's record, one per page)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.conftest import Cast
from tests.test_paper_factories import (  # noqa: F401 (fixture)
    enter,
    fresh_cache,
    keys_for,
    new_batch,
    paper_wave,
    second_officer,
)

pytestmark = pytest.mark.usefixtures("fresh_cache")


def test_a_form_record_shows_stored_values_and_both_keyings(cast: Cast) -> None:
    wave = paper_wave(cast)
    batch = new_batch(cast, wave, double=True)
    enter(batch, cast.oscar, 1, keys_for(wave, CC1="5"))
    enter(batch, second_officer(cast), 1, keys_for(wave, CC1="5"))
    page = cast.client(cast.bob).get(reverse("paper:form", args=[batch.pk, 1]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Phiếu giấy số 1" in html
    assert "5 · Rất hài lòng" in html
    assert "Nhập lần 1" in html
    assert "Nhập lần 2" in html
    assert "Otto" in html
    assert reverse("paper:form_edit", args=[batch.pk, 1]) not in html  # bob cannot edit


def test_the_batch_print_view_lists_forms_and_every_event(
    cast: Cast, django_assert_max_num_queries: object
) -> None:
    wave = paper_wave(cast)
    batch = new_batch(cast, wave, declared=3)
    for number in (1, 2, 3):
        enter(batch, cast.oscar, number, keys_for(wave))
    client = cast.client(cast.oscar)
    with django_assert_max_num_queries(20):  # type: ignore[operator]
        page = client.get(reverse("paper:batch_print", args=[batch.pk]))
    html = page.content.decode()
    assert "Biên bản nhập phiếu khảo sát giấy – lô số 1" in html
    assert html.count("Nhập phiếu</td>") == 3
    assert "(ký, ghi rõ họ tên)" in html
    assert "print-record" not in html
    full = client.get(reverse("paper:batch_print", args=[batch.pk]) + "?day-du=1")
    assert full.content.decode().count('class="print-record"') == 3


def test_the_batch_page_keeps_routine_keyings_out_of_its_trail(cast: Cast) -> None:
    wave = paper_wave(cast)
    batch = new_batch(cast, wave, declared=2)
    enter(batch, cast.oscar, 1, keys_for(wave))
    html = cast.client(cast.oscar).get(reverse("paper:batch", args=[batch.pk])).content.decode()
    assert "Tạo lô phiếu" in html
    assert "Nhập phiếu</td>" not in html
