"""A link to a wave that is not open shows a kind page (200 or 410), never an error."""

from __future__ import annotations

import datetime as dt

import pytest

from hailong.responses.models import ResponseDraft
from hailong.responses.questionnaire import caches_clear
from tests.conftest import Cast
from tests.test_responses_factories import TODAY, fresh_cache, open_wave, start  # noqa: F401

pytestmark = pytest.mark.usefixtures("fresh_cache")


def test_a_wave_that_has_ended_answers_410_with_its_end_date(cast: Cast) -> None:
    wave = open_wave(
        cast.ngoc_ha, opens_on=TODAY - dt.timedelta(days=60), closes_on=TODAY - dt.timedelta(days=2)
    )
    for method in ("get", "post"):
        page = getattr(cast.client(None), method)(f"/k/{wave.public_token}/")
        assert page.status_code == 410
        html = page.content.decode()
        assert "đã kết thúc" in html
        assert (TODAY - dt.timedelta(days=2)).strftime("%d/%m/%Y") in html
    assert not ResponseDraft.objects.exists()


def test_a_wave_not_yet_open_says_when_to_come_back(cast: Cast) -> None:
    wave = open_wave(
        cast.ngoc_ha, opens_on=TODAY + dt.timedelta(days=5), closes_on=TODAY + dt.timedelta(days=50)
    )
    page = cast.client(None).get(f"/k/{wave.public_token}/")
    assert page.status_code == 200
    assert "bắt đầu nhận ý kiến từ ngày" in page.content.decode()


def test_a_wave_closed_while_someone_answers_stops_kindly(cast: Cast) -> None:
    wave = open_wave(cast.ngoc_ha)
    client = cast.client(None)
    first = start(client, wave)
    wave.status = "closed"
    wave.save(update_fields=["status"])
    caches_clear()  # the form remembers a wave for a few seconds
    page = client.get(first)
    assert page.status_code == 410
    assert "ngừng nhận ý kiến" in page.content.decode()


def test_an_unknown_link_is_a_friendly_404(cast: Cast) -> None:
    page = cast.client(None).get("/k/khong-co-dot-nay/")
    assert page.status_code == 404
    assert "không đúng hoặc đã hết hiệu lực" in page.content.decode()
    wave = open_wave(cast.ngoc_ha)
    assert cast.client(None).get(f"/k/{wave.public_token}/khongco/").status_code == 404


def test_the_start_page_names_the_ward_and_the_data_controller(cast: Cast) -> None:
    wave = open_wave(cast.ngoc_ha)
    html = cast.client(None).get(f"/k/{wave.public_token}/").content.decode()
    assert "Ủy ban nhân dân phường Ngọc Hà" in html
    assert "Bên kiểm soát dữ liệu" in html
    assert "91/2025/QH15" in html
    assert "Không hỏi họ tên" in html
    assert "Bắt đầu trả lời" in html
