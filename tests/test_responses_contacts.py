"""Opt-in contact details stay apart from the answers; only leaders see them, and it is logged."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from hailong.responses.models import ContactAccessLog, ContactRequest, Response
from hailong.responses.services import responses_purge
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
CONTACT = {
    "name": "Nguyễn Thị Hoa",
    "phone": "0912 345 678",
    "email": "hoa@example.vn",
    "message": "Xin hỏi về thủ tục chứng thực.",
    "consent": "on",
}


def _answer_with_contact(cast: Cast, **contact: str):  # type: ignore[no-untyped-def]
    wave = open_wave(cast.ngoc_ha)
    client = cast.client(None)
    last = fill_all(client, wave, start(client, wave), valid_raw(wave))
    return wave, submit(client, last, **contact)


def test_contact_details_are_stored_apart_from_the_answers(cast: Cast) -> None:
    wave, sent = _answer_with_contact(cast, **CONTACT)
    assert sent.status_code == 302
    request = ContactRequest.objects.get()
    response = Response.objects.get()

    assert request.phone == "0912 345 678"
    assert request.response == response
    assert "Tôi đồng ý" in request.consent_text
    assert request.purge_after == wave.closes_on + dt.timedelta(days=60)
    stored = f"{response.answers} {response.respondent} {response.reasons}"
    assert "Hoa" not in stored
    assert "0912" not in stored


def test_leaving_the_contact_part_empty_stores_no_request(cast: Cast) -> None:
    _wave, sent = _answer_with_contact(cast)
    assert sent.status_code == 302
    assert not ContactRequest.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": "Hoa", "phone": "0912345678"}, "đánh dấu ô đồng ý"),
        ({"name": "Hoa", "consent": "on"}, "số điện thoại hoặc thư điện tử"),
        ({"phone": "gọi tôi nhé", "consent": "on"}, "Số điện thoại chưa đúng"),
    ],
)
def test_incomplete_contact_details_are_asked_again(
    cast: Cast, data: dict[str, str], message: str
) -> None:
    _wave, page = _answer_with_contact(cast, **data)
    assert page.status_code == 400
    html = page.content.decode()
    assert message in html
    assert '<details class="pf-contact" open>' in html
    assert not Response.objects.exists()


def test_the_response_list_never_shows_contact_details(cast: Cast) -> None:
    wave, _sent = _answer_with_contact(cast, **CONTACT)
    html = cast.client(cast.alice).get(reverse("responses:responses", args=[wave.pk])).content
    for value in ("Nguyễn Thị Hoa", "0912 345 678", "hoa@example.vn", "chứng thực."):
        assert value.encode() not in html


def test_a_leader_sees_the_requests_and_every_view_is_logged(cast: Cast) -> None:
    wave, _sent = _answer_with_contact(cast, **CONTACT)
    url = reverse("responses:contacts", args=[wave.pk])
    page = cast.client(cast.alice).get(url)
    assert page.status_code == 200
    assert "0912 345 678" in page.content.decode()
    assert page["Cache-Control"] == "no-store"
    cast.client(cast.carol).get(url)

    log = list(ContactAccessLog.objects.order_by("pk").values_list("username", "action"))
    assert log == [("alice", "view"), ("carol", "view")]


def test_viewers_are_refused_and_outsiders_see_nothing(cast: Cast) -> None:
    wave, _sent = _answer_with_contact(cast, **CONTACT)
    url = reverse("responses:contacts", args=[wave.pk])
    assert cast.client(cast.bob).get(url).status_code == 403
    assert cast.client(cast.oscar).get(url).status_code == 403
    assert cast.client(cast.charlie).get(url).status_code == 404
    assert not ContactAccessLog.objects.exists()


def test_marking_a_request_handled_is_logged(cast: Cast) -> None:
    wave, _sent = _answer_with_contact(cast, **CONTACT)
    request = ContactRequest.objects.get()
    url = reverse("responses:contact_handle", args=[wave.pk, request.pk])
    assert cast.client(cast.bob).post(url).status_code == 403
    assert cast.client(cast.alice).post(url).status_code == 302
    request.refresh_from_db()
    assert request.handled_by == cast.alice
    assert ContactAccessLog.objects.filter(action="handle", request_ref=request.pk).count() == 1


def test_requests_past_their_date_are_purged_and_the_log_remains(cast: Cast) -> None:
    wave, _sent = _answer_with_contact(cast, **CONTACT)
    cast.client(cast.alice).get(reverse("responses:contacts", args=[wave.pk]))
    request = ContactRequest.objects.get()
    ContactRequest.objects.update(purge_after=dt.date(2020, 1, 1))

    assert responses_purge()["contact_requests"] == 1
    assert not ContactRequest.objects.exists()
    assert Response.objects.count() == 1
    assert ContactAccessLog.objects.get().request_ref == request.pk
