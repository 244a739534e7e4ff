"""The city ranking: order, ties, and the 2025 map change through the succession shares."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.test import override_settings

from hailong.indices.ranking import RankingQuery, ranking, weights_from_links
from hailong.indices.selectors import successor_weights
from hailong.surveys.models import SurveyWave
from hailong.units import services as unit_services
from hailong.units.models import AdministrativeUnit, UnitKind
from tests.conftest import Cast
from tests.test_indices_factories import answer
from tests.test_responses_factories import SIPAS_2017, open_wave

WHEN = dt.datetime(2023, 10, 2, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
REFORM = dt.date(2025, 7, 1)


def wave_2023(unit: AdministrativeUnit, values: list[int]) -> SurveyWave:
    wave = open_wave(
        unit,
        SIPAS_2017,
        name=f"Đợt 2023 {unit.name}",
        opens_on=dt.date(2023, 9, 1),
        closes_on=dt.date(2023, 11, 30),
    )
    for value in values:
        answer(wave, value, when=WHEN)
    return wave


def map_2025(cast: Cast) -> tuple[AdministrativeUnit, AdministrativeUnit]:
    """Cống Vị (old, under Ba Đình) split half into Ngọc Hà, half into a new Giảng Võ."""
    cong_vi = unit_services.unit_create(
        kind=UnitKind.WARD,
        name="Phường Cống Vị",
        parent=cast.ba_dinh,
        valid_to=dt.date(2025, 6, 30),
    )
    giang_vo = unit_services.unit_create(
        kind=UnitKind.WARD, name="Phường Giảng Võ", parent=cast.hanoi, valid_from=REFORM
    )
    for new in (cast.ngoc_ha, giang_vo):
        unit_services.succession_create(
            predecessor=cong_vi, successor=new, effective_date=REFORM, share=Decimal("0.5")
        )
    return cong_vi, giang_vo


def query(cast: Cast, *, mapped: bool, **kwargs) -> RankingQuery:  # type: ignore[no-untyped-def]
    version = SurveyWave.objects.filter(unit__path__startswith=cast.hanoi.path).first()
    assert version is not None
    return RankingQuery(version_id=version.method_version_id, year=2023, mapped=mapped, **kwargs)


@override_settings(HAILONG_SMALL_CELL_THRESHOLD=1)
def test_historic_wards_are_ranked_as_they_were(cast: Cast) -> None:
    cong_vi, _giang_vo = map_2025(cast)
    wave_2023(cast.vinh_phuc, [5] * 10)
    wave_2023(cong_vi, [2] * 10)
    rows = ranking(cast.hanoi, query(cast, mapped=False), own_paths=())
    assert [(r.unit.name, r.rank) for r in rows] == [
        ("Phường Vĩnh Phúc", 1),
        ("Phường Cống Vị", 2),
    ]
    assert rows[0].overall == pytest.approx(100.0)
    assert rows[0].district == "Quận Ba Đình"
    assert rows[1].overall == pytest.approx(0.0)


@override_settings(HAILONG_SMALL_CELL_THRESHOLD=1)
def test_current_wards_carry_their_predecessors_data_weighted_by_share(cast: Cast) -> None:
    cong_vi, giang_vo = map_2025(cast)
    wave_2023(cast.vinh_phuc, [5] * 10)
    wave_2023(cong_vi, [2] * 10)
    rows = {r.unit.pk: r for r in ranking(cast.hanoi, query(cast, mapped=True), own_paths=())}
    assert set(rows) == {cast.ngoc_ha.pk, giang_vo.pk}  # today's wards of Hà Nội only
    ngoc_ha, giang = rows[cast.ngoc_ha.pk], rows[giang_vo.pk]
    assert ngoc_ha.n == pytest.approx(15.0)  # 10 of Vĩnh Phúc + half of Cống Vị's 10
    assert ngoc_ha.overall == pytest.approx(100 * 10 / 15)
    assert giang.n == pytest.approx(5.0)
    assert giang.overall == pytest.approx(0.0)
    assert (ngoc_ha.rank, giang.rank) == (1, 2)
    assert any("Phường Cống Vị (50,00%)" in s for s in ngoc_ha.sources)


def test_link_weights_loaded_at_once_match_the_selector(cast: Cast) -> None:
    cong_vi, giang_vo = map_2025(cast)
    from hailong.units.models import UnitSuccession

    links = list(UnitSuccession.objects.values_list("predecessor_id", "successor_id", "share"))
    for unit in (cast.ngoc_ha, giang_vo, cong_vi):
        assert weights_from_links(unit.pk, links) == pytest.approx(successor_weights(unit))


@override_settings(HAILONG_SMALL_CELL_THRESHOLD=1)
def test_ties_at_two_decimals_share_a_rank_and_sorting_follows_the_parameter(cast: Cast) -> None:
    cong_vi, _giang_vo = map_2025(cast)
    wave_2023(cast.vinh_phuc, [5, 2])
    wave_2023(cong_vi, [2, 5])
    rows = ranking(cast.hanoi, query(cast, mapped=False), own_paths=())
    assert [r.rank for r in rows] == [1, 1]
    by_n = ranking(cast.hanoi, query(cast, mapped=False, sort="ten"), own_paths=())
    assert [r.unit.name for r in by_n] == ["Phường Cống Vị", "Phường Vĩnh Phúc"]


@override_settings(HAILONG_SMALL_CELL_THRESHOLD=1)
def test_minimum_n_and_district_filter_the_rows(cast: Cast) -> None:
    cong_vi, _giang_vo = map_2025(cast)
    wave_2023(cast.vinh_phuc, [5] * 3)
    wave_2023(cong_vi, [2] * 1)
    rows = ranking(cast.hanoi, query(cast, mapped=False, min_n=2), own_paths=())
    assert [r.unit.name for r in rows] == ["Phường Vĩnh Phúc"]
    other = unit_services.unit_create(
        kind=UnitKind.URBAN_DISTRICT,
        name="Quận Tây Hồ",
        parent=cast.hanoi,
        valid_to=dt.date(2025, 6, 30),
    )
    assert ranking(cast.hanoi, query(cast, mapped=False, district_id=other.pk), own_paths=()) == []


def test_small_cells_are_hidden_and_unranked_for_outsiders_only(cast: Cast) -> None:
    cong_vi, giang_vo = map_2025(cast)
    wave_2023(cast.vinh_phuc, [5] * 4)
    wave_2023(cong_vi, [2] * 4)
    outsider = {r.unit.pk: r for r in ranking(cast.hanoi, query(cast, mapped=True), own_paths=())}
    assert outsider[cast.ngoc_ha.pk].suppressed
    assert outsider[cast.ngoc_ha.pk].overall is None
    assert outsider[cast.ngoc_ha.pk].rank is None
    own = {
        r.unit.pk: r
        for r in ranking(cast.hanoi, query(cast, mapped=True), own_paths=(cast.ngoc_ha.path,))
    }
    assert not own[cast.ngoc_ha.pk].suppressed
    assert own[cast.ngoc_ha.pk].overall == pytest.approx(100 * 4 / 6)
    assert own[giang_vo.pk].suppressed
