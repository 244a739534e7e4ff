"""Call outcomes and retries: who stays on the list, when to call again, who leaves it."""

from __future__ import annotations

import datetime as dt

import pytest

from hailong.core.errors import ServiceError
from hailong.sampling import selectors
from hailong.sampling.calls import NO_ANSWER_RETRY, next_state
from hailong.sampling.models import CallAttempt, CallOutcome, CallStatus, SampleMember
from hailong.sampling.services import call_record, members_assign
from tests.conftest import Cast
from tests.test_responses_factories import fresh_cache  # noqa: F401
from tests.test_sampling_factories import sampled

pytestmark = pytest.mark.usefixtures("fresh_cache")
NOW = dt.datetime(2026, 10, 5, 2, 0, tzinfo=dt.UTC)
LATER = NOW + dt.timedelta(hours=10)


@pytest.mark.parametrize(
    ("outcome", "attempts", "status", "next_at"),
    [
        (CallOutcome.NO_ANSWER, 0, CallStatus.OPEN, NOW + NO_ANSWER_RETRY),
        (CallOutcome.CALL_BACK, 0, CallStatus.OPEN, LATER),
        (CallOutcome.REFUSED, 0, CallStatus.REFUSED, None),
        (CallOutcome.WRONG_NUMBER, 1, CallStatus.WRONG_NUMBER, None),
        (CallOutcome.ANSWERED, 2, CallStatus.COMPLETED, None),
        (CallOutcome.NO_ANSWER, 2, CallStatus.EXHAUSTED, None),  # the third of three
        (CallOutcome.CALL_BACK, 2, CallStatus.EXHAUSTED, None),
        (CallOutcome.ANSWERED, 4, CallStatus.COMPLETED, None),  # never "exhausted" once answered
    ],
)
def test_the_next_state_follows_the_outcome_table(
    outcome: str, attempts: int, status: str, next_at: dt.datetime | None
) -> None:
    state = next_state(outcome, attempts=attempts, max_attempts=3, now=NOW, call_back_at=LATER)
    assert (state.status, state.attempts, state.next_attempt_at) == (
        status,
        attempts + 1,
        next_at,
    )


def _first(cast: Cast) -> SampleMember:
    """The first member on the call list of a fresh sample, assigned to oscar."""
    _wave, draw = sampled(cast)
    members_assign(actor=cast.alice, draw=draw, interviewers=[cast.oscar])
    member = selectors.call_list(draw).first()
    assert member is not None
    return member


def test_no_answer_puts_the_member_back_three_hours_later(cast: Cast) -> None:
    member = _first(cast)
    call_record(actor=cast.oscar, member=member, outcome=CallOutcome.NO_ANSWER, now=NOW)
    member.refresh_from_db()
    assert (member.call_status, member.attempts) == (CallStatus.OPEN, 1)
    assert member.next_attempt_at == NOW + NO_ANSWER_RETRY
    assert member.last_outcome == CallOutcome.NO_ANSWER
    later = list(selectors.call_list(member.draw, now=NOW + dt.timedelta(hours=1)))
    assert later[-1] == member  # booked later: after everyone due now
    assert later[-1].is_due == 0


def test_a_call_back_needs_a_future_time_and_keeps_it(cast: Cast) -> None:
    member = _first(cast)
    with pytest.raises(ServiceError) as missing:
        call_record(actor=cast.oscar, member=member, outcome=CallOutcome.CALL_BACK, now=NOW)
    assert missing.value.field == "call_back_at"
    call_record(
        actor=cast.oscar,
        member=member,
        outcome=CallOutcome.CALL_BACK,
        call_back_at=LATER,
        note="  Hẹn  sau 19 giờ ",
        now=NOW,
    )
    member.refresh_from_db()
    assert member.next_attempt_at == LATER
    assert CallAttempt.objects.get().note == "Hẹn sau 19 giờ"


def test_refusal_or_a_wrong_number_takes_the_member_off_the_list(cast: Cast) -> None:
    member = _first(cast)
    call_record(actor=cast.oscar, member=member, outcome=CallOutcome.REFUSED, now=NOW)
    assert member not in selectors.call_list(member.draw)
    with pytest.raises(ServiceError) as again:
        call_record(actor=cast.oscar, member=member, outcome=CallOutcome.NO_ANSWER, now=NOW)
    assert again.value.code == "not_open"


def test_reaching_the_maximum_number_of_calls_takes_the_member_off_the_list(
    cast: Cast,
) -> None:
    member = _first(cast)
    for n in range(member.draw.max_attempts):
        call_record(
            actor=cast.oscar,
            member=member,
            outcome=CallOutcome.NO_ANSWER,
            now=NOW + n * NO_ANSWER_RETRY,
        )
    member.refresh_from_db()
    assert (member.call_status, member.attempts) == (CallStatus.EXHAUSTED, 5)
    assert member.next_attempt_at is None
    assert member not in selectors.call_list(member.draw)
    assert CallAttempt.objects.filter(member=member).count() == 5


def test_answered_is_only_recorded_with_an_interview_and_viewers_record_nothing(
    cast: Cast,
) -> None:
    member = _first(cast)
    with pytest.raises(ServiceError) as answered:
        call_record(actor=cast.oscar, member=member, outcome=CallOutcome.ANSWERED)
    assert answered.value.field == "outcome"
    with pytest.raises(ServiceError, match="không có quyền"):
        call_record(actor=cast.bob, member=member, outcome=CallOutcome.NO_ANSWER)


def test_the_call_list_holds_only_members_with_a_phone_and_an_unused_code(cast: Cast) -> None:
    from hailong.dossiers.models import DossierContact

    _wave, draw = sampled(cast)
    first, second = list(draw.members.order_by("position")[:2])
    DossierContact.objects.filter(dossier=first.dossier).update(phone="")
    second.invitation.used_at = NOW
    second.invitation.save()
    listed = set(selectors.call_list(draw))
    assert first not in listed
    assert second not in listed
    assert len(listed) == 78


def test_assigning_shares_the_list_in_turn_among_interviewers(cast: Cast) -> None:
    from hailong.accounts.services import role_assign
    from tests.conftest import make_user

    wave, draw = sampled(cast)
    olga = make_user("olga")
    role_assign(actor=None, user=olga, unit=cast.ngoc_ha, role="one_stop")
    assert set(selectors.interviewers_for(wave)) == {cast.oscar, olga, cast.carol}
    assert members_assign(actor=cast.alice, draw=draw, interviewers=[cast.oscar, olga]) == 80
    assert SampleMember.objects.filter(assigned_to=olga).count() == 40
    with pytest.raises(ServiceError, match="không có quyền nhập phiếu"):
        members_assign(actor=cast.alice, draw=draw, interviewers=[cast.bob])
