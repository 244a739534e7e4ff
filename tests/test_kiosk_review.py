"""The leader keeps or excludes a flagged tablet response: its status changes (with the running
aggregates), the decision is audited with who and when, and nothing is ever deleted."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from hailong.core.errors import PermissionDenied, ServiceError
from hailong.indices import aggregates
from hailong.indices.models import ResponseDayCount
from hailong.kiosk.models import FlagReview, Kiosk
from hailong.kiosk.payload import Submission
from hailong.kiosk.services import flag_review, kiosk_submit
from hailong.responses.models import Response
from tests.conftest import Cast
from tests.test_kiosk_factories import fresh_cache, kiosk_on, new_key  # noqa: F401
from tests.test_responses_factories import valid_raw

pytestmark = pytest.mark.usefixtures("fresh_cache")


def _response(kiosk: Kiosk, *, seconds: int) -> Response:
    submission = Submission(
        key=new_key(),
        wave_token=kiosk.wave.public_token,
        answers=valid_raw(kiosk.wave, value=4),
        duration_ms=seconds * 1000,
        age_ms=0,
    )
    return kiosk_submit(kiosk=kiosk, submission=submission).response


def _counted(status: str) -> int:
    return sum(ResponseDayCount.objects.filter(status=status).values_list("count", flat=True))


def test_keep_counts_the_response_as_valid_and_records_who_and_when(cast: Cast) -> None:
    kiosk = kiosk_on(cast.ngoc_ha)
    response = _response(kiosk, seconds=2)
    assert response.status == "flagged"
    before = timezone.now()

    review = flag_review(actor=cast.alice, response=response, decision="keep", note="Đã hỏi")

    response.refresh_from_db()
    assert response.status == "valid"
    assert response.flags == ["too_fast"]  # the flag stays: it is history
    assert (review.reviewed_by, review.username) == (cast.alice, "alice")
    assert review.reviewed_at >= before - dt.timedelta(seconds=1)
    assert (review.status_before, review.status_after) == ("flagged", "valid")
    assert (review.kiosk, review.decision, review.note) == (kiosk, "keep", "Đã hỏi")
    assert (_counted("valid"), _counted("flagged")) == (1, 0)
    assert aggregates.check() == []


def test_exclude_leaves_the_response_out_but_keeps_it(cast: Cast) -> None:
    kiosk = kiosk_on(cast.ngoc_ha)
    response = _response(kiosk, seconds=2)
    flag_review(actor=cast.alice, response=response, decision="exclude")
    assert Response.objects.get(pk=response.pk).status == "excluded"
    assert (_counted("excluded"), _counted("flagged")) == (1, 0)
    assert aggregates.check() == []


def test_a_decision_can_be_changed_and_both_are_in_the_log(cast: Cast) -> None:
    kiosk = kiosk_on(cast.ngoc_ha)
    response = _response(kiosk, seconds=2)
    flag_review(actor=cast.alice, response=response, decision="exclude")
    flag_review(actor=cast.carol, response=response, decision="keep")
    log = list(FlagReview.objects.order_by("pk").values_list("username", "status_after"))
    assert log == [("alice", "excluded"), ("carol", "valid")]
    assert aggregates.check() == []


def test_a_response_without_a_suspicion_flag_is_not_reviewed_here(cast: Cast) -> None:
    kiosk = kiosk_on(cast.ngoc_ha)
    response = _response(kiosk, seconds=120)
    with pytest.raises(ServiceError) as refused:
        flag_review(actor=cast.alice, response=response, decision="exclude")
    assert refused.value.code == "not_flagged"
    assert FlagReview.objects.count() == 0


@pytest.mark.parametrize("who", ["bob", "oscar", "cindy", "charlie"])
def test_only_a_leader_decides(cast: Cast, who: str) -> None:
    kiosk = kiosk_on(cast.ngoc_ha)
    response = _response(kiosk, seconds=2)
    with pytest.raises(PermissionDenied):
        flag_review(actor=getattr(cast, who), response=response, decision="exclude")
    assert Response.objects.get(pk=response.pk).status == "flagged"


def test_an_unknown_decision_is_refused(cast: Cast) -> None:
    kiosk = kiosk_on(cast.ngoc_ha)
    response = _response(kiosk, seconds=2)
    with pytest.raises(ServiceError):
        flag_review(actor=cast.alice, response=response, decision="delete")
