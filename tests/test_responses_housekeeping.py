"""The hourly purge removes expired drafts and spent challenges; the scheduler runs it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from hailong.jobs.schedule import SCHEDULE, Every
from hailong.responses.models import ResponseDraft, UsedChallenge
from hailong.responses.services import draft_start, responses_purge
from hailong.responses.tasks import purge_responses_housekeeping
from tests.conftest import Cast
from tests.test_responses_factories import fresh_cache, open_wave  # noqa: F401

pytestmark = pytest.mark.usefixtures("fresh_cache")


def test_expired_drafts_and_challenges_go_and_live_ones_stay(cast: Cast) -> None:
    wave = open_wave(cast.ngoc_ha)
    now = timezone.now()
    old = draft_start(wave=wave, source=None, language="vi", now=now - dt.timedelta(days=2))
    live = draft_start(wave=wave, source=None, language="vi", now=now)
    UsedChallenge.objects.create(challenge="a" * 64, expires_at=now - dt.timedelta(minutes=1))
    UsedChallenge.objects.create(challenge="b" * 64, expires_at=now + dt.timedelta(minutes=10))

    assert responses_purge(now=now) == {"drafts": 1, "challenges": 1, "contact_requests": 0}
    assert list(ResponseDraft.objects.values_list("pk", flat=True)) == [live.pk]
    assert not ResponseDraft.objects.filter(pk=old.pk).exists()
    assert list(UsedChallenge.objects.values_list("challenge", flat=True)) == ["b" * 64]


def test_the_purge_is_scheduled_hourly() -> None:
    job = {j.name: j for j in SCHEDULE}["responses.purge"]
    assert job.task is purge_responses_housekeeping
    assert job.when == Every(3600)
