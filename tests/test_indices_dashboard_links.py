"""The staff home and the unit page lead to the dashboard and the city ranking."""

from __future__ import annotations

from tests.conftest import Cast


def test_the_home_page_links_a_ward_role_to_its_dashboard(cast: Cast) -> None:
    html = cast.client(cast.alice).get("/staff/").content.decode()
    assert f'href="/staff/don-vi/{cast.ngoc_ha.pk}/chi-so/"' in html


def test_the_home_page_links_a_city_role_to_its_ranking(cast: Cast) -> None:
    html = cast.client(cast.ron).get("/staff/").content.decode()
    assert f'href="/staff/don-vi/{cast.hanoi.pk}/xep-hang/"' in html


def test_the_unit_pages_link_the_dashboard_and_the_ranking(cast: Cast) -> None:
    client = cast.client(cast.carol)
    ward = client.get(f"/staff/don-vi/{cast.ngoc_ha.pk}/").content.decode()
    city = client.get(f"/staff/don-vi/{cast.hanoi.pk}/").content.decode()
    assert f'href="/staff/don-vi/{cast.ngoc_ha.pk}/chi-so/"' in ward
    assert f'href="/staff/don-vi/{cast.hanoi.pk}/xep-hang/"' in city
