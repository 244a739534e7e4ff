"""Many perfect scores in a short time at one kiosk are flagged "burst" for the leader, and
answers given in a few seconds "too_fast"; nothing is dropped and the aggregates follow."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import override_settings
from django.utils import timezone

from hailong.indices import aggregates
from hailong.kiosk.models import Kiosk
from hailong.kiosk.payload import Submission
from hailong.kiosk.services import flag_review, kiosk_submit
from hailong.responses.models import Response
from tests.conftest import Cast
from tests.test_kiosk_factories import fresh_cache, kiosk_on, new_key  # noqa: F401
from tests.test_responses_factories import valid_raw

pytestmark = pytest.mark.usefixtures("fresh_cache")
T0 = timezone.now().replace(microsecond=0) - dt.timedelta(hours=3)


def _send(
    kiosk: Kiosk, minute: float, *, value: int = 5, seconds: int = 90, age_ms: int = 0
) -> Response:
    submission = Submission(
        key=new_key(),
        wave_token=kiosk.wave.public_token,
        answers=valid_raw(kiosk.wave, value=value),
        duration_ms=seconds * 1000,
        age_ms=age_ms,
    )
    outcome = kiosk_submit(
        kiosk=kiosk, submission=submission, now=T0 + dt.timedelta(minutes=minute)
    )
    return outcome.response


def _flags() -> dict[int, tuple[str, list[str]]]:
    return {r.pk: (r.status, r.flags) for r in Response.objects.order_by("pk")}


def test_four_perfect_scores_in_ten_minutes_are_not_a_burst(cast: Cast) -> None:
    kiosk = kiosk_on(cast.ngoc_ha)
    for minute in (0, 2, 4, 6):
        _send(kiosk, minute)
    assert all(status == "valid" and flags == [] for status, flags in _flags().values())


def test_the_fifth_within_ten_minutes_flags_all_five(cast: Cast) -> None:
    kiosk = kiosk_on(cast.ngoc_ha)
    sent = [_send(kiosk, minute) for minute in (0, 2, 4, 6, 8)]
    assert sent[-1].flags == ["burst"]
    assert sent[-1].status == "flagged"
    assert all(v == ("flagged", ["burst"]) for v in _flags().values())
    assert aggregates.check() == []


def test_a_sixth_joins_the_burst_and_earlier_ones_are_not_flagged_twice(cast: Cast) -> None:
    kiosk = kiosk_on(cast.ngoc_ha)
    for minute in (0, 2, 4, 6, 8, 9):
        _send(kiosk, minute)
    assert all(v == ("flagged", ["burst"]) for v in _flags().values())
    assert aggregates.check() == []


def test_five_spread_over_more_than_the_window_are_not_a_burst(cast: Cast) -> None:
    kiosk = kiosk_on(cast.ngoc_ha)
    for minute in (0, 3, 6, 9, 12):
        _send(kiosk, minute)
    assert all(status == "valid" for status, _f in _flags().values())


def test_responses_that_are_not_perfect_do_not_count_and_are_not_flagged(cast: Cast) -> None:
    kiosk = kiosk_on(cast.ngoc_ha)
    for minute in (0, 1, 2, 3):
        _send(kiosk, minute)
    honest = _send(kiosk, 3.5, value=4)
    _send(kiosk, 4)
    flags = _flags()
    assert flags.pop(honest.pk) == ("valid", [])
    assert all(v == ("flagged", ["burst"]) for v in flags.values())


def test_another_kiosk_does_not_add_to_the_burst(cast: Cast) -> None:
    one = kiosk_on(cast.ngoc_ha)
    two = kiosk_on(cast.ngoc_ha, wave=one.wave, name="Máy số 2")
    for minute in (0, 1, 2):
        _send(one, minute)
    for minute in (3, 4):
        _send(two, minute)
    assert all(status == "valid" for status, _f in _flags().values())


@override_settings(HAILONG_KIOSK_BURST_COUNT=3, HAILONG_KIOSK_BURST_MINUTES=2)
def test_the_thresholds_come_from_settings(cast: Cast) -> None:
    kiosk = kiosk_on(cast.ngoc_ha)
    for minute in (0, 1.5, 3, 4.5):  # never three within two minutes
        _send(kiosk, minute)
    assert all(status == "valid" for status, _f in _flags().values())
    _send(kiosk, 5)  # 3, 4.5 and 5 are within two minutes
    burst = [pk for pk, (status, _f) in _flags().items() if status == "flagged"]
    assert len(burst) == 3


def test_a_queue_replayed_at_once_is_dated_when_answered_and_is_no_burst(cast: Cast) -> None:
    """Five perfect answers given an hour apart, queued offline, arrive within a minute."""
    kiosk = kiosk_on(cast.ngoc_ha)
    for n in range(5):
        age = (5 - n) * 3600 * 1000
        _send(kiosk, 300 + n * 0.1, age_ms=age)
    assert all(status == "valid" for status, _f in _flags().values())


def test_an_answer_given_in_a_few_seconds_is_flagged_too_fast(cast: Cast) -> None:
    kiosk = kiosk_on(cast.ngoc_ha)
    fast = _send(kiosk, 0, value=4, seconds=3)
    slow = _send(kiosk, 5, value=4, seconds=120)
    assert (fast.status, fast.flags) == ("flagged", ["too_fast"])
    assert (slow.status, slow.flags) == ("valid", [])
    assert aggregates.check() == []


def test_a_response_the_leader_kept_is_not_flagged_again(cast: Cast) -> None:
    kiosk = kiosk_on(cast.ngoc_ha)
    first = [_send(kiosk, minute) for minute in (0, 1, 2, 3, 4)]
    for response in first:
        flag_review(actor=cast.alice, response=response, decision="keep")
    later = _send(kiosk, 5)
    assert later.flags == ["burst"]
    statuses = {pk: status for pk, (status, _f) in _flags().items()}
    assert [statuses[r.pk] for r in first] == ["valid"] * 5
    assert statuses[later.pk] == "flagged"
    assert aggregates.check() == []
