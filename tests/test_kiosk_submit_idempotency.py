"""A tablet that sends the same response twice (a lost reply, a forced resend) stores it once."""

from __future__ import annotations

import threading
import time

import pytest
from django.db import OperationalError, connections
from django.test import Client

from hailong.kiosk.models import Kiosk
from hailong.kiosk.payload import Submission
from hailong.kiosk.services import kiosk_submit
from hailong.responses.models import Response
from tests.conftest import Cast
from tests.test_kiosk_factories import body, fresh_cache, kiosk_on, new_key, post  # noqa: F401
from tests.test_responses_factories import valid_raw

pytestmark = [pytest.mark.usefixtures("fresh_cache"), pytest.mark.postgres]


def test_the_first_send_is_201_and_stores_a_kiosk_response(cast: Cast) -> None:
    kiosk = kiosk_on(cast.ngoc_ha)
    answer = post(Client(), kiosk, body(kiosk.wave), key=new_key())

    assert answer.status_code == 201
    stored = Response.objects.get()
    assert answer.json() == {"id": stored.pk, "duplicate": False}
    assert stored.channel == "kiosk"
    assert stored.source_id == kiosk.source_id
    assert stored.verified is True


def test_the_same_key_twice_is_one_row_and_the_same_id(cast: Cast) -> None:
    kiosk = kiosk_on(cast.ngoc_ha)
    key = new_key()
    first = post(Client(), kiosk, body(kiosk.wave, value=5), key=key)
    again = post(Client(), kiosk, body(kiosk.wave, value=1), key=key)

    assert again.status_code == 200
    assert again.json() == {"id": first.json()["id"], "duplicate": True}
    assert Response.objects.count() == 1
    assert Response.objects.get().answers["CC1"] == 5  # what was stored first


def test_two_keys_are_two_responses(cast: Cast) -> None:
    kiosk = kiosk_on(cast.ngoc_ha)
    post(Client(), kiosk, body(kiosk.wave), key=new_key())
    post(Client(), kiosk, body(kiosk.wave), key=new_key())
    assert Response.objects.count() == 2


def test_the_same_key_from_two_kiosks_is_two_responses(cast: Cast) -> None:
    """Keys are namespaced by kiosk: one tablet cannot claim another's response."""
    one = kiosk_on(cast.ngoc_ha)
    two = kiosk_on(cast.ngoc_ha, wave=one.wave, name="Máy số 2")
    key = new_key()
    first = post(Client(), one, body(one.wave), key=key)
    second = post(Client(), two, body(two.wave), key=key)
    assert first.status_code == second.status_code == 201
    assert first.json()["id"] != second.json()["id"]


def test_a_resend_after_the_wave_closed_still_gets_the_stored_id(cast: Cast) -> None:
    kiosk = kiosk_on(cast.ngoc_ha)
    key = new_key()
    first = post(Client(), kiosk, body(kiosk.wave), key=key)
    kiosk.wave.status = "closed"
    kiosk.wave.save(update_fields=["status"])
    again = post(Client(), kiosk, body(kiosk.wave), key=key)
    assert again.status_code == 200
    assert again.json() == {"id": first.json()["id"], "duplicate": True}


@pytest.mark.django_db(transaction=True)
def test_concurrent_sends_of_one_key_store_exactly_one(cast: Cast) -> None:
    """Four threads pass every check before any inserts: the unique constraint decides, and
    every loser gets the winner's id back as a duplicate."""
    kiosk = kiosk_on(cast.ngoc_ha)
    submission = Submission(
        key=new_key(),
        wave_token=kiosk.wave.public_token,
        answers=valid_raw(kiosk.wave),
        duration_ms=60_000,
        age_ms=0,
    )
    barrier = threading.Barrier(4, timeout=20)
    got: list[tuple[int, bool]] = []
    errors: list[BaseException] = []

    def send() -> None:
        try:
            mine = Kiosk.objects.select_related("wave__unit", "wave__method_version", "source").get(
                pk=kiosk.pk
            )
            barrier.wait()
            for _attempt in range(300):  # in-memory SQLite says "locked" instead of waiting
                try:
                    outcome = kiosk_submit(kiosk=mine, submission=submission)
                    got.append((outcome.response.pk, outcome.duplicate))
                    return
                except OperationalError:
                    time.sleep(0.01)
        except BaseException as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert len(got) == 4
    assert len({pk for pk, _dup in got}) == 1
    assert sorted(dup for _pk, dup in got) == [False, True, True, True]
    assert Response.objects.filter(wave=kiosk.wave).count() == 1
