"""Two interviewers keying the same sampled person at once store one response, not two."""

from __future__ import annotations

import datetime as dt
import threading
import time

import pytest
from django.db import OperationalError, connections
from django.utils import timezone

from hailong.core.errors import ServiceError
from hailong.responses.models import Response
from hailong.sampling.models import CallAttempt, SampleMember
from hailong.sampling.services import phone_interview_submit
from tests.conftest import Cast
from tests.test_responses_factories import fresh_cache, valid_raw  # noqa: F401
from tests.test_sampling_factories import sampled

pytestmark = [pytest.mark.usefixtures("fresh_cache"), pytest.mark.postgres]


@pytest.mark.django_db(transaction=True)
def test_two_interviewers_keying_one_member_at_once_store_one_response(cast: Cast) -> None:
    _wave, draw = sampled(cast)
    member_pk = draw.members.get(position=1).pk
    barrier = threading.Barrier(2, timeout=20)
    outcomes: list[str] = []

    def key_in() -> None:
        try:
            member = SampleMember.objects.select_related(
                "draw__wave__unit", "draw__wave__method_version", "invitation"
            ).get(pk=member_pk)
            raw = valid_raw(member.draw.wave)
            barrier.wait()
            for _attempt in range(200):
                try:
                    phone_interview_submit(
                        actor=cast.oscar,
                        member=member,
                        answers_raw=raw,
                        consent=True,
                        started_at=timezone.now() - dt.timedelta(minutes=10),
                    )
                    outcomes.append("stored")
                    return
                except ServiceError as error:
                    outcomes.append(error.code)
                    return
                except OperationalError:
                    time.sleep(0.01)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=key_in) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert outcomes.count("stored") == 1
    assert len(outcomes) == 2
    assert Response.objects.filter(invitation__sample_members__pk=member_pk).count() == 1
    assert CallAttempt.objects.filter(member_id=member_pk, outcome="answered").count() == 1
