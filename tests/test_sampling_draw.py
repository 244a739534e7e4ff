"""A stratified draw is reproducible from its seed, recorded, and a re-draw changes no code."""

from __future__ import annotations

import random

import pytest

from hailong.core.errors import ServiceError
from hailong.responses.models import Invitation
from hailong.responses.services import response_submit
from hailong.sampling.design import Unit, draw
from hailong.sampling.models import SampleDraw, SampleMember
from hailong.sampling.services import sample_draw
from tests.conftest import Cast
from tests.test_responses_factories import fresh_cache, valid_raw  # noqa: F401
from tests.test_sampling_factories import PERIOD, drawn, phone_wave, returned_dossiers, sampled

pytestmark = pytest.mark.usefixtures("fresh_cache")


def _keys(sample: SampleDraw) -> list[str]:
    return list(sample.members.order_by("position").values_list("unit_key", flat=True))


def test_the_same_seed_draws_the_same_units_in_any_frame_order() -> None:
    units = [Unit(key=f"d:{i:05d}", stratum="ab"[i % 2]) for i in range(5000)]
    shuffled = units[:]
    random.Random(7).shuffle(shuffled)
    allocation = {"a": 40, "b": 60}
    first = draw(units, allocation, seed=42)
    assert draw(shuffled, allocation, seed=42) == first
    assert draw(units, allocation, seed=43) != first
    assert [u.stratum for u in first].count("a") == 40


def test_a_draw_records_its_seed_frame_design_and_who_drew_it(cast: Cast) -> None:
    wave, sample = sampled(cast)
    assert sample.seed == 20231101
    assert (sample.frame_size, sample.slovin_size, sample.sample_size) == (100, 80, 80)
    assert sample.drawn_by == cast.alice
    assert sample.design["N"] == 100
    assert sample.design["margin"] == "0.050"
    strata = {s["label"]: s for s in sample.design["strata"]}
    assert strata["Chứng thực · Cá nhân"] == {
        "key": "CT|ca_nhan",
        "label": "Chứng thực · Cá nhân",
        "N": 60,
        "target": 48,
        "n": 48,
        "slovin": 53,
    }
    assert sum(s["n"] for s in sample.design["strata"]) == 80
    assert sample.members.count() == 80
    assert Invitation.objects.filter(wave=wave).count() == 80


def test_redrawing_with_the_same_seed_gives_the_same_sample_and_keeps_the_codes(
    cast: Cast,
) -> None:
    wave, first = sampled(cast)
    codes = dict(first.members.values_list("unit_key", "invitation__code"))
    again = drawn(cast, wave)
    first.refresh_from_db()

    assert _keys(again) == _keys(first)
    assert dict(again.members.values_list("unit_key", "invitation__code")) == codes
    assert first.superseded_at is not None
    assert again.is_current
    assert Invitation.objects.filter(wave=wave).count() == 80


def test_a_new_seed_draws_anew_but_never_changes_an_invitation_already_used(cast: Cast) -> None:
    wave, first = sampled(cast)
    member = first.members.order_by("position").first()
    assert member is not None
    used = member.invitation
    response_submit(
        wave=wave,
        channel="web",
        answers_raw=valid_raw(wave),
        respondent_raw={},
        invitation_code=used.code,
    )
    second = drawn(cast, wave, seed=999)
    used.refresh_from_db()

    assert _keys(second) != _keys(first)
    assert used.used_at is not None
    assert used.response.invitation_id == used.pk
    kept = SampleMember.objects.filter(draw=second, unit_key=member.unit_key).first()
    assert kept is None or kept.invitation_id == used.pk
    assert SampleDraw.objects.filter(wave=wave, superseded_at__isnull=True).count() == 1


def test_an_empty_frame_a_wrong_period_or_a_viewer_is_refused(cast: Cast) -> None:
    wave = phone_wave(cast.ngoc_ha)
    with pytest.raises(ServiceError, match="không có phần tử"):
        drawn(cast, wave)
    returned_dossiers(cast.ngoc_ha)
    with pytest.raises(ServiceError, match="trước ngày bắt đầu"):
        sample_draw(actor=cast.alice, wave=wave, frame="dossiers", period=PERIOD[::-1])
    with pytest.raises(ServiceError, match="không có quyền"):
        sample_draw(actor=cast.bob, wave=wave, frame="dossiers", period=PERIOD)
    with pytest.raises(ServiceError, match="từ 1 đến 100"):
        drawn(cast, wave, sample_size=101)
    assert not SampleDraw.objects.exists()


def test_a_larger_sample_size_oversamples_but_keeps_the_slovin_targets(cast: Cast) -> None:
    wave = phone_wave(cast.ngoc_ha)
    returned_dossiers(cast.ngoc_ha)
    sample = drawn(cast, wave, sample_size=95)
    assert sample.members.count() == 95
    assert sum(s["target"] for s in sample.design["strata"]) == 80
    assert sum(s["n"] for s in sample.design["strata"]) == 95


def test_only_the_wave_respondent_types_and_the_period_are_in_the_frame(cast: Cast) -> None:
    from hailong.surveys.services import wave_update

    wave = phone_wave(cast.ngoc_ha)
    wave_update(actor=None, wave=wave, respondent_types=["individual"])
    returned_dossiers(cast.ngoc_ha)
    returned_dossiers(cast.ngoc_ha, {("2.000815", "ca_nhan"): 5}, prefix="OLD")
    from hailong.dossiers.models import Dossier

    Dossier.objects.filter(code__startswith="OLD").update(
        received_on=PERIOD[0].replace(year=PERIOD[0].year - 1),
        returned_on=PERIOD[0].replace(year=PERIOD[0].year - 1),
        due_on=PERIOD[0].replace(year=PERIOD[0].year - 1),
    )
    sample = drawn(cast, wave)
    assert sample.frame_size == 90
    assert "Chỉ tính hồ sơ" in sample.design["notes"][0]


def test_the_household_frame_draws_numbered_households_per_residential_group(
    cast: Cast,
) -> None:
    from hailong.units.services import unit_create

    wave = phone_wave(cast.ngoc_ha)
    cast.group1.households = 300
    cast.group1.save()
    start = cast.group1.valid_from
    unit_create(
        kind="to_dan_pho",
        name="Tổ dân phố số 2",
        parent=cast.ngoc_ha,
        valid_from=start,
        households=100,
    )
    unit_create(kind="to_dan_pho", name="Tổ dân phố số 3", parent=cast.ngoc_ha, valid_from=start)
    sample = sample_draw(actor=cast.alice, wave=wave, frame="households", seed=5)

    assert (sample.frame_size, sample.slovin_size) == (400, 200)
    assert [s["n"] for s in sample.design["strata"]] == [150, 50]
    assert "Tổ dân phố số 3" in sample.design["notes"][0]
    # Which stratum is numbered first depends on the keys (database ids), so look at group 1's.
    member = sample.members.filter(residential_group=cast.group1).order_by("position").first()
    assert member is not None
    assert sample.members.filter(residential_group=cast.group1).count() == 150
    assert member.household is not None
    assert 1 <= member.household <= 300
    assert member.dossier is None
