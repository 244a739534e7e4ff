"""Breakdowns, trends, sample progress and per-dossier satisfaction on the ward dashboard."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from hailong.dossiers.models import Dossier, DossierRating, Procedure, ProcedureField, RatingLevel
from hailong.indices import dashboard, dossier_stats
from hailong.indices import selectors as sel
from tests.conftest import Cast
from tests.test_indices_factories import answer, dashboard_url, get
from tests.test_responses_factories import SIPAS_2017, open_wave


def test_the_channel_breakdown_comes_from_the_aggregates(cast: Cast) -> None:
    wave = open_wave(cast.ngoc_ha, SIPAS_2017)
    answer(wave, 5)
    answer(wave, 1, channel="kiosk")
    page = get(cast.client(cast.alice), dashboard_url(cast.ngoc_ha)).context["page"]
    by_key = {c.key: c for c in page.breakdown.categories}
    assert by_key["web"].n == 1
    assert by_key["web"].overall == pytest.approx(100.0)
    assert by_key["kiosk"].n == 1
    assert by_key["kiosk"].overall == pytest.approx(0.0)


def test_a_demographic_cross_tab_reads_the_respondent_part(cast: Cast) -> None:
    wave = open_wave(cast.ngoc_ha, SIPAS_2017)
    answer(wave, 5, gender=1)
    answer(wave, 4, gender=2)
    answer(wave, 2, gender=2)
    response = get(cast.client(cast.alice), dashboard_url(cast.ngoc_ha, phan_tich="gender"))
    categories = {c.label: c for c in response.context["page"].breakdown.categories}
    assert categories["Nam"].n == 1
    assert categories["Nam"].overall == pytest.approx(100.0)
    assert categories["Nữ"].n == 2
    assert categories["Nữ"].overall == pytest.approx(50.0)


def test_the_trend_groups_days_into_periods(cast: Cast) -> None:
    wave = open_wave(cast.ngoc_ha, SIPAS_2017)
    answer(wave, 5)
    answer(wave, 1)
    points = dashboard.trend_periods(
        unit=cast.ngoc_ha, wave=wave, filters=sel.Filters(), grain="year"
    )
    assert len(points) == 1
    assert points[0].n == 2
    assert points[0].overall == pytest.approx(50.0)
    assert dashboard.period_label(dt.date(2025, 8, 1), "quarter") == "Quý III/2025"


def test_the_trend_across_waves_maps_the_predecessor_through_its_share(cast: Cast) -> None:
    from hailong.units.models import UnitSuccession

    UnitSuccession.objects.filter(predecessor=cast.vinh_phuc).update(share="0.5")
    old = open_wave(cast.vinh_phuc, SIPAS_2017, name="Đợt cũ")
    for _ in range(4):
        answer(old, 5)
    new = open_wave(cast.ngoc_ha, SIPAS_2017)
    answer(new, 1)
    points = dashboard.trend_waves(unit=cast.ngoc_ha, filters=sel.Filters())
    assert [p.n for p in points] == [pytest.approx(2.0), pytest.approx(1.0)] or [
        p.n for p in points
    ] == [pytest.approx(1.0), pytest.approx(2.0)]
    assert any("Phường Vĩnh Phúc" in p.note for p in points)


def test_sample_progress_counts_against_the_target(cast: Cast) -> None:
    wave = open_wave(cast.ngoc_ha, SIPAS_2017)
    for _ in range(3):
        answer(wave, 5)
    progress = dashboard.sample_progress(wave)
    assert (progress.target, progress.valid) == (100, 3)
    assert progress.percent == pytest.approx(3.0)


def test_dossier_satisfaction_counts_by_rating_date_in_sql(cast: Cast) -> None:
    field = ProcedureField.objects.create(code="HT", name="Hộ tịch")
    procedure = Procedure.objects.create(code="1.001193", name="Đăng ký khai sinh", field=field)
    now = timezone.now()
    levels = [RatingLevel.VERY_SATISFIED, RatingLevel.SATISFIED, RatingLevel.NOT_SATISFIED]
    for n, level in enumerate(levels):
        dossier = Dossier.objects.create(
            unit=cast.ngoc_ha,
            code=f"H-{n}",
            procedure=procedure,
            received_on=dt.date(2020, 1, 1),  # created long ago: the rating date counts
            due_on=dt.date(2020, 1, 5),
            returned_on=dt.date(2020, 1, 5),
        )
        DossierRating.objects.create(
            dossier=dossier,
            level=level,
            reason="Chậm" if level == RatingLevel.NOT_SATISFIED else "",
            rated_at=now,
            channel="web",
            unit=cast.ngoc_ha,
            procedure=procedure,
            field=field,
        )
    rows = dossier_stats.ratings(cast.ngoc_ha, timezone.localdate(), None)
    total = dossier_stats.total(rows)
    assert (total.rated, total.satisfied) == (3, 2)
    assert dossier_stats.by_dimension(rows, "field")[0].label == "Hộ tịch"
    assert [r.rated for r in dossier_stats.by_period(rows, "month")] == [3]
    assert (
        dossier_stats.total(dossier_stats.ratings(cast.ngoc_ha, None, dt.date(2021, 1, 1))).rated
        == 0
    )


def test_the_page_computes_its_figures_and_periods_from_one_pass_that_agrees(cast: Cast) -> None:
    wave = open_wave(cast.ngoc_ha, SIPAS_2017)
    for value in (5, 4, 2):
        answer(wave, value)
    answer(wave, 1, channel="kiosk")
    filters = sel.Filters(channels=("web",))
    figures, points = dashboard.figures_and_periods(
        unit=cast.ngoc_ha, wave=wave, filters=filters, grain="month"
    )
    alone = dashboard.ward_figures(unit=cast.ngoc_ha, wave=wave, filters=filters)
    assert figures.raw == alone.raw
    assert sum(p.n for p in points) == alone.headline.n == 3
