"""Aggregate cells split over shards: readers see the same figures, and compaction folds them."""

from __future__ import annotations

import itertools
import threading

import pytest
from django.core.management import call_command
from django.db import connection, connections, transaction

from hailong.indices import aggregates, selectors
from hailong.indices.models import AnswerMonthCount, ResponseDayCount
from hailong.responses.models import ResponseStatus
from tests.conftest import Cast
from tests.test_indices_aggregates import submit
from tests.test_responses_factories import SIPAS_2017, open_wave


@pytest.fixture
def four_shards(settings: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Four shards, taken in turn (not at random) so the test knows where rows land."""
    settings.AGGREGATE_SHARDS = 4  # type: ignore[attr-defined]
    turn = itertools.cycle(range(4))
    monkeypatch.setattr(aggregates, "_shard", lambda: next(turn))


def _figures(cast: Cast, wave) -> dict:  # type: ignore[no-untyped-def, type-arg]
    return selectors.figures(
        version_id=wave.method_version_id, wave_ids=[wave.pk], units=[cast.ngoc_ha]
    )


def test_responses_spread_over_shards_read_the_same_as_one_row_per_cell(
    cast: Cast, four_shards: None
) -> None:
    wave = open_wave(cast.ngoc_ha, SIPAS_2017)
    for value in (5, 4, 3, 2, 5, 5, 1, 4):
        submit(wave, value)
    assert set(ResponseDayCount.objects.values_list("shard", flat=True)) == {0, 1, 2, 3}
    sharded = _figures(cast, wave)
    assert aggregates.check() == []

    call_command("aggregates", "compact")

    assert set(ResponseDayCount.objects.values_list("shard", flat=True)) == {0}
    assert set(AnswerMonthCount.objects.values_list("shard", flat=True)) == {0}
    assert aggregates.check() == []
    assert _figures(cast, wave) == sharded
    assert sharded["n"] == 8
    assert sharded["items"]["C1.1"]["satisfied_pct"] == pytest.approx(62.5)


def test_relabelling_across_shards_keeps_every_cell_right(cast: Cast, four_shards: None) -> None:
    wave = open_wave(cast.ngoc_ha, SIPAS_2017)
    responses = [submit(wave, value) for value in (5, 1, 4)]
    aggregates.relabel(responses[1], ResponseStatus.EXCLUDED)
    responses[1].save(update_fields=["status"])
    assert aggregates.check() == []
    assert _figures(cast, wave)["n"] == 2
    assert aggregates.compact() > 0
    assert aggregates.check() == []
    assert _figures(cast, wave)["n"] == 2


def test_a_rebuild_writes_one_row_per_cell(cast: Cast, four_shards: None) -> None:
    wave = open_wave(cast.ngoc_ha, SIPAS_2017)
    for value in (5, 4, 3, 2):
        submit(wave, value)
    aggregates.rebuild()
    assert set(AnswerMonthCount.objects.values_list("shard", flat=True)) == {0}
    assert aggregates.check() == []


def test_with_one_shard_there_is_nothing_to_compact(
    cast: Cast, settings: pytest.FixtureRequest
) -> None:
    settings.AGGREGATE_SHARDS = 1  # type: ignore[attr-defined]
    wave = open_wave(cast.ngoc_ha, SIPAS_2017)
    submit(wave, 5)
    assert aggregates.compact() == 0
    assert aggregates.check() == []


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_submissions_in_other_shards_do_not_wait_and_compaction_skips_busy_rows(
    cast: Cast, settings: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While one submission holds its shard's rows (not yet committed), a second submission to
    another shard and a compaction both finish at once; nothing is lost or counted twice."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (SQLite serialises writers)")
    settings.AGGREGATE_SHARDS = 4  # type: ignore[attr-defined]
    wave = open_wave(cast.ngoc_ha, SIPAS_2017)
    shards = {"first": 1, "second": 2}
    monkeypatch.setattr(aggregates, "_shard", lambda: shards[threading.current_thread().name])
    holding = threading.Event()
    release = threading.Event()
    errors: list[BaseException] = []

    def first() -> None:
        try:
            with transaction.atomic():
                submit(wave, 5)
                holding.set()
                assert release.wait(20)
        except BaseException as error:  # reported by the main thread
            errors.append(error)
        finally:
            connections.close_all()

    def second() -> None:
        try:
            submit(wave, 4)
            aggregates.compact()
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    one = threading.Thread(target=first, name="first")
    one.start()
    assert holding.wait(20)
    two = threading.Thread(target=second, name="second")
    two.start()
    two.join(10)
    finished_while_held = not two.is_alive()
    release.set()
    one.join(20)
    two.join(20)
    assert errors == []
    assert finished_while_held, "the second submission or the compaction waited for the first"
    assert aggregates.check() == []
    assert sum(ResponseDayCount.objects.values_list("count", flat=True)) == 2
    aggregates.compact()
    assert set(ResponseDayCount.objects.values_list("shard", flat=True)) == {0}
    assert aggregates.check() == []
