"""Nothing is public until a leader publishes; published figures are frozen; a correction
supersedes the previous snapshot and says so, and the old one stays readable."""

from __future__ import annotations

import io

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse
from PIL import Image

from hailong.core.errors import ServiceError
from hailong.publication import services
from hailong.publication.models import Snapshot
from hailong.publication.selectors import latest_snapshot
from tests.conftest import Cast
from tests.publication_data import add_responses, scope_key, ward_wave

pytestmark = pytest.mark.usefixtures("fresh_cache")


def _public_urls(pk: int) -> list[str]:
    return [
        reverse("publication:results", args=[pk]),
        reverse("publication:embed", args=[pk]),
        reverse("publication:results_json", args=[pk]),
        reverse("publication:results_png", args=[pk]),
    ]


@override_settings(HAILONG_SMALL_CELL_THRESHOLD=3)
def test_nothing_is_public_before_a_leader_publishes(cast: Cast) -> None:
    ward_wave(cast.ngoc_ha)
    client = cast.client(None)
    for url in _public_urls(cast.ngoc_ha.pk):
        response = client.get(url)
        assert response.status_code == 404, url
        assert b"75,00" not in response.content
    assert latest_snapshot(cast.ngoc_ha) is None


@override_settings(HAILONG_SMALL_CELL_THRESHOLD=3)
def test_published_figures_stay_frozen_while_the_draft_moves_on(cast: Cast) -> None:
    wave = ward_wave(cast.ngoc_ha, (5, 5, 4, 2))  # 3 of 4 satisfied on every item: 75 %
    snapshot = services.snapshot_publish(
        actor=cast.alice, unit=cast.ngoc_ha, scope_key=scope_key(wave)
    )
    assert snapshot.figures["overall"]["value"] == pytest.approx(75.0)
    add_responses(wave, (1, 1, 1, 1))  # live figures drop to 37,5 %
    cache.clear()
    client = cast.client(None)
    page = client.get(reverse("publication:results", args=[cast.ngoc_ha.pk]))
    assert page.status_code == 200
    body = page.content.decode()
    assert "75,00" in body
    assert "37,50" not in body
    data = client.get(reverse("publication:results_json", args=[cast.ngoc_ha.pk])).json()
    assert data["results"]["overall"]["value"] == pytest.approx(75.0)
    assert data["results"]["overall"]["n"] == 4
    embed = client.get(reverse("publication:embed", args=[cast.ngoc_ha.pk])).content.decode()
    assert "75,00" in embed
    assert "37,50" not in embed
    png = client.get(reverse("publication:results_png", args=[cast.ngoc_ha.pk]))
    assert Image.open(io.BytesIO(png.content)).size == (1200, 630)
    draft = cast.client(cast.bob).get(
        reverse("publication:preview", args=[cast.ngoc_ha.pk]) + f"?pham_vi={scope_key(wave)}"
    )
    assert draft.status_code == 200
    text = draft.content.decode()
    assert "BẢN NHÁP" in text
    assert "37,50" in text
    assert draft["Cache-Control"] == "private, no-store"


@override_settings(HAILONG_SMALL_CELL_THRESHOLD=3)
def test_a_correction_needs_a_reason_supersedes_and_says_so(cast: Cast) -> None:
    wave = ward_wave(cast.ngoc_ha, (5, 5, 4, 2))
    first = services.snapshot_publish(
        actor=cast.alice, unit=cast.ngoc_ha, scope_key=scope_key(wave)
    )
    add_responses(wave, (5, 5, 5, 5))
    with pytest.raises(ServiceError):
        services.snapshot_publish(actor=cast.alice, unit=cast.ngoc_ha, scope_key=scope_key(wave))
    second = services.snapshot_publish(
        actor=cast.alice,
        unit=cast.ngoc_ha,
        scope_key=scope_key(wave),
        note="Bổ sung 4 phiếu giấy nhập muộn.",
    )
    assert second.corrects_id == first.pk
    assert latest_snapshot(cast.ngoc_ha) == second
    client = cast.client(None)
    latest = client.get(reverse("publication:results", args=[cast.ngoc_ha.pk])).content.decode()
    date = f"{second.published_at:%d/%m/%Y}"
    assert f"Đã đính chính ngày {date}" in latest
    assert "Bổ sung 4 phiếu giấy nhập muộn." in latest
    assert "87,50" in latest
    old = client.get(reverse("publication:results_snapshot", args=[cast.ngoc_ha.pk, first.pk]))
    assert old.status_code == 200
    assert "Bản này đã được thay thế" in old.content.decode()
    assert "75,00" in old.content.decode()
    data = client.get(
        reverse("publication:results_json_snapshot", args=[cast.ngoc_ha.pk, first.pk])
    ).json()
    assert data["publication"]["replaced_by"] == second.pk


def test_a_published_snapshot_cannot_be_changed(cast: Cast) -> None:
    wave = ward_wave(cast.ngoc_ha)
    snapshot = services.snapshot_publish(
        actor=cast.alice, unit=cast.ngoc_ha, scope_key=scope_key(wave)
    )
    snapshot.figures = {}
    with pytest.raises(ServiceError):
        snapshot.save()
    assert Snapshot.objects.get(pk=snapshot.pk).figures["overall"]["n"] == 4
