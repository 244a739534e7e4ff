"""The running aggregates agree with the raw responses, however responses arrive."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hailong.indices import aggregates, selectors
from hailong.indices.models import AnswerMonthCount, ResponseDayCount
from hailong.responses.models import Response, ResponseStatus
from hailong.responses.services import response_submit
from tests.conftest import Cast
from tests.test_responses_factories import SIPAS_2017, open_wave, valid_raw


def submit(wave, value: int = 5, **kwargs):  # type: ignore[no-untyped-def]
    raw = valid_raw(wave, value=value)
    return response_submit(wave=wave, channel="web", answers_raw=raw, respondent_raw={}, **kwargs)


def test_a_submitted_response_is_counted_in_the_same_transaction(cast: Cast) -> None:
    wave = open_wave(cast.ngoc_ha, SIPAS_2017)
    submit(wave, 5)
    submit(wave, 2)
    assert sum(ResponseDayCount.objects.values_list("count", flat=True)) == 2
    assert aggregates.check() == []
    figures = selectors.figures(
        version_id=wave.method_version_id, wave_ids=[wave.pk], units=[cast.ngoc_ha]
    )
    assert figures["n"] == 2
    assert figures["items"]["C1.1"]["satisfied_pct"] == pytest.approx(50.0)
    assert figures["overall"] == pytest.approx(50.0)


def test_an_idempotent_retry_is_not_counted_twice(cast: Cast) -> None:
    wave = open_wave(cast.ngoc_ha, SIPAS_2017)
    submit(wave, 5, idempotency_key="k-1")
    submit(wave, 5, idempotency_key="k-1")
    assert Response.objects.count() == 1
    assert aggregates.check() == []


def test_relabelling_moves_a_response_between_statuses(cast: Cast) -> None:
    wave = open_wave(cast.ngoc_ha, SIPAS_2017)
    keep = submit(wave, 5)
    drop = submit(wave, 1)
    aggregates.relabel(drop, ResponseStatus.EXCLUDED)
    Response.objects.filter(pk=drop.pk).update(status=ResponseStatus.EXCLUDED)
    assert aggregates.check() == []
    valid_only = selectors.figures(
        version_id=wave.method_version_id, wave_ids=[wave.pk], units=[cast.ngoc_ha]
    )
    assert valid_only["n"] == 1
    assert valid_only["overall"] == pytest.approx(100.0)
    assert keep.status == ResponseStatus.VALID


def test_rebuild_restores_aggregates_that_drifted(cast: Cast) -> None:
    wave = open_wave(cast.ngoc_ha, SIPAS_2017)
    for value in (5, 4, 3):
        submit(wave, value)
    AnswerMonthCount.objects.filter(item_code="C1.1").update(count=99)
    assert aggregates.check() != []
    call_command("aggregates", "rebuild")
    assert aggregates.check() == []


def test_the_check_command_fails_loudly_on_a_mismatch(cast: Cast) -> None:
    from django.core.management.base import CommandError

    wave = open_wave(cast.ngoc_ha, SIPAS_2017)
    submit(wave, 5)
    ResponseDayCount.objects.update(count=7)
    with pytest.raises(CommandError):
        call_command("aggregates", "check")


def test_figures_roll_up_to_an_ancestor_and_stay_out_of_other_provinces(cast: Cast) -> None:
    wave = open_wave(cast.ngoc_ha, SIPAS_2017)
    other = open_wave(cast.kinh_bac, SIPAS_2017)
    submit(wave, 5)
    submit(other, 1)
    city = selectors.figures(
        version_id=wave.method_version_id, wave_ids=[wave.pk, other.pk], units=[cast.hanoi]
    )
    assert city["n"] == 1
    assert city["overall"] == pytest.approx(100.0)


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.tuples(st.sampled_from([1, 2, 3, 4, 5]), st.booleans()), min_size=1, max_size=8))
def test_aggregates_equal_a_recomputation_after_random_inserts(
    cast: Cast, answers: list[tuple[int, bool]]
) -> None:
    wave = open_wave(cast.ngoc_ha, SIPAS_2017, name=f"Đợt {len(answers)} {answers!r}"[:150])
    for value, flag in answers:
        response = submit(wave, value)
        if flag:
            aggregates.relabel(response, ResponseStatus.FLAGGED)
            Response.objects.filter(pk=response.pk).update(status=ResponseStatus.FLAGGED)
    assert aggregates.check(wave_ids=[wave.pk]) == []


def test_a_leader_excluding_a_response_keeps_the_aggregates_right(cast: Cast) -> None:
    from hailong.responses.services import response_set_status

    wave = open_wave(cast.ngoc_ha, SIPAS_2017)
    response = submit(wave, 1)
    response_set_status(actor=cast.alice, response=response, status=ResponseStatus.EXCLUDED)
    response_set_status(actor=cast.alice, response=response, status=ResponseStatus.EXCLUDED)
    assert Response.objects.get(pk=response.pk).status == ResponseStatus.EXCLUDED
    assert aggregates.check() == []
