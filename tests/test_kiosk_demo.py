"""The demo gives Vĩnh Phúc's 2023 wave a desk tablet with a few dozen responses and one burst
for the leader, and Ngọc Hà's open wave tablets to try today; seeding twice adds nothing."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import Client

from hailong.core.demo import DemoContext, run_seeders
from hailong.indices import aggregates
from hailong.kiosk.burst import Thresholds, burst_members, is_perfect
from hailong.kiosk.models import Kiosk
from hailong.responses.models import Response
from hailong.responses.questionnaire import caches_clear, definition_of

# The module-scoped seed needs the test database even when this file runs alone.
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def seeded(django_db_setup: None, django_db_blocker: Any) -> Iterator[DemoContext]:
    """Seeded once for the module (seeding takes a while), rolled back at the end."""
    with django_db_blocker.unblock():
        caches_clear()
        with transaction.atomic():
            context = run_seeders(DemoContext(log=lambda _msg: None))
            yield context
            transaction.set_rollback(True)
    cache.clear()


@pytest.fixture
def ctx(seeded: DemoContext, db: None) -> DemoContext:
    return seeded


def test_the_2023_tablet_has_dozens_of_kiosk_responses(ctx: DemoContext) -> None:
    kiosk: Kiosk = ctx.objects["kiosk_2023"]
    rows = Response.objects.filter(wave=kiosk.wave, channel="kiosk")
    assert 40 <= rows.count() <= 80
    assert set(rows.values_list("source_id", flat=True)) == {kiosk.source_id}
    assert set(rows.values_list("transaction_channel", flat=True)) == {"direct"}
    assert "kiosk" in kiosk.wave.channels


def test_there_is_one_flagged_burst_of_perfect_scores(ctx: DemoContext) -> None:
    kiosk: Kiosk = ctx.objects["kiosk_2023"]
    burst = list(
        Response.objects.filter(wave=kiosk.wave, channel="kiosk", status="flagged").order_by(
            "submitted_at"
        )
    )
    bursts = [r for r in burst if "burst" in r.flags]
    assert len(bursts) == 6
    definition = definition_of(kiosk.wave.method_version)
    assert all(is_perfect(r.answers, definition) for r in bursts)
    moments = [(r.pk, r.submitted_at) for r in bursts]
    assert burst_members(moments, bursts[-1].submitted_at, Thresholds.from_settings()) == {
        r.pk for r in bursts
    }


def test_the_other_2023_answers_are_not_all_perfect(ctx: DemoContext) -> None:
    kiosk: Kiosk = ctx.objects["kiosk_2023"]
    definition = definition_of(kiosk.wave.method_version)
    rest = Response.objects.filter(wave=kiosk.wave, channel="kiosk").exclude(status="flagged")
    perfect = sum(is_perfect(r.answers, definition) for r in rest)
    assert perfect < rest.count() / 3


def test_the_aggregates_agree_with_the_responses(ctx: DemoContext) -> None:
    assert aggregates.check(wave_ids=[ctx.objects["wave_2023"].pk]) == []


def test_ngoc_ha_tablets_open_today(ctx: DemoContext) -> None:
    always: Kiosk = ctx.objects["kiosk_always_open"]
    page = Client().get(f"/kiosk/{always.token}/")
    assert page.status_code == 200
    assert 'data-state="start"' in page.content.decode()
    assert any(path == f"/kiosk/{always.token}/" for _what, path in ctx.urls)


def test_seeding_again_adds_nothing(ctx: DemoContext) -> None:
    before = (Kiosk.objects.count(), Response.objects.filter(channel="kiosk").count())
    run_seeders(DemoContext(log=lambda _msg: None))
    assert (Kiosk.objects.count(), Response.objects.filter(channel="kiosk").count()) == before
