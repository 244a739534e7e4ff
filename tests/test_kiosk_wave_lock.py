"""A kiosk is locked to its wave: answers for another wave, a closed or unopened wave, or a wave
without the kiosk channel are refused with a final 4xx; answers queued before the wave closed
still count, dated when they were given."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from hailong.responses.models import Response
from hailong.surveys import services as survey_services
from tests.conftest import Cast
from tests.test_kiosk_factories import body, fresh_cache, kiosk_on, new_key, post  # noqa: F401
from tests.test_responses_factories import TODAY, open_wave

pytestmark = pytest.mark.usefixtures("fresh_cache")


def test_answers_for_another_wave_are_refused(cast: Cast) -> None:
    kiosk = kiosk_on(cast.ngoc_ha)
    other = open_wave(cast.ngoc_ha, name="Đợt khác")
    answer = post(Client(), kiosk, body(other), key=new_key())
    assert answer.status_code == 409
    assert answer.json()["error"] == "wrong_wave"
    assert Response.objects.count() == 0


def test_a_closed_wave_is_410(cast: Cast) -> None:
    kiosk = kiosk_on(cast.ngoc_ha)
    survey_services.wave_update(actor=None, wave=kiosk.wave, status="closed")
    answer = post(Client(), kiosk, body(kiosk.wave), key=new_key())
    assert answer.status_code == 410
    assert answer.json()["error"] == "closed"
    page = Client().get(f"/kiosk/{kiosk.token}/").content.decode()
    assert 'data-state="closed"' in page


def test_a_wave_not_open_yet_is_409(cast: Cast) -> None:
    wave = open_wave(
        cast.ngoc_ha, opens_on=TODAY + dt.timedelta(days=3), closes_on=TODAY + dt.timedelta(days=9)
    )
    kiosk = kiosk_on(cast.ngoc_ha, wave=wave)
    answer = post(Client(), kiosk, body(wave), key=new_key())
    assert answer.status_code == 409
    assert answer.json()["error"] == "not_open_yet"


def test_a_wave_without_the_kiosk_channel_is_410(cast: Cast) -> None:
    kiosk = kiosk_on(cast.ngoc_ha)
    survey_services.wave_update(actor=None, wave=kiosk.wave, channels=["online"])
    answer = post(Client(), kiosk, body(kiosk.wave), key=new_key())
    assert answer.status_code == 410
    assert answer.json()["error"] == "channel_disabled"


def test_an_answer_given_before_the_wave_closed_counts_when_it_arrives_later(cast: Cast) -> None:
    wave = open_wave(
        cast.ngoc_ha, opens_on=TODAY - dt.timedelta(days=20), closes_on=TODAY - dt.timedelta(days=1)
    )
    kiosk = kiosk_on(cast.ngoc_ha, wave=wave)
    two_days = 2 * 24 * 3600 * 1000
    answer = post(Client(), kiosk, body(wave, age_ms=two_days), key=new_key())
    assert answer.status_code == 201
    stored = Response.objects.get()
    assert abs(stored.submitted_at - (timezone.now() - dt.timedelta(days=2))).total_seconds() < 60
    assert stored.started_at is not None
    assert (stored.submitted_at - stored.started_at).total_seconds() == pytest.approx(90)


def test_an_answer_given_after_the_wave_closed_is_refused(cast: Cast) -> None:
    wave = open_wave(
        cast.ngoc_ha, opens_on=TODAY - dt.timedelta(days=20), closes_on=TODAY - dt.timedelta(days=1)
    )
    kiosk = kiosk_on(cast.ngoc_ha, wave=wave)
    assert post(Client(), kiosk, body(wave, age_ms=0), key=new_key()).status_code == 410


@pytest.mark.parametrize(
    ("payload", "status", "code"),
    [
        (b"{not json", 400, "bad_json"),
        (b"[1, 2]", 400, "bad_json"),
        (b'{"answers": {}}', 400, "bad_wave"),
        ("é".encode("latin-1"), 400, "bad_json"),
        (b"x" * 300_000, 413, "too_large"),
    ],
)
def test_broken_bodies_are_final_4xx_never_500(
    cast: Cast, payload: bytes, status: int, code: str
) -> None:
    kiosk = kiosk_on(cast.ngoc_ha)
    answer = post(Client(), kiosk, payload, key=new_key())
    assert answer.status_code == status
    assert answer.json()["error"] == code


@pytest.mark.parametrize(
    "change",
    [
        {"answers": {"q-CC1": {"nested": 1}}},
        {"answers": {"CC1": ["5"]}},
        {"answers": "5"},
        {"duration_ms": "soon"},
        {"age_ms": True},
        {"answers": {"q-CC1": ["5"] * 60}},
    ],
)
def test_odd_shapes_are_400(cast: Cast, change: dict[str, object]) -> None:
    kiosk = kiosk_on(cast.ngoc_ha)
    answer = post(Client(), kiosk, {**body(kiosk.wave), **change}, key=new_key())
    assert answer.status_code == 400


@pytest.mark.parametrize("key", [None, "", "short", "has spaces in it", "x" * 51, "ümlaut-key"])
def test_a_missing_or_odd_idempotency_key_is_400(cast: Cast, key: str | None) -> None:
    kiosk = kiosk_on(cast.ngoc_ha)
    answer = post(Client(), kiosk, body(kiosk.wave), key=key)
    assert answer.status_code == 400
    assert answer.json()["error"] == "bad_key"


def test_missing_answers_are_422_with_each_question(cast: Cast) -> None:
    kiosk = kiosk_on(cast.ngoc_ha)
    data = body(kiosk.wave)
    del data["answers"]["q-CC1"]
    answer = post(Client(), kiosk, data, key=new_key())
    assert answer.status_code == 422
    assert answer.json()["error"] == "invalid_answers"
    assert "CC1" in answer.json()["errors"]
