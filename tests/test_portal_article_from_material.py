"""A campaign article draft (materials) becomes a draft article of the ward's site, once."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.urls import reverse

from hailong.campaigns.models import Material
from hailong.campaigns.services import material_create
from hailong.campaigns.testing import ward_plan
from hailong.portal import services
from hailong.portal.models import Article, ArticleStatus
from hailong.portal.testing import jpeg_bytes
from tests.conftest import Cast


@pytest.fixture(autouse=True)
def media(settings: object, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path  # type: ignore[attr-defined]


def _material(cast: Cast) -> Material:
    plan = ward_plan(cast.ngoc_ha, drafter=cast.cindy, approver=cast.alice)
    return material_create(actor=cast.cindy, plan=plan, kind="article")


def test_the_draft_becomes_a_draft_article_once(cast: Cast) -> None:
    material = _material(cast)
    client = cast.client(cast.cindy)
    page = client.get(reverse("portal:staff_articles", args=[cast.ngoc_ha.pk])).content.decode()
    assert material.title in page
    assert "Tạo tin bài nháp" in page
    url = reverse("portal:staff_article_from_material", args=[material.pk])
    first = client.post(url)
    second = client.post(url)
    article = Article.objects.get()
    assert (
        first["Location"]
        == second["Location"]
        == reverse("portal:staff_article", args=[article.pk])
    )
    assert article.status == ArticleStatus.DRAFT
    assert article.material_id == material.pk
    assert article.title == material.title
    assert "<script" not in article.body_html


def test_the_viewer_and_the_outsider_cannot_make_one(cast: Cast) -> None:
    material = _material(cast)
    url = reverse("portal:staff_article_from_material", args=[material.pk])
    assert cast.client(cast.bob).post(url).status_code == 403
    assert cast.client(cast.charlie).post(url).status_code == 404
    assert not Article.objects.exists()


def test_the_service_takes_image_bytes_and_cleans_the_body(cast: Cast) -> None:
    article = services.article_create_from_draft(
        actor=cast.cindy,
        unit=cast.ngoc_ha,
        draft={
            "title": "Kết quả khảo sát",
            "summary": "",
            "body_html": "<p>Chỉ số hài lòng 90%.</p><script>x()</script>",
            "image_bytes": jpeg_bytes(1200, 630),
        },
    )
    assert article.body_html == "<p>Chỉ số hài lòng 90%.</p>"
    assert article.summary == "Chỉ số hài lòng 90%."
    assert article.image is not None
    assert article.image.widths == [320, 640, 1200]
