"""The ward dashboard shows what the engine computes from the same answers, weakest item first."""

from __future__ import annotations

import pytest

from hailong.indices import engine
from hailong.indices.dashboard import overall_interval
from tests.conftest import Cast
from tests.test_indices_factories import answer, dashboard_url, get, text_of
from tests.test_responses_factories import SIPAS_2017, open_wave

ITEMS_2017 = {
    "E1": ["C1.1", "C1.2", "C1.3", "C1.4"],
    "E2": ["C2.1", "C2.2", "C2.3", "C2.4", "C2.5"],
    "E3": ["C3.1", "C3.2", "C3.3", "C3.4", "C3.5", "C3.6"],
    "E4": ["C4.1", "C4.2", "C4.3"],
    "E5": ["C5.1", "C5.2", "C5.3", "C5.4"],
}


@pytest.fixture
def wave(cast: Cast):  # type: ignore[no-untyped-def]
    """Three responses: all 5; all 2; all 4 except C1.1 = 1 and C2.5 = 3."""
    wave = open_wave(cast.ngoc_ha, SIPAS_2017)
    answer(wave, 5)
    answer(wave, 2)
    answer(wave, 4, items={"C1.1": 1, "C2.5": 3})
    return wave


def expected() -> engine.MethodResult:
    counts: dict[str, dict[int | str | None, float]] = {}
    for codes in ITEMS_2017.values():
        for code in codes:
            third = {"C1.1": 1, "C2.5": 3}.get(code, 4)
            cell: dict[int | str | None, float] = {5: 1, 2: 1}
            cell[third] = cell.get(third, 0) + 1
            counts[code] = cell
    items = [(c, (1, 2, 3, 4, 5), (4, 5)) for codes in ITEMS_2017.values() for c in codes]
    return engine.compute_method(
        n=3,
        item_counts=counts,
        items=items,
        elements=list(ITEMS_2017.items()),
        overall_rule="mean_of_elements",
    )


def test_the_page_shows_the_engines_overall_index_interval_and_n(cast: Cast, wave) -> None:  # type: ignore[no-untyped-def]
    result = expected()
    page = text_of(get(cast.client(cast.alice), dashboard_url(cast.ngoc_ha)))
    ci = overall_interval(result.overall, 3)
    assert ci is not None
    assert f"{engine.format_pct(result.overall)}%" in page
    assert f"{engine.format_pct(ci[0])}–{engine.format_pct(ci[1])}" in page
    assert "sipas-2017 v1" in page


def test_every_element_and_item_share_on_the_page_is_the_engines(cast: Cast, wave) -> None:  # type: ignore[no-untyped-def]
    result = expected()
    page = text_of(get(cast.client(cast.alice), dashboard_url(cast.ngoc_ha)))
    for code, element in result.elements.items():
        assert f"{code}. " in page
        assert engine.format_pct(element.index) in page
    c11 = result.items["C1.1"]
    assert c11.satisfied_pct is not None
    assert c11.ci_low is not None
    assert c11.ci_high is not None
    assert (
        f"C1.1 {_text(cast, 'C1.1')} {engine.format_pct(c11.satisfied_pct)} "
        f"{engine.format_pct(c11.ci_low)}–{engine.format_pct(c11.ci_high)}"
    ) in page


def _text(cast: Cast, code: str) -> str:
    from hailong.surveys.models import SurveyWave

    wave = SurveyWave.objects.get(unit=cast.ngoc_ha)
    return wave.method_version.parsed().item(code).text.vi


def test_items_are_listed_weakest_first(cast: Cast, wave) -> None:  # type: ignore[no-untyped-def]
    response = get(cast.client(cast.bob), dashboard_url(cast.ngoc_ha))
    rows = [i.code for i in response.context["page"].figures.items]
    shares = [i.satisfied_pct for i in response.context["page"].figures.items]
    assert shares == sorted(shares)
    assert rows[:2] == ["C1.1", "C2.5"] or set(rows[:2]) == {"C1.1", "C2.5"}


def test_a_filter_changes_the_figures(cast: Cast, wave) -> None:  # type: ignore[no-untyped-def]
    client = cast.client(cast.alice)
    answer(wave, 1, channel="kiosk")
    everything = get(client, dashboard_url(cast.ngoc_ha)).context["page"].figures
    kiosk = get(client, dashboard_url(cast.ngoc_ha, kenh="kiosk")).context["page"].figures
    assert everything.headline.n == 4
    assert kiosk.headline.n == 1
    assert kiosk.headline.overall == 0.0
    assert everything.headline.overall != kiosk.headline.overall


def test_a_wave_without_answers_shows_a_dash_never_100(cast: Cast) -> None:
    open_wave(cast.ngoc_ha, SIPAS_2017)
    page = text_of(get(cast.client(cast.alice), dashboard_url(cast.ngoc_ha)))
    assert "Chỉ số –" in page
    assert "100,00" not in page


def test_a_bad_filter_is_ignored_not_an_error(cast: Cast, wave) -> None:  # type: ignore[no-untyped-def]
    client = cast.client(cast.alice)
    response = get(client, dashboard_url(cast.ngoc_ha, tu_ngay="31-02-x", kenh="nope", dot="abc"))
    assert response.context["page"].figures.headline.n == 3
    assert "không hợp lệ" in text_of(response)
