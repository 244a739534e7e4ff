"""The demo gives Vĩnh Phúc's 2023 wave a sample, invitations, a call list and phone answers."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.cache import cache

from hailong.core.demo import DemoContext, run_seeders
from hailong.responses.models import Response
from hailong.responses.questionnaire import caches_clear
from hailong.sampling import demo, selectors
from hailong.sampling.models import CallAttempt, CallStatus, SampleDraw

# Also makes pytest-django create the test database when this file runs alone (otherwise the
# module fixture below would open the development database).
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def ctx(django_db_setup: None, django_db_blocker: pytest.FixtureRequest) -> Iterator[DemoContext]:
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        from django.db import transaction

        caches_clear()
        with transaction.atomic():
            context = run_seeders(DemoContext(log=lambda _msg: None))
            yield context
            transaction.set_rollback(True)
    cache.clear()


def test_the_2023_wave_has_a_slovin_sample_drawn_before_the_wave(ctx: DemoContext) -> None:
    draw = ctx.objects["sample_2023"]
    assert draw.seed == demo.SEED
    assert draw.frame == "dossiers"
    assert draw.frame_size > 1500
    assert draw.sample_size == draw.slovin_size
    assert 300 < draw.sample_size < 400
    assert draw.members.count() == draw.sample_size
    assert draw.drawn_at.date() < ctx.objects["wave_2023"].opens_on


def test_the_call_list_has_outcomes_and_a_couple_of_dozen_phone_interviews(
    ctx: DemoContext,
) -> None:
    wave = ctx.objects["wave_2023"]
    draw = ctx.objects["sample_2023"]
    phone = Response.objects.filter(wave=wave, channel="phone")
    assert 18 <= phone.count() <= 40
    assert all(r.invitation_id and r.entered_by_id for r in phone)
    outcomes = set(CallAttempt.objects.filter(member__draw=draw).values_list("outcome", flat=True))
    assert outcomes == {"answered", "no_answer", "call_back", "refused", "wrong_number"}
    counts = selectors.call_counts(draw)
    assert counts[CallStatus.COMPLETED] == phone.count()
    assert counts["callable"] > 200
    assert Response.objects.filter(wave=wave, channel="web", invitation__isnull=False).count() == 8
    assert len(selectors.interviewer_tally(wave)) == 2
    progress = selectors.wave_progress(wave)
    assert progress is not None
    assert progress.totals.via_invitation == phone.count() + 8


def test_seeding_again_changes_nothing(ctx: DemoContext) -> None:
    before = (SampleDraw.objects.count(), Response.objects.count(), CallAttempt.objects.count())
    demo.seed(ctx)
    after = (SampleDraw.objects.count(), Response.objects.count(), CallAttempt.objects.count())
    assert after == before
