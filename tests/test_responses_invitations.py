"""An invitation code answers once: the database refuses a second response, even concurrently."""

from __future__ import annotations

import threading
import time

import pytest
from django.db import IntegrityError, OperationalError, connections, transaction

from hailong.core.errors import ServiceError
from hailong.responses.models import Invitation, Response
from hailong.responses.services import invitation_create, response_submit
from hailong.surveys.models import SurveyWave
from tests.conftest import Cast
from tests.test_responses_factories import (  # noqa: F401
    fill_all,
    fresh_cache,
    open_wave,
    start,
    submit,
    valid_raw,
)

pytestmark = [pytest.mark.usefixtures("fresh_cache"), pytest.mark.postgres]


def _send(wave: SurveyWave, code: str) -> Response:
    return response_submit(
        wave=wave,
        channel="web",
        answers_raw=valid_raw(wave),
        respondent_raw={},
        invitation_code=code,
    )


def test_an_invitation_code_is_easy_to_type_and_unguessable(cast: Cast) -> None:
    wave = open_wave(cast.ngoc_ha)
    codes = {invitation_create(wave=wave).code for _ in range(50)}
    assert len(codes) == 50
    assert all(len(c) == 8 and not set(c) & set("01OI") for c in codes)


def test_an_invitation_answers_once_and_skips_the_proof_of_work(cast: Cast) -> None:
    wave = open_wave(cast.ngoc_ha)
    invitation = invitation_create(wave=wave)
    response = _send(wave, invitation.code.lower()[:4] + "-" + invitation.code[4:])

    assert response.invitation == invitation
    assert response.verified is True
    assert "unverified" not in response.flags
    invitation.refresh_from_db()
    assert invitation.used_at is not None
    with pytest.raises(ServiceError) as refused:
        _send(wave, invitation.code)
    assert refused.value.code == "invitation_used"
    assert Response.objects.count() == 1


def test_an_unknown_code_or_one_of_another_wave_is_refused(cast: Cast) -> None:
    wave = open_wave(cast.ngoc_ha)
    other = invitation_create(wave=open_wave(cast.ngoc_ha, name="Đợt khác"))
    for code in ("ZZZZZZZZ", other.code):
        with pytest.raises(ServiceError) as refused:
            _send(wave, code)
        assert refused.value.code == "invitation_unknown"


def test_the_database_allows_one_response_per_invitation(cast: Cast) -> None:
    wave = open_wave(cast.ngoc_ha)
    invitation = invitation_create(wave=wave)
    first = _send(wave, invitation.code)
    duplicate = Response(
        wave=wave,
        method_version=wave.method_version,
        unit=wave.unit,
        channel="web",
        submitted_at=first.submitted_at,
        invitation=invitation,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()


def test_the_public_form_takes_an_invitation_from_the_link(cast: Cast) -> None:
    wave = open_wave(cast.ngoc_ha)
    invitation = invitation_create(wave=wave)
    client = cast.client(None)
    page = client.get(f"/k/{wave.public_token}/?moi={invitation.code}")
    assert f'name="moi" value="{invitation.code}"' in page.content.decode()
    assert "pow.js" not in page.content.decode()
    first = start(client, wave, moi=invitation.code)
    submit(client, fill_all(client, wave, first, valid_raw(wave)))

    response = Response.objects.get()
    assert response.invitation == invitation
    assert response.verified is True


def test_the_start_page_says_when_a_code_is_wrong_or_used(cast: Cast) -> None:
    wave = open_wave(cast.ngoc_ha)
    client = cast.client(None)
    wrong = client.post(f"/k/{wave.public_token}/", {"moi": "ABCDEFGH"})
    assert wrong.status_code == 400
    assert "Mã mời không đúng" in wrong.content.decode()
    used = invitation_create(wave=wave)
    _send(wave, used.code)
    again = client.post(f"/k/{wave.public_token}/", {"moi": used.code})
    assert "đã được dùng" in again.content.decode()


@pytest.mark.django_db(transaction=True)
def test_two_people_using_one_code_at_once_store_one_response(cast: Cast) -> None:
    wave = open_wave(cast.ngoc_ha)
    code = invitation_create(wave=wave).code
    barrier = threading.Barrier(2, timeout=20)
    outcomes: list[str] = []

    def send() -> None:
        try:
            mine = SurveyWave.objects.select_related("unit", "method_version").get(pk=wave.pk)
            barrier.wait()
            for _attempt in range(200):
                try:
                    _send(mine, code)
                    outcomes.append("stored")
                    return
                except ServiceError as error:
                    outcomes.append(error.code)
                    return
                except OperationalError:
                    time.sleep(0.01)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(outcomes) == ["invitation_used", "stored"]
    assert Response.objects.filter(wave=wave).count() == 1
    assert Invitation.objects.get(code=code).used_at is not None
