"""Embeds may be framed by any site and read from any origin; the rest of the site may not be
framed. The JSON has the documented shape; the image is a real PNG."""

from __future__ import annotations

import io

import pytest
from django.test import override_settings
from django.urls import reverse
from PIL import Image

from hailong.publication import services
from tests.conftest import Cast
from tests.publication_data import scope_key, ward_wave

pytestmark = pytest.mark.usefixtures("fresh_cache")


@pytest.fixture
def published(cast: Cast) -> Cast:
    with override_settings(HAILONG_SMALL_CELL_THRESHOLD=3):
        wave = ward_wave(cast.ngoc_ha)
        services.snapshot_publish(actor=cast.alice, unit=cast.ngoc_ha, scope_key=scope_key(wave))
    return cast


def test_the_embed_card_can_be_framed_but_the_results_page_cannot(published: Cast) -> None:
    client = published.client(None)
    embed = client.get(reverse("publication:embed", args=[published.ngoc_ha.pk]))
    assert embed.status_code == 200
    assert "X-Frame-Options" not in embed
    assert "frame-ancestors *" in embed["Content-Security-Policy"]
    page = client.get(reverse("publication:results", args=[published.ngoc_ha.pk]))
    assert page["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in page["Content-Security-Policy"]


def test_the_json_has_the_documented_shape_and_allows_any_origin(published: Cast) -> None:
    response = published.client(None).get(
        reverse("publication:results_json", args=[published.ngoc_ha.pk])
    )
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Content-Type"].startswith("application/json")
    data = response.json()
    assert set(data) == {"publication", "results", "history"}
    assert set(data["publication"]) >= {"id", "url", "published_at", "corrects", "replaced_by"}
    results = data["results"]
    assert set(results) >= {
        "schema", "unit", "scope", "method", "threshold", "overall", "parts", "elements",
        "items", "perception", "priority", "trend", "city", "dossiers", "actions", "comments",
    }  # fmt: skip
    assert set(results["overall"]) == {"value", "n", "suppressed", "ci95"}
    assert results["unit"]["name"] == "Phường Ngọc Hà"
    assert results["method"]["label"] == "ward-short-2026 v1"
    item = results["items"][0]
    assert set(item) >= {"code", "element", "text", "value", "n", "suppressed", "ci95", "mean"}
    assert set(item["text"]) == {"vi", "en"}


def test_the_image_is_a_png_sized_for_a_zalo_post(published: Cast) -> None:
    for lang in ("vi", "en"):
        response = published.client(None).get(
            reverse("publication:results_png", args=[published.ngoc_ha.pk]) + f"?lang={lang}"
        )
        assert response["Content-Type"] == "image/png"
        assert response.content[:8] == b"\x89PNG\r\n\x1a\n"
        image = Image.open(io.BytesIO(response.content))
        image.verify()
        assert image.size == (1200, 630)


def test_the_english_page_uses_the_methods_english_words(published: Cast) -> None:
    body = published.client(None).get(
        reverse("publication:results", args=[published.ngoc_ha.pk]) + "?lang=en"
    )
    assert body.status_code == 200
    assert 'lang="en"' in body.content.decode()
