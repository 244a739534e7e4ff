"""Each kiosk may send a limited number of submissions per 10 minutes (a 429 the tablet retries);
another kiosk is not affected."""

from __future__ import annotations

import pytest
from django.test import Client, override_settings

from hailong.responses.models import Response
from tests.conftest import Cast
from tests.test_kiosk_factories import body, fresh_cache, kiosk_on, new_key, post  # noqa: F401

pytestmark = pytest.mark.usefixtures("fresh_cache")


@override_settings(HAILONG_KIOSK_SUBMITS_PER_10_MIN=3)
def test_past_the_limit_a_kiosk_gets_429_with_retry_after(cast: Cast) -> None:
    kiosk = kiosk_on(cast.ngoc_ha)
    other = kiosk_on(cast.ngoc_ha, wave=kiosk.wave, name="Máy số 2")
    for _ in range(3):
        assert post(Client(), kiosk, body(kiosk.wave), key=new_key()).status_code == 201
    limited = post(Client(), kiosk, body(kiosk.wave), key=new_key())
    assert limited.status_code == 429
    assert limited.json()["error"] == "rate_limited"
    assert 0 < int(limited["Retry-After"]) <= 600
    assert post(Client(), other, body(other.wave), key=new_key()).status_code == 201
    assert Response.objects.count() == 4


def test_the_default_limit_lets_a_busy_desk_and_a_queue_replay_through(cast: Cast) -> None:
    kiosk = kiosk_on(cast.ngoc_ha)
    for _ in range(40):
        assert post(Client(), kiosk, body(kiosk.wave, value=4), key=new_key()).status_code == 201
