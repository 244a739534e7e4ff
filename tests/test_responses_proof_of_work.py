"""The proof of work: a solved challenge verifies once; replays, forgeries and junk do not."""

from __future__ import annotations

import base64
import datetime as dt
import json

import pytest
import time_machine
from altcha import v1 as altcha_v1
from django.test import override_settings

from hailong.responses import integrity
from hailong.responses.models import Response, ResponseDraft, UsedChallenge
from tests.conftest import Cast
from tests.test_responses_factories import (  # noqa: F401
    fill_all,
    fresh_cache,
    open_wave,
    start,
    submit,
    valid_raw,
)

pytestmark = [pytest.mark.usefixtures("fresh_cache"), pytest.mark.django_db]


def solved(challenge: dict[str, object] | None = None) -> str:
    """What the browser's script posts: base64 JSON of the challenge and the found number."""
    c = challenge or integrity.pow_challenge()
    solution = altcha_v1.solve_challenge(
        str(c["challenge"]), str(c["salt"]), "SHA-256", int(str(c["maxnumber"]))
    )
    assert solution is not None
    payload = {k: c[k] for k in ("algorithm", "challenge", "salt", "signature")}
    payload["number"] = solution.number
    return base64.b64encode(json.dumps(payload).encode()).decode()


@pytest.fixture(autouse=True)
def small_work() -> object:
    with override_settings(HAILONG_POW_MAX_NUMBER=2000):
        yield


def test_a_solved_challenge_verifies_once_and_its_replay_is_refused() -> None:
    payload = solved()
    assert integrity.pow_verify(payload) is True
    assert integrity.pow_verify(payload) is False
    assert UsedChallenge.objects.count() == 1


def test_a_wrong_number_or_a_forged_signature_is_refused() -> None:
    payload = json.loads(base64.b64decode(solved()))
    wrong = {**payload, "number": payload["number"] + 1}
    forged = {**payload, "signature": "0" * 64}
    for data in (wrong, forged):
        assert integrity.pow_verify(base64.b64encode(json.dumps(data).encode()).decode()) is False


def test_an_expired_challenge_is_refused() -> None:
    payload = solved()
    with time_machine.travel(dt.datetime.now(tz=dt.UTC) + dt.timedelta(hours=2)):
        assert integrity.pow_verify(payload) is False


@pytest.mark.parametrize(
    "junk",
    [
        "",
        "x",
        "!!!!",
        base64.b64encode(b"[1,2]").decode(),
        base64.b64encode(b"5").decode(),
        base64.b64encode(b'{"number": "7"}').decode(),
        "A" * 5000,
    ],
)
def test_junk_is_simply_not_verified(junk: str) -> None:
    assert integrity.pow_verify(junk) is False


def test_the_challenge_endpoint_serves_a_fresh_signed_challenge(cast: Cast) -> None:
    wave = open_wave(cast.ngoc_ha)
    client = cast.client(None)
    one = client.get(f"/k/{wave.public_token}/pow/")
    two = client.get(f"/k/{wave.public_token}/pow/")

    assert one.status_code == 200
    assert one["Cache-Control"] == "no-store"
    assert one.json()["algorithm"] == "SHA-256"
    assert one.json()["challenge"] != two.json()["challenge"]
    assert integrity.pow_verify(solved(one.json())) is True
    assert client.get("/k/nope/pow/").status_code == 404


def test_a_form_started_with_a_solution_is_stored_verified(cast: Cast) -> None:
    wave = open_wave(cast.ngoc_ha)
    client = cast.client(None)
    first = start(client, wave, altcha=solved())
    assert ResponseDraft.objects.get().verified is True
    submit(client, fill_all(client, wave, first, valid_raw(wave)))

    response = Response.objects.get()
    assert response.verified is True
    assert "unverified" not in response.flags


def test_a_solution_posted_with_a_later_page_also_verifies(cast: Cast) -> None:
    wave = open_wave(cast.ngoc_ha)
    client = cast.client(None)
    first = start(client, wave)
    client.post(first, {"q-LV": "Chứng thực", "action": "next", "altcha": solved()})
    assert ResponseDraft.objects.get().verified is True


def test_a_replayed_solution_leaves_the_second_form_unverified(cast: Cast) -> None:
    wave = open_wave(cast.ngoc_ha)
    payload = solved()
    start(cast.client(None), wave, altcha=payload)
    start(cast.client(None), wave, altcha=payload)
    assert sorted(ResponseDraft.objects.values_list("verified", flat=True)) == [False, True]


def test_the_script_loads_only_on_open_links_until_the_form_is_verified(cast: Cast) -> None:
    wave = open_wave(cast.ngoc_ha)
    client = cast.client(None)
    assert "responses/pow.js" in client.get(f"/k/{wave.public_token}/").content.decode()
    first = start(client, wave, altcha=solved())
    assert "responses/pow.js" not in client.get(first).content.decode()
