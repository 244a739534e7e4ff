"""The city ranking page: who sees it, what it shows outsiders, what it costs."""

from __future__ import annotations

import datetime as dt

from django.test import override_settings

from hailong.units import services as unit_services
from hailong.units.models import UnitKind
from tests.conftest import Cast
from tests.test_indices_factories import get, text_of
from tests.test_indices_ranking_order import wave_2023


def url(cast: Cast, query: str = "") -> str:
    return f"/staff/don-vi/{cast.hanoi.pk}/xep-hang/" + (f"?{query}" if query else "")


def test_city_staff_see_the_ranking_ward_staff_and_outsiders_do_not(cast: Cast) -> None:
    wave_2023(cast.vinh_phuc, [5] * 12)
    assert cast.client(cast.carol).get(url(cast)).status_code == 200
    assert cast.client(cast.ron).get(url(cast)).status_code == 200
    for user in (cast.alice, cast.bob, cast.charlie):
        assert cast.client(user).get(url(cast)).status_code in {403, 404}


def test_a_ward_has_no_ranking_page(cast: Cast) -> None:
    response = cast.client(cast.carol).get(f"/staff/don-vi/{cast.ngoc_ha.pk}/xep-hang/")
    assert response.status_code == 404


def test_the_page_ranks_and_hides_small_cells_with_a_note(cast: Cast) -> None:
    wave_2023(cast.vinh_phuc, [5] * 12)
    cong_vi = unit_services.unit_create(
        kind=UnitKind.WARD,
        name="Phường Cống Vị",
        parent=cast.ba_dinh,
        valid_to=dt.date(2025, 6, 30),
    )
    wave_2023(cong_vi, [4] * 3)
    page = text_of(get(cast.client(cast.ron), url(cast, "nam=2023&ban_do=cu")))
    assert "1 Phường Vĩnh Phúc" in page
    assert "100,00" in page
    assert "Phường Cống Vị" in page
    assert "Dưới 10 phiếu: không công bố" in page
    assert "– Phường Cống Vị" in page


def test_the_toggle_maps_old_wards_into_todays(cast: Cast) -> None:
    wave_2023(cast.vinh_phuc, [5] * 12)
    page = text_of(get(cast.client(cast.carol), url(cast, "nam=2023&ban_do=moi")))
    assert "1 Phường Ngọc Hà" in page
    assert "Phường Vĩnh Phúc (100,00%)" in page


@override_settings(HAILONG_SMALL_CELL_THRESHOLD=1)
def test_the_ranking_costs_the_same_queries_for_two_wards_or_ten(
    cast: Cast, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    wave_2023(cast.vinh_phuc, [5])
    client = cast.client(cast.carol)
    with django_assert_max_num_queries(24) as first:
        get(client, url(cast, "nam=2023&ban_do=cu"))
    for n in range(8):
        ward = unit_services.unit_create(
            kind=UnitKind.WARD,
            name=f"Phường Thử {n}",
            parent=cast.ba_dinh,
            valid_to=dt.date(2025, 6, 30),
        )
        wave_2023(ward, [4])
    with django_assert_max_num_queries(len(first.captured_queries)):
        response = get(client, url(cast, "nam=2023&ban_do=cu"))
    assert len(response.context["page"].rows) == 9


def test_bad_filters_fall_back_to_defaults(cast: Cast) -> None:
    wave_2023(cast.vinh_phuc, [5] * 12)
    response = get(cast.client(cast.carol), url(cast, "nam=x&phuong_phap=999&toi_thieu=-4&quan=z"))
    assert response.context["page"].query.year == 2023


def test_choosing_a_year_picks_the_method_that_years_waves_used(cast: Cast) -> None:
    from tests.test_responses_factories import SHORT, open_wave

    wave_2023(cast.vinh_phuc, [5] * 12)
    open_wave(cast.ngoc_ha, SHORT)  # this year's wave, on another method
    client = cast.client(cast.carol)
    latest = get(client, url(cast)).context["page"].query
    short = latest.version_id
    page = get(client, url(cast, f"nam=2023&phuong_phap={short}")).context["page"]
    assert page.query.year == 2023
    assert page.query.version_id != short
    assert [r.unit.name for r in page.rows if r.overall is not None] == ["Phường Ngọc Hà"]
