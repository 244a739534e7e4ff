"""Who may open the ward dashboard, what htmx gets back, and how many queries a page costs."""

from __future__ import annotations

from hailong.indices import charting
from tests.conftest import Cast
from tests.test_indices_factories import answer, dashboard_url, get
from tests.test_responses_factories import SIPAS_2017, open_wave


def test_the_leader_and_the_read_only_viewer_may_open_it_the_outsider_may_not(
    cast: Cast,
) -> None:
    wave = open_wave(cast.ngoc_ha, SIPAS_2017)
    answer(wave, 5)
    assert cast.client(cast.alice).get(dashboard_url(cast.ngoc_ha)).status_code == 200
    assert cast.client(cast.bob).get(dashboard_url(cast.ngoc_ha)).status_code == 200
    assert cast.client(cast.ron).get(dashboard_url(cast.ngoc_ha)).status_code == 200
    assert cast.client(cast.charlie).get(dashboard_url(cast.ngoc_ha)).status_code == 404


def test_htmx_gets_only_the_figures_partial(cast: Cast) -> None:
    wave = open_wave(cast.ngoc_ha, SIPAS_2017)
    answer(wave, 5)
    client = cast.client(cast.alice)
    full = get(client, dashboard_url(cast.ngoc_ha)).content.decode()
    part = get(client, dashboard_url(cast.ngoc_ha, kenh="web"), HTTP_HX_REQUEST="true")
    html = part.content.decode()
    assert '<div id="figures"' in full
    assert "<html" in full
    assert html.lstrip().startswith('<div id="figures"')
    assert "<html" not in html
    assert 'id="filters"' not in html
    assert 'hx-swap-oob="true"' in html
    assert "HX-Request" in part["Vary"]


def test_htmx_is_loaded_with_the_csp_nonce(cast: Cast) -> None:
    wave = open_wave(cast.ngoc_ha, SIPAS_2017)
    answer(wave, 5)
    response = get(cast.client(cast.alice), dashboard_url(cast.ngoc_ha))
    html = response.content.decode()
    nonce = response.context["csp_nonce"]
    assert f'vendor/htmx.min.js" nonce="{nonce}"' in html
    assert f"'nonce-{nonce}'" in response["Content-Security-Policy"]


def test_the_dashboard_costs_a_bounded_number_of_queries(
    cast: Cast, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    wave = open_wave(cast.ngoc_ha, SIPAS_2017)
    for value in (5, 4, 2, 1, 3):
        answer(wave, value)
    client = cast.client(cast.alice)
    client.get(dashboard_url(cast.ngoc_ha))  # warm the chart cache and the method caches
    with django_assert_max_num_queries(26):
        get(client, dashboard_url(cast.ngoc_ha))
    for value in (5, 4, 2):
        answer(wave, value, channel="kiosk")
    with django_assert_max_num_queries(26):
        get(client, dashboard_url(cast.ngoc_ha, phan_tich="gender"))


def test_charts_are_drawn_once_and_then_served_from_the_cache(cast: Cast) -> None:
    first = charting.chart("bar", "Tiêu đề", [("A", 50.0)])
    again = charting.chart("bar", "Tiêu đề", [("A", 50.0)])
    assert again == first
    assert 'role="img"' in first.svg
