"""Channel 5: an interviewer reads the script and keys the answers; one response per invitation."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from hailong.responses.models import Response
from hailong.sampling import selectors
from hailong.sampling.models import CallAttempt, CallOutcome, CallStatus, SampleMember
from hailong.sampling.services import members_assign
from tests.conftest import Cast
from tests.test_responses_factories import (  # noqa: F401
    fill_all,
    fresh_cache,
    start,
    submit,
    valid_raw,
)
from tests.test_sampling_factories import sampled

pytestmark = pytest.mark.usefixtures("fresh_cache")


def _member(cast: Cast) -> SampleMember:
    _wave, draw = sampled(cast)
    members_assign(actor=cast.alice, draw=draw, interviewers=[cast.oscar])
    member = draw.members.order_by("position").first()
    assert member is not None
    return member


def _post(member: SampleMember, **extra: Any) -> dict[str, Any]:
    started = timezone.now() - dt.timedelta(minutes=9)
    return {**valid_raw(member.draw.wave), "consent": "1", "bat-dau": started.isoformat(), **extra}


def _interview_url(member: SampleMember) -> str:
    return reverse("sampling:interview", args=[member.draw.wave_id, member.pk])


def test_the_call_screen_reads_the_script_and_shows_the_assigned_interviewer_the_number(
    cast: Cast,
) -> None:
    member = _member(cast)
    page = cast.client(cast.oscar).get(
        reverse("sampling:call", args=[member.draw.wave_id, member.pk])
    )
    html = page.content.decode()
    assert page.status_code == 200
    assert "0912" in html
    assert "Xin chào Ông/Bà. Tôi là Oscar, cán bộ Ủy ban nhân dân phường Ngọc Hà." in html
    assert "được giữ bí mật" in html
    assert "có đồng ý trả lời" in html
    assert "sẽ bị xóa từ ngày" in html
    assert page["Cache-Control"] == "no-store"


def test_an_interview_is_stored_as_a_phone_response_with_the_invitation(cast: Cast) -> None:
    member = _member(cast)
    client = cast.client(cast.oscar)
    assert client.get(_interview_url(member)).status_code == 200
    response = client.post(_interview_url(member), _post(member))

    assert response.status_code == 302
    stored = Response.objects.get()
    assert stored.channel == "phone"
    assert stored.entered_by == cast.oscar
    assert stored.invitation == member.invitation
    assert stored.flags == []
    member.refresh_from_db()
    assert member.call_status == CallStatus.COMPLETED
    attempt = CallAttempt.objects.get(member=member)
    assert (attempt.outcome, attempt.response, attempt.interviewer) == (
        CallOutcome.ANSWERED,
        stored,
        cast.oscar,
    )


def test_missing_answers_or_consent_come_back_on_the_screen(cast: Cast) -> None:
    member = _member(cast)
    client = cast.client(cast.oscar)
    raw = _post(member)
    required = next(k for k in raw if k.startswith("q-") and not k.startswith("q-r."))
    raw.pop(required)
    refused = client.post(_interview_url(member), raw)
    assert refused.status_code == 400
    assert "cần kiểm tra lại" in refused.content.decode()
    no_consent = client.post(_interview_url(member), _post(member, consent=""))
    assert no_consent.status_code == 400
    assert "đồng ý trả lời" in no_consent.content.decode()
    assert not Response.objects.exists()


def test_a_code_used_on_the_phone_cannot_answer_again_on_the_public_form(cast: Cast) -> None:
    member = _member(cast)
    cast.client(cast.oscar).post(_interview_url(member), _post(member))
    wave = member.draw.wave
    public = cast.client(None)
    again = public.post(f"/k/{wave.public_token}/", {"moi": member.invitation.code})
    assert "đã được dùng" in again.content.decode()
    assert Response.objects.count() == 1


def test_a_code_used_on_the_public_form_cannot_be_keyed_again_by_phone(cast: Cast) -> None:
    member = _member(cast)
    wave = member.draw.wave
    public = cast.client(None)
    opened = public.get(reverse("invitation:open", args=[member.invitation.code.lower()]))
    assert opened.status_code == 302
    assert opened["Location"] == f"/k/{wave.public_token}/?moi={member.invitation.code}"
    first = start(public, wave, moi=member.invitation.code)
    submit(public, fill_all(public, wave, first, valid_raw(wave)))
    assert Response.objects.get().channel == "web"

    keyed = cast.client(cast.oscar).post(_interview_url(member), _post(member))
    assert keyed.status_code == 302
    assert Response.objects.count() == 1
    member.refresh_from_db()
    assert member.call_status == CallStatus.OPEN
    assert member not in selectors.call_list(member.draw)


def test_a_wrong_short_link_is_a_404_and_counts_as_a_guess(cast: Cast) -> None:
    client = cast.client(None)
    for _ in range(10):
        assert client.get("/moi/ZZZZZZZZ").status_code == 404
    assert client.get("/moi/ZZZZZZZZ").status_code == 429
