"""The demo keys three paper batches of Vĩnh Phúc's 2023 wave through the real services: one
reconciled with a staff correction, one double-entered with resolved disagreements and closed
with a reason, one still being keyed. Seeding again adds nothing."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.cache import cache

from hailong.core.demo import DemoContext, run_seeders
from hailong.indices import aggregates
from hailong.paper import demo as paper_demo
from hailong.paper import selectors
from hailong.paper.models import BatchStatus, EventKind, PaperBatch, PaperEvent, PaperForm
from hailong.responses.models import Response
from hailong.responses.questionnaire import caches_clear

# Marked so that pytest-django sets the test database up even when this module runs alone (it
# only sets up the databases that marked tests ask for; the module fixture alone is not enough).
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


def test_three_batches_in_residential_groups_hold_dozens_of_forms(ctx: DemoContext) -> None:
    wave = ctx.objects["wave_2023"]
    batches = list(PaperBatch.objects.filter(wave=wave).order_by("number"))
    assert [b.residential_group.name for b in batches if b.residential_group] == [
        "Tổ dân phố số 5",
        "Tổ dân phố số 9",
        "Tổ dân phố số 14",
    ]
    assert [b.status for b in batches] == [
        BatchStatus.RECONCILED,
        BatchStatus.CLOSED,
        BatchStatus.ENTERING,
    ]
    assert PaperForm.objects.filter(wave=wave).count() == 56
    assert Response.objects.filter(wave=wave, channel="paper").count() == 56
    assert batches[1].close_reason.startswith("2 phiếu hỏng")
    counts = selectors.batch_counts(batches[2])
    assert (counts.declared, counts.entered, counts.stored) == (16, 14, 14)


def test_the_double_entry_batch_has_resolved_disagreements(ctx: DemoContext) -> None:
    batch = PaperBatch.objects.get(wave=ctx.objects["wave_2023"], double_entry=True)
    resolved = PaperEvent.objects.filter(batch=batch, kind=EventKind.FORM_RESOLVED)
    assert resolved.count() == 3
    assert sum(len(e.changes) for e in resolved) == 4
    users = {e.entered_by.username for f in batch.forms.all() for e in f.entries.all()}
    assert users == {"vinhphuc.motcua", "vinhphuc.nhaplieu"}
    assert not batch.forms.exclude(status="stored").exists()


def test_paper_answers_are_realistic_with_more_blanks(ctx: DemoContext) -> None:
    wave = ctx.objects["wave_2023"]
    paper = list(Response.objects.filter(wave=wave, channel="paper"))
    values = [r.answers.get("I.A.1") for r in paper]
    rated = [v for v in values if isinstance(v, int)]
    assert 3.4 < sum(rated) / len(rated) < 4.6
    assert any(v is None for v in values)
    assert all(r.submitted_at.date() >= wave.opens_on for r in paper)
    assert PaperEvent.objects.filter(kind=EventKind.FORM_EDITED).count() == 1


def test_seeding_again_adds_nothing(ctx: DemoContext) -> None:
    before = PaperForm.objects.count()
    paper_demo.seed(ctx)
    assert PaperForm.objects.count() == before


def test_the_aggregates_agree_with_the_responses_after_the_demo(ctx: DemoContext) -> None:
    assert aggregates.check(wave_ids=[ctx.objects["wave_2023"].pk]) == []
