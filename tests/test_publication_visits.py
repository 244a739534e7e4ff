"""Reading the published results is a visit to the ward's site, counted like its other pages."""

from __future__ import annotations

import pytest
from django.test import override_settings
from django.urls import reverse

from hailong.portal import visitors
from hailong.publication import services
from tests.conftest import Cast
from tests.publication_data import scope_key, ward_wave

pytestmark = pytest.mark.usefixtures("fresh_cache")
PHONE_UA = "Mozilla/5.0 (Linux; Android 10) Chrome/120.0 Mobile Safari/537.36 Zalo android"


@override_settings(HAILONG_SMALL_CELL_THRESHOLD=3, HAILONG_PORTAL_VISIT_FLUSH_SECONDS=0)
def test_the_results_page_counts_one_visit_per_visitor_and_skips_robots(cast: Cast) -> None:
    visitors.store().clear()
    wave = ward_wave(cast.ngoc_ha)
    services.snapshot_publish(actor=cast.alice, unit=cast.ngoc_ha, scope_key=scope_key(wave))
    url = reverse("publication:results", args=[cast.ngoc_ha.pk])
    client = cast.client(None)
    for _ in range(3):  # cached after the first, still counted (once: the same visitor)
        assert client.get(url, HTTP_USER_AGENT=PHONE_UA).status_code == 200
    assert client.get(url, HTTP_USER_AGENT="Googlebot/2.1").status_code == 200
    assert visitors.total_visits(cast.ngoc_ha.pk) == 1
    visitors.store().clear()
