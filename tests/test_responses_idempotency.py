"""A response sent twice with the same idempotency key is stored once, even at the same instant."""

from __future__ import annotations

import threading
import time

import pytest
from django.db import OperationalError, connection, connections

from hailong.responses.models import Response
from hailong.responses.services import response_submit
from hailong.surveys.models import SurveyWave
from tests.conftest import Cast
from tests.test_responses_factories import fresh_cache, open_wave, valid_raw  # noqa: F401

pytestmark = [pytest.mark.usefixtures("fresh_cache"), pytest.mark.postgres]


def _send(wave: SurveyWave, key: str | None, value: int = 5) -> Response:
    return response_submit(
        wave=wave,
        channel="kiosk",
        answers_raw=valid_raw(wave, value=value),
        respondent_raw={},
        idempotency_key=key,
    )


def test_the_same_key_twice_stores_one_response_and_returns_it(cast: Cast) -> None:
    wave = open_wave(cast.ngoc_ha)
    first = _send(wave, "kiosk-1-0001")
    again = _send(wave, "kiosk-1-0001", value=1)

    assert again.pk == first.pk
    assert again.answers["CC1"] == 5  # the stored answers, not the resent ones
    assert Response.objects.count() == 1


def test_different_keys_and_no_key_store_separate_responses(cast: Cast) -> None:
    wave = open_wave(cast.ngoc_ha)
    _send(wave, "a")
    _send(wave, "b")
    _send(wave, None)
    _send(wave, None)
    assert Response.objects.count() == 4


def test_the_same_key_in_two_waves_is_two_responses(cast: Cast) -> None:
    one = open_wave(cast.ngoc_ha)
    two = open_wave(cast.ngoc_ha, name="Đợt thứ hai")
    assert _send(one, "k").pk != _send(two, "k").pk


def test_a_retry_after_the_wave_closed_still_gets_the_stored_response(cast: Cast) -> None:
    wave = open_wave(cast.ngoc_ha)
    first = _send(wave, "late-retry")
    wave.status = "closed"
    wave.save(update_fields=["status"])
    assert _send(wave, "late-retry").pk == first.pk


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_sends_with_one_key_store_exactly_one(cast: Cast) -> None:
    """Both threads pass every check before either inserts: only the unique constraint can
    stop the second row; the loser gets the winner's response back."""
    wave = open_wave(cast.ngoc_ha)
    barrier = threading.Barrier(2, timeout=20)
    got: list[int] = []
    errors: list[BaseException] = []

    def send() -> None:
        try:
            mine = SurveyWave.objects.select_related("unit", "method_version").get(pk=wave.pk)
            barrier.wait()
            for _attempt in range(200):  # in-memory SQLite says "locked" instead of waiting
                try:
                    got.append(_send(mine, "same-key").pk)
                    return
                except OperationalError:
                    time.sleep(0.01)
        except BaseException as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert len(got) == 2
    assert got[0] == got[1]
    assert Response.objects.filter(wave=wave).count() == 1
    assert connection.vendor in {"sqlite", "postgresql"}
