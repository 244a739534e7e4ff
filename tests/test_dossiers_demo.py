"""The demo gives Vĩnh Phúc a realistic 2023 of dossiers and ratings, and Ngọc Hà 2025–2026."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db.models import Count

from hailong.core.demo import DemoContext, run_seeders
from hailong.dossiers.models import Dossier, DossierRating, RatingLevel


@pytest.fixture
def ctx(db: None) -> DemoContext:
    return run_seeders(DemoContext(log=lambda _msg: None))


def test_vinh_phuc_gets_a_realistic_year_of_returned_dossiers(ctx: DemoContext) -> None:
    dossiers = Dossier.objects.filter(unit=ctx.objects["vinh_phuc"])
    total = dossiers.count()
    assert 2000 <= total <= 6000
    assert set(dossiers.values_list("received_on__year", flat=True).distinct()) == {2023}
    assert not dossiers.filter(returned_on__isnull=True).exists()
    assert 0.05 <= dossiers.filter(on_time=False).count() / total <= 0.08
    by_field = dict(
        dossiers.values_list("procedure__field__name").annotate(n=Count("id")).order_by()
    )
    top_two = sorted(by_field, key=by_field.__getitem__, reverse=True)[:2]
    assert set(top_two) == {"Chứng thực", "Hộ tịch"}
    assert dossiers.exclude(officer=None).count() == total


def test_most_ratings_are_satisfied_and_every_unhappy_one_has_a_reason(ctx: DemoContext) -> None:
    ratings = DossierRating.objects.filter(unit=ctx.objects["vinh_phuc"])
    total = ratings.count()
    rated_share = total / Dossier.objects.filter(unit=ctx.objects["vinh_phuc"]).count()
    assert 0.4 <= rated_share <= 0.7
    unhappy = ratings.filter(level=RatingLevel.NOT_SATISFIED)
    assert 0 < unhappy.count() / total < 0.1
    assert not unhappy.filter(reason="").exists()
    assert ratings.filter(rated_at__gte=dt.datetime(2024, 1, 1, tzinfo=dt.UTC)).exists()


def test_ngoc_ha_gets_dossiers_since_july_2025_and_a_public_rating_link(ctx: DemoContext) -> None:
    dossiers = Dossier.objects.filter(unit=ctx.objects["ngoc_ha"])
    assert dossiers.count() > 1000
    assert min(dossiers.values_list("received_on", flat=True)) >= dt.date(2025, 7, 1)
    token = ctx.objects["dossier_rating_point"].token
    assert any(path == f"/danh-gia/{token}/" for _what, path in ctx.urls)


def test_seeding_again_adds_nothing(ctx: DemoContext) -> None:
    counts = (Dossier.objects.count(), DossierRating.objects.count())
    run_seeders(DemoContext(log=lambda _msg: None))
    assert (Dossier.objects.count(), DossierRating.objects.count()) == counts
