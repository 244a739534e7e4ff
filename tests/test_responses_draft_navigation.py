"""Moving through the form: every page is saved, Back keeps answers, odd draft ids are 404."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from hailong.responses.models import Response, ResponseDraft
from tests.conftest import Cast
from tests.test_responses_factories import (  # noqa: F401
    SIPAS_2023,
    fill_all,
    fresh_cache,
    open_wave,
    start,
    submit,
    valid_raw,
)

pytestmark = pytest.mark.usefixtures("fresh_cache")


def _checked(html: str) -> set[str]:
    return set(re.findall(r'id="([^"]+)"[^>]*value="[^"]*" checked', html))


def _step(url: str, step: int) -> str:
    return re.sub(r"/\d+/$", f"/{step}/", url)


def test_each_page_redirects_to_the_next_after_saving(cast: Cast) -> None:
    wave = open_wave(cast.ngoc_ha)
    client = cast.client(None)
    first = start(client, wave)
    response = client.post(first, {"q-LV": "Chứng thực", "action": "next"})

    assert response.status_code == 302
    assert response["Location"] == _step(first, 2)
    assert ResponseDraft.objects.get().answers == {"q-LV": ["Chứng thực"]}


def test_back_keeps_the_answers_of_both_pages(cast: Cast) -> None:
    wave = open_wave(cast.ngoc_ha)
    client = cast.client(None)
    first = start(client, wave)
    client.post(first, {"q-LV": "Đăng ký khai sinh", "action": "next"})
    second = _step(first, 2)
    back = client.post(second, {"q-CC1": "4", "action": "back"})  # CC2, CC3 not answered yet

    assert back.status_code == 302
    assert back["Location"] == first
    assert "Đăng ký khai sinh" in client.get(first).content.decode()
    again = client.get(second).content.decode()  # as the phone's Back/Forward would load it
    assert "q-CC1-4" in _checked(again)
    assert "Vui lòng" not in again  # going back never scolds about unanswered items


def test_the_phone_back_button_shows_the_saved_answers(cast: Cast) -> None:
    wave = open_wave(cast.ngoc_ha)
    client = cast.client(None)
    first = start(client, wave)
    client.post(first, {"q-LV": "Chứng thực", "action": "next"})
    client.post(_step(first, 2), {"q-CC1": "5", "q-CC2": "3", "q-CC3": "4", "action": "next"})

    page = client.get(_step(first, 2))
    assert page.status_code == 200
    assert page["Cache-Control"] == "no-store"
    assert {"q-CC1-5", "q-CC2-3", "q-CC3-4"} <= _checked(page.content.decode())


def test_a_missing_required_answer_is_asked_again_with_a_linked_summary(cast: Cast) -> None:
    wave = open_wave(cast.ngoc_ha)
    client = cast.client(None)
    first = start(client, wave)
    client.post(first, {"q-LV": "Chứng thực", "action": "next"})
    page = client.post(_step(first, 2), {"q-CC1": "5", "action": "next"})
    html = page.content.decode()

    assert page.status_code == 400
    assert 'class="pf-errors" role="alert"' in html
    assert 'href="#q-CC2-5"' in html
    assert 'id="q-CC2-5"' in html
    assert 'aria-describedby="q-CC2-error"' in html
    assert "q-CC1-5" in _checked(html)  # what was answered stays answered


def test_the_progress_counts_the_pages_that_apply(cast: Cast) -> None:
    wave = open_wave(cast.ngoc_ha)
    client = cast.client(None)
    html = client.get(start(client, wave)).content.decode()
    assert "Bước 1/6" in html  # 5 groups of the ward form and its heard-via page
    assert '<progress max="6" value="1"' in html


def test_a_group_whose_condition_fails_is_skipped(cast: Cast) -> None:
    wave = open_wave(cast.ngoc_ha, SIPAS_2023)
    client = cast.client(None)
    raw = valid_raw(wave)
    raw["q-Q8.1"] = ["2"]
    fill_all(client, wave, start(client, wave), raw)
    answers = ResponseDraft.objects.get().answers
    assert "q-II.1.1" not in answers
    assert "q-I.A.1" in answers


def test_a_tampered_draft_id_is_a_friendly_404(cast: Cast) -> None:
    wave = open_wave(cast.ngoc_ha)
    client = cast.client(None)
    first = start(client, wave)
    key = ResponseDraft.objects.get().key
    tampered = first.replace(key, key[:-1] + ("A" if key[-1] != "A" else "B"))
    for method in (client.get, client.post):
        response = method(tampered)
        assert response.status_code == 404
        assert "Bắt đầu lại" in response.content.decode()


def test_a_draft_of_another_wave_is_not_found(cast: Cast) -> None:
    wave = open_wave(cast.ngoc_ha)
    other = open_wave(cast.ngoc_ha, name="Đợt khác")
    client = cast.client(None)
    first = start(client, wave)
    assert client.get(first.replace(wave.public_token, other.public_token)).status_code == 404


def test_an_expired_draft_is_gone(cast: Cast) -> None:
    wave = open_wave(cast.ngoc_ha)
    client = cast.client(None)
    first = start(client, wave)
    ResponseDraft.objects.update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    response = client.get(first)
    assert response.status_code == 404
    assert "hết hạn" in response.content.decode()


def test_a_step_outside_the_form_is_not_found(cast: Cast) -> None:
    wave = open_wave(cast.ngoc_ha)
    client = cast.client(None)
    first = start(client, wave)
    assert client.get(_step(first, 99)).status_code == 404
    assert client.get(_step(first, 0)).status_code == 404


def test_jumping_to_the_end_sends_you_back_to_the_first_unanswered_page(cast: Cast) -> None:
    wave = open_wave(cast.ngoc_ha)
    client = cast.client(None)
    first = start(client, wave)
    client.post(first, {"q-LV": "Chứng thực", "action": "next"})
    response = client.post(_step(first, 6), {"action": "submit"})

    assert response.status_code == 302
    assert response["Location"] == _step(first, 2) + "?kiem-tra=1"
    html = client.get(response["Location"]).content.decode()
    assert "pf-errors" in html
    assert Response.objects.count() == 0


def test_sending_twice_keeps_one_response_and_thanks_again(cast: Cast) -> None:
    wave = open_wave(cast.ngoc_ha)
    client = cast.client(None)
    last = fill_all(client, wave, start(client, wave), valid_raw(wave))
    first = submit(client, last)
    again = submit(client, last)

    assert first["Location"] == again["Location"] == f"/k/{wave.public_token}/cam-on/"
    assert Response.objects.count() == 1
