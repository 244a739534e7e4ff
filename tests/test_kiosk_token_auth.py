"""The kiosk's token is its only credential: unknown tokens find nothing and count as guesses,
a kiosk switched off refuses new responses (the tablet keeps them), and no cookie is needed."""

from __future__ import annotations

import pytest
from django.test import Client

from hailong.kiosk.services import kiosk_update
from hailong.responses.models import Response
from tests.conftest import Cast
from tests.test_kiosk_factories import body, fresh_cache, kiosk_on, new_key, post  # noqa: F401

pytestmark = pytest.mark.usefixtures("fresh_cache")
UNKNOWN = "x" * 32


def test_an_unknown_token_is_404_everywhere(cast: Cast) -> None:
    kiosk = kiosk_on(cast.ngoc_ha)
    client = Client()
    assert client.get(f"/kiosk/{UNKNOWN}/").status_code == 404
    assert client.get(f"/kiosk/{UNKNOWN}/cau-truc.json").json()["error"] == "not_found"
    kiosk.token = UNKNOWN  # an unsaved copy that points at a token nobody has
    answer = post(client, kiosk, body(kiosk.wave), key=new_key())
    assert answer.status_code == 404
    assert answer.json()["error"] == "not_found"
    assert Response.objects.count() == 0


def test_a_client_guessing_tokens_is_stopped(cast: Cast) -> None:
    kiosk_on(cast.ngoc_ha)
    client = Client(REMOTE_ADDR="10.1.2.3")
    for n in range(20):
        assert client.get(f"/kiosk/{UNKNOWN}{n}/cau-truc.json").status_code == 404
    limited = client.get(f"/kiosk/{UNKNOWN}/cau-truc.json")
    assert limited.status_code == 429
    assert int(limited["Retry-After"]) > 0


def test_guesses_behind_the_same_address_never_block_the_real_tablet(cast: Cast) -> None:
    kiosk = kiosk_on(cast.ngoc_ha)
    client = Client(REMOTE_ADDR="10.1.2.3")
    for n in range(25):
        client.get(f"/kiosk/{UNKNOWN}{n}/cau-truc.json")
    assert client.get(f"/kiosk/{kiosk.token}/cau-truc.json").status_code == 200
    assert post(client, kiosk, body(kiosk.wave), key=new_key()).status_code == 201


def test_the_submit_endpoint_needs_no_csrf_cookie(cast: Cast) -> None:
    kiosk = kiosk_on(cast.ngoc_ha)
    strict = Client(enforce_csrf_checks=True)
    assert post(strict, kiosk, body(kiosk.wave), key=new_key()).status_code == 201


def test_only_post_submits(cast: Cast) -> None:
    kiosk = kiosk_on(cast.ngoc_ha)
    assert Client().get(f"/kiosk/{kiosk.token}/gui/").status_code == 405


def test_a_kiosk_switched_off_refuses_with_403_so_the_tablet_keeps_the_response(
    cast: Cast,
) -> None:
    kiosk = kiosk_on(cast.ngoc_ha)
    kiosk_update(actor=None, kiosk=kiosk, active=False)
    answer = post(Client(), kiosk, body(kiosk.wave), key=new_key())
    assert answer.status_code == 403
    assert answer.json()["error"] == "kiosk_inactive"
    assert Response.objects.count() == 0
    page = Client().get(f"/kiosk/{kiosk.token}/")
    assert "Máy này đang tạm ngừng nhận ý kiến." in page.content.decode()
    assert 'data-state="closed"' in page.content.decode()


def test_switched_on_again_the_queued_response_goes_through(cast: Cast) -> None:
    kiosk = kiosk_on(cast.ngoc_ha)
    kiosk_update(actor=None, kiosk=kiosk, active=False)
    key = new_key()
    assert post(Client(), kiosk, body(kiosk.wave), key=key).status_code == 403
    kiosk_update(actor=None, kiosk=kiosk, active=True)
    assert post(Client(), kiosk, body(kiosk.wave), key=key).status_code == 201


def test_the_tablet_never_shows_who_is_being_rated(cast: Cast) -> None:
    kiosk = kiosk_on(cast.ngoc_ha)
    client = Client()
    page = client.get(f"/kiosk/{kiosk.token}/").content.decode()
    structure = client.get(f"/kiosk/{kiosk.token}/cau-truc.json").content.decode()
    for text in (page, structure):
        assert cast.officer.full_name not in text
        assert "Đỗ Quang Huy" not in text
        assert cast.department.name not in text


def test_a_resend_of_a_stored_response_is_a_duplicate_even_after_the_kiosk_is_switched_off(
    cast: Cast,
) -> None:
    """Otherwise the tablet would keep a response the server already has and retry forever."""
    kiosk = kiosk_on(cast.ngoc_ha)
    key = new_key()
    first = post(Client(), kiosk, body(kiosk.wave), key=key)
    kiosk_update(actor=None, kiosk=kiosk, active=False)
    again = post(Client(), kiosk, body(kiosk.wave), key=key)
    assert again.status_code == 200
    assert again.json() == {"id": first.json()["id"], "duplicate": True}
