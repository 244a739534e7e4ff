"""Figures from fewer answers than the configured threshold never enter a snapshot, and the
public page says why a cell is empty."""

from __future__ import annotations

import pytest
from django.test import override_settings
from django.urls import reverse

from hailong.publication import services
from tests.conftest import Cast
from tests.publication_data import scope_key, ward_wave

pytestmark = pytest.mark.usefixtures("fresh_cache")


@override_settings(HAILONG_SMALL_CELL_THRESHOLD=10)
def test_below_the_threshold_nothing_but_n_is_stored_or_shown(cast: Cast) -> None:
    wave = ward_wave(cast.ngoc_ha, (5, 5, 4, 2))
    snapshot = services.snapshot_publish(
        actor=cast.alice, unit=cast.ngoc_ha, scope_key=scope_key(wave)
    )
    figures = snapshot.figures
    assert figures["threshold"] == 10
    assert figures["overall"] == {"value": None, "n": 4, "suppressed": True, "ci95": None}
    assert all(e["value"] is None and e["suppressed"] for e in figures["elements"])
    assert all(i["value"] is None and i["ci95"] is None for i in figures["items"])
    assert all(p["value"] is None for p in figures["trend"]["periods"])
    body = cast.client(None).get(reverse("publication:results", args=[cast.ngoc_ha.pk]))
    text = body.content.decode()
    assert "dưới ngưỡng 10 phiếu" in text
    assert "75,00" not in text


@override_settings(HAILONG_SMALL_CELL_THRESHOLD=4)
def test_at_the_threshold_the_figures_are_published(cast: Cast) -> None:
    wave = ward_wave(cast.ngoc_ha, (5, 5, 4, 2))
    snapshot = services.snapshot_publish(
        actor=cast.alice, unit=cast.ngoc_ha, scope_key=scope_key(wave)
    )
    assert snapshot.figures["overall"]["value"] == pytest.approx(75.0)
    assert snapshot.figures["overall"]["suppressed"] is False
    low, high = snapshot.figures["overall"]["ci95"]
    assert low < 75 < high
    assert all(i["value"] == pytest.approx(75.0) for i in snapshot.figures["items"])
