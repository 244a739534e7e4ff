"""The demo gives Vĩnh Phúc and Ngọc Hà their public sites: articles (with the 2023 results
report), albums of drawn photos and promoted campaign evidence, a visit history; idempotent."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction
from django.test import Client, override_settings
from django.utils import timezone

from hailong.accounts import demo as accounts_demo
from hailong.campaigns import demo as campaigns_demo
from hailong.core.demo import DemoContext
from hailong.portal import demo as portal_demo
from hailong.portal.models import Album, Article, Photo, VisitDay
from hailong.surveys import demo as surveys_demo
from hailong.units import demo as units_demo


@pytest.fixture(scope="module")
def seeded(
    django_db_setup: None, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[DemoContext]:
    media = tmp_path_factory.mktemp("media")
    with (
        override_settings(MEDIA_ROOT=media),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        ctx = DemoContext(log=lambda _msg: None)
        for module in (units_demo, accounts_demo, surveys_demo, campaigns_demo, portal_demo):
            module.seed(ctx)
        yield ctx
        transaction.set_rollback(True)


def test_vinh_phuc_has_its_2023_articles_with_the_results_report(
    seeded: DemoContext, db: None
) -> None:
    ward = seeded.objects["vinh_phuc"]
    titles = list(Article.objects.filter(unit=ward).values_list("title", flat=True))
    assert len(titles) == 5
    assert "Báo cáo kết quả khảo sát mức độ hài lòng năm 2023" in titles
    assert all(a.image_id for a in Article.objects.filter(unit=ward))


def test_ngoc_ha_has_a_scheduled_article_hidden_from_the_public(
    seeded: DemoContext, db: None
) -> None:
    ward = seeded.objects["ngoc_ha"]
    future = Article.objects.get(unit=ward, publish_at__gt=timezone.now())
    response = Client().get(f"/trang/{ward.pk}/tin-bai/{future.pk}/")
    assert response.status_code == 404


def test_the_gallery_has_drawn_photos_and_promoted_evidence(seeded: DemoContext, db: None) -> None:
    ward = seeded.objects["vinh_phuc"]
    assert Album.objects.filter(unit=ward).count() == 3
    promoted = Photo.objects.filter(album__unit=ward, evidence__isnull=False)
    assert promoted.exists()
    assert all(p.widths[-1] <= 1280 for p in Photo.objects.all())


def test_there_is_a_visit_history(seeded: DemoContext, db: None) -> None:
    total = sum(
        VisitDay.objects.filter(unit=seeded.objects["vinh_phuc"]).values_list("visits", flat=True)
    )
    assert total > 150_000


def test_seeding_twice_adds_nothing(seeded: DemoContext, db: None) -> None:
    counts = (
        Article.objects.count(),
        Album.objects.count(),
        Photo.objects.count(),
        VisitDay.objects.count(),
    )
    portal_demo.seed(seeded)
    again = (
        Article.objects.count(),
        Album.objects.count(),
        Photo.objects.count(),
        VisitDay.objects.count(),
    )
    assert again == counts


def test_the_demo_pages_answer(seeded: DemoContext, db: None) -> None:
    client = Client()
    for _label, path in seeded.urls:
        if path.startswith("/trang/"):
            assert client.get(path).status_code == 200, path
