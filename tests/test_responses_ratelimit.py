"""Open links are rate-limited per device; without a proof of work, harder. Never a lost answer."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from hailong.core import ratelimit
from hailong.responses import integrity
from hailong.responses.models import Response, ResponseDraft
from tests.conftest import Cast
from tests.test_responses_factories import (  # noqa: F401
    fill_all,
    fresh_cache,
    open_wave,
    start,
    submit,
    valid_raw,
)

pytestmark = pytest.mark.usefixtures("fresh_cache")
PHONE_A = {
    "HTTP_USER_AGENT": "Mozilla/5.0 (Linux; Android 10; SM-A105F) Zalo",
    "REMOTE_ADDR": "10.0.0.7",
}
PHONE_B = {
    "HTTP_USER_AGENT": "Mozilla/5.0 (Linux; Android 12; Redmi 9A) Zalo",
    "REMOTE_ADDR": "10.0.0.7",
}


def test_a_fingerprint_tells_phones_on_one_wifi_apart_and_changes_daily() -> None:
    factory = RequestFactory()
    a = factory.get("/", **PHONE_A)
    b = factory.get("/", **PHONE_B)
    assert ratelimit.client_fingerprint(a) != ratelimit.client_fingerprint(b)
    assert ratelimit.client_fingerprint(a) == ratelimit.client_fingerprint(
        factory.get("/", **PHONE_A)
    )
    today = ratelimit.client_fingerprint(a, now=1_800_000_000)
    assert today != ratelimit.client_fingerprint(a, now=1_800_000_000 + 86_400)
    assert "10.0.0.7" not in today


def _send_one(cast: Cast, wave, meta):  # type: ignore[no-untyped-def]
    client = cast.client(None)
    client.defaults.update(meta)
    last = fill_all(client, wave, start(client, wave), valid_raw(wave))
    return submit(client, last)


def test_past_the_unverified_limit_the_device_gets_a_vietnamese_429(
    cast: Cast, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        integrity, "SUBMIT_UNVERIFIED", ratelimit.Rule("t-unv", limit=2, window=600)
    )
    wave = open_wave(cast.ngoc_ha)
    assert _send_one(cast, wave, PHONE_A).status_code == 302
    assert _send_one(cast, wave, PHONE_A).status_code == 302
    refused = _send_one(cast, wave, PHONE_A)

    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    html = refused.content.decode()
    assert "Xin Ông/Bà thử lại sau ít phút" in html
    assert "các câu trả lời vẫn được giữ" in html
    assert Response.objects.count() == 2
    assert ResponseDraft.objects.count() == 1  # the refused answers wait to be sent later
    assert _send_one(cast, wave, PHONE_B).status_code == 302  # another phone on the same Wi-Fi


def test_a_verified_device_has_the_higher_limit(
    cast: Cast, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        integrity, "SUBMIT_UNVERIFIED", ratelimit.Rule("t-unv", limit=1, window=600)
    )
    fingerprint = "f" * 24
    integrity.submit_count(fingerprint, verified=False)
    assert integrity.submit_limited(fingerprint, verified=False) == integrity.SUBMIT_UNVERIFIED
    assert integrity.submit_limited(fingerprint, verified=True) is None


def test_many_answers_from_one_device_are_kept_but_flagged_as_a_burst(
    cast: Cast, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(integrity, "BURST_AT", 1)
    wave = open_wave(cast.ngoc_ha)
    _send_one(cast, wave, PHONE_A)
    _send_one(cast, wave, PHONE_A)
    flags = [r.flags for r in Response.objects.order_by("pk")]
    assert "burst" not in flags[0]
    assert "burst" in flags[1]
    assert Response.objects.order_by("pk").last().status == "flagged"  # type: ignore[union-attr]


def test_starting_too_many_forms_is_limited_too(
    cast: Cast, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(integrity, "START", ratelimit.Rule("t-start", limit=2, window=600))
    wave = open_wave(cast.ngoc_ha)
    client = cast.client(None)
    client.defaults.update(PHONE_A)
    statuses = [client.post(f"/k/{wave.public_token}/").status_code for _ in range(3)]
    assert statuses == [302, 302, 429]
