"""POST /api/v1/waves/<token>/responses: stored once per Idempotency-Key, 201 then 200."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest
from django.db import connections
from django.test import Client

from hailong.responses.models import Response, Source
from hailong.surveys.models import SurveyWave, WaveChannel
from tests.conftest import Cast
from tests.test_api_factories import call, error_of, fresh_cache, make_token, valid_body  # noqa: F401
from tests.test_responses_factories import SIPAS_2017, SIPAS_2023, open_wave

pytestmark = pytest.mark.usefixtures("fresh_cache")


def _url(wave: SurveyWave) -> str:
    return f"/api/v1/waves/{wave.public_token}/responses"


def _send(
    wave: SurveyWave,
    secret: str,
    body: Any,
    key: str | None = "kiosk-7-0001",
    client: Client | None = None,
) -> Any:
    headers = {"Idempotency-Key": key} if key is not None else {}
    return call("POST", _url(wave), secret, body, headers=headers, client=client)


def test_a_new_response_is_201_and_a_retry_is_200_with_the_same_id(cast: Cast) -> None:
    wave = open_wave(cast.ngoc_ha)
    _token, secret = make_token(cast)
    first = _send(wave, secret, valid_body(wave))
    again = _send(wave, secret, valid_body(wave))

    assert first.status_code == 201, first.content.decode()
    assert again.status_code == 200
    assert first.json()["id"] == again.json()["id"]
    assert first.json()["duplicate"] is False
    assert again.json()["duplicate"] is True
    stored = Response.objects.get()
    assert stored.channel == "api"
    assert stored.idempotency_key == "kiosk-7-0001"
    assert stored.entered_by is None


def test_the_same_key_with_different_answers_is_a_conflict(cast: Cast) -> None:
    wave = open_wave(cast.ngoc_ha)
    _token, secret = make_token(cast)
    assert _send(wave, secret, valid_body(wave, value=5)).status_code == 201
    response = _send(wave, secret, valid_body(wave, value=4))
    assert response.status_code == 409
    assert error_of(response)["code"] == "idempotency_key_reused"
    assert Response.objects.count() == 1


def test_the_idempotency_key_is_required_and_checked(cast: Cast) -> None:
    wave = open_wave(cast.ngoc_ha)
    _token, secret = make_token(cast)
    missing = _send(wave, secret, valid_body(wave), key=None)
    assert missing.status_code == 400
    assert error_of(missing)["code"] == "missing_header"
    bad = _send(wave, secret, valid_body(wave), key="có dấu cách")
    assert bad.status_code == 400
    assert error_of(bad)["fields"].keys() == {"Idempotency-Key"}
    long = _send(wave, secret, valid_body(wave), key="k" * 65)
    assert long.status_code == 400
    assert Response.objects.count() == 0


def test_refused_answers_come_back_per_field_in_vietnamese(cast: Cast) -> None:
    wave = open_wave(cast.ngoc_ha, SIPAS_2023)
    _token, secret = make_token(cast)
    body = valid_body(wave)
    first_scale = next(code for code, v in body["answers"].items() if isinstance(v, int))
    body["answers"][first_scale] = 99
    body["answers"]["KHONG-CO"] = 1
    response = _send(wave, secret, body)
    assert response.status_code == 422
    error = error_of(response)
    assert error["code"] == "invalid_answers"
    assert "answers.KHONG-CO" in error["fields"]
    assert "«KHONG-CO»" in error["fields"]["answers.KHONG-CO"]

    del body["answers"]["KHONG-CO"]
    response = _send(wave, secret, body)
    error = error_of(response)
    assert error["fields"] == {f"answers.{first_scale}": "Lựa chọn không hợp lệ."}
    assert Response.objects.count() == 0


def test_a_required_question_left_out_is_named_by_its_api_field(cast: Cast) -> None:
    _token, secret = make_token(cast)
    two_types = open_wave(cast.ngoc_ha, respondent_types=["individual", "organisation"])
    body = valid_body(two_types)
    del body["respondent_type"]
    response = _send(two_types, secret, body)
    assert response.status_code == 422
    assert "respondent_type" in error_of(response)["fields"]

    by_channel = open_wave(cast.ngoc_ha, SIPAS_2017, name="Đợt 2017")
    body = valid_body(by_channel)
    del body["transaction_channel"]
    response = _send(by_channel, secret, body)
    assert response.status_code == 422
    assert "transaction_channel" in error_of(response)["fields"]


def test_the_respondent_type_and_transaction_channel_are_stored(cast: Cast) -> None:
    _token, secret = make_token(cast)
    two_types = open_wave(cast.ngoc_ha, respondent_types=["individual", "organisation"])
    body = {**valid_body(two_types), "respondent_type": "organisation"}
    assert _send(two_types, secret, body).status_code == 201
    by_channel = open_wave(cast.ngoc_ha, SIPAS_2017, name="Đợt 2017")
    body = {**valid_body(by_channel), "transaction_channel": "post"}
    assert _send(by_channel, secret, body, key="k2").status_code == 201
    stored = {r.wave_id: r for r in Response.objects.all()}
    assert stored[two_types.pk].respondent_type == "organisation"
    assert stored[by_channel.pk].transaction_channel == "post"


def test_a_wave_that_does_not_take_api_answers_is_a_conflict(cast: Cast) -> None:
    paper_only = open_wave(cast.ngoc_ha, channels=[WaveChannel.PAPER])
    closed = open_wave(cast.ngoc_ha, name="Đợt đã đóng", status="closed")
    _token, secret = make_token(cast)
    for wave, code in [(paper_only, "channel_disabled"), (closed, "closed")]:
        response = _send(wave, secret, valid_body(wave))
        assert response.status_code == 409
        assert error_of(response)["code"] == code


def test_a_retry_after_the_wave_closed_still_gets_the_stored_response(cast: Cast) -> None:
    wave = open_wave(cast.ngoc_ha)
    _token, secret = make_token(cast)
    first = _send(wave, secret, valid_body(wave))
    SurveyWave.objects.filter(pk=wave.pk).update(status="closed")
    again = _send(wave, secret, valid_body(wave))
    assert (again.status_code, again.json()["id"]) == (200, first.json()["id"])


def test_a_source_token_attributes_the_response(cast: Cast) -> None:
    wave = open_wave(cast.ngoc_ha)
    source = Source.objects.create(wave=wave, kind="mot_cua", label="Ki-ốt tầng 1")
    _token, secret = make_token(cast)
    body = {**valid_body(wave), "source": source.token}
    assert _send(wave, secret, body).status_code == 201
    assert Response.objects.get().source == source
    unknown = _send(wave, secret, {**body, "source": "khong-co"}, key="k2")
    assert unknown.status_code == 422
    assert "source" in error_of(unknown)["fields"]


def test_started_at_must_carry_a_time_zone(cast: Cast) -> None:
    wave = open_wave(cast.ngoc_ha)
    _token, secret = make_token(cast)
    naive = _send(wave, secret, {**valid_body(wave), "started_at": "2026-03-02T08:30:00"})
    assert naive.status_code == 422
    assert "started_at" in error_of(naive)["fields"]
    recent = "2020-03-02T08:30:00+07:00"
    assert _send(wave, secret, {**valid_body(wave), "started_at": recent}).status_code == 201


def test_outside_the_token_scope_is_404_and_without_the_permission_403(cast: Cast) -> None:
    wave = open_wave(cast.ngoc_ha)
    _token, outsider = make_token(cast, cast.kinh_bac)
    _token, dossiers_only = make_token(cast, perms=("dossiers.manage",))
    assert _send(wave, outsider, valid_body(wave)).status_code == 404
    forbidden = _send(wave, dossiers_only, valid_body(wave))
    assert forbidden.status_code == 403
    assert error_of(forbidden)["code"] == "forbidden"
    assert Response.objects.count() == 0


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_duplicates_store_exactly_one_row(cast: Cast) -> None:
    """Four threads send the same key at once: one 201, the others 200 with the same id."""
    wave = open_wave(cast.ngoc_ha)
    _token, secret = make_token(cast)
    body = valid_body(wave)
    barrier = threading.Barrier(4, timeout=20)
    got: list[tuple[int, int]] = []
    errors: list[BaseException] = []

    def send() -> None:
        client = Client(raise_request_exception=False)
        try:
            barrier.wait()
            for _attempt in range(200):  # in-memory SQLite says "locked" instead of waiting
                response = _send(wave, secret, body, key="same-key", client=client)
                if response.status_code < 500:
                    got.append((response.status_code, response.json()["id"]))
                    return
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
    assert sorted(status for status, _id in got) == [200, 200, 200, 201]
    assert len({pk for _status, pk in got}) == 1
    assert Response.objects.filter(wave=wave).count() == 1
