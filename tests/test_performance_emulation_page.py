"""The emulation ranking page: aggregates only, the minimum n, the rules, scope, export."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.urls import reverse

from hailong.performance import sources
from hailong.performance.ranking import Score
from hailong.reports.models import ReportJob
from hailong.units.models import AdministrativeUnit
from tests.conftest import Cast
from tests.emulation_data import REASON, Ward, rated_ward


@pytest.fixture
def ward(cast: Cast) -> Ward:
    return rated_ward(cast)


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def page(cast: Cast, user: str = "alice", **query: str) -> str:
    url = reverse("performance:emulation", args=[cast.ngoc_ha.pk])
    response = cast.client(getattr(cast, user)).get(url, query)
    assert response.status_code == 200
    return response.content.decode()


def test_the_default_period_is_the_year_of_the_latest_rating(cast: Cast, ward: Ward) -> None:
    with time_machine.travel(dt.datetime(2027, 2, 1, 9, tzinfo=dt.UTC)):
        assert "01/01/2026 – 31/12/2026" in page(cast)
    with time_machine.travel(dt.datetime(2026, 6, 15, 9, tzinfo=dt.UTC)):
        assert "01/01/2026 – 15/06/2026" in page(cast)  # this year: up to today


def test_a_few_january_ratings_do_not_make_the_new_year_the_default(cast: Cast, ward: Ward) -> None:
    from hailong.dossiers.models import DossierRating

    DossierRating.objects.filter(officer=ward.anh).update(
        rated_at=dt.datetime(2027, 1, 3, 9, tzinfo=dt.UTC)
    )  # 12 ratings in 2027, 40 in 2026
    with time_machine.travel(dt.datetime(2027, 2, 1, 9, tzinfo=dt.UTC)):
        assert "01/01/2026 – 31/12/2026" in page(cast)


def test_officers_are_ranked_by_share_and_the_small_and_silent_are_not(
    cast: Cast, ward: Ward
) -> None:
    body = page(cast, tu_ngay="01/01/2026", den_ngay="31/12/2026", toi_thieu="30")
    assert "90,00" in body  # Huy 36/40; the 31/12/2025 23:30 rating belongs to 2025
    assert "90,38" in body  # the one-stop department 47/52
    assert "91,67" not in body  # Anh: 12 ratings, under 30: share not shown
    assert body.count("chưa đủ số đánh giá để xếp hạng") == 1
    assert "chưa có đánh giá" in body  # Nam and the justice department
    assert "100,00" not in body
    assert ">0,00<" not in body


def test_a_lower_minimum_ranks_the_smaller_record(cast: Cast, ward: Ward) -> None:
    body = page(cast, tu_ngay="01/01/2026", den_ngay="31/12/2026", toi_thieu="10")
    assert "91,67" in body


def test_the_minimum_cannot_go_under_the_small_cell_threshold(cast: Cast, ward: Ward) -> None:
    body = page(cast, tu_ngay="01/01/2026", den_ngay="31/12/2026", toi_thieu="3")
    assert "Tối thiểu 10 đánh giá" in body
    assert "91,67" not in body


def test_a_period_ending_before_it_starts_is_refused(cast: Cast, ward: Ward) -> None:
    body = page(cast, tu_ngay="31/12/2026", den_ngay="01/01/2026", toi_thieu="30")
    assert "Ngày kết thúc phải sau ngày bắt đầu" in body


def test_the_rules_are_written_on_the_page(cast: Cast, ward: Ward) -> None:
    body = page(cast)
    assert "Chỉ xếp hạng khi có từ 30 hồ sơ được đánh giá trở lên" in body
    assert "Wilson" in body
    assert "thời điểm người dân đánh giá" in body


@pytest.mark.parametrize("user", ["oscar", "bob"])
def test_colleagues_see_aggregates_but_no_dossier_or_reason(
    cast: Cast, ward: Ward, user: str
) -> None:
    body = page(cast, user, tu_ngay="01/01/2026", den_ngay="31/12/2026", toi_thieu="10")
    assert "Vũ Thị Ngọc Anh" in body
    assert REASON not in body
    assert not any(code in body for code in ward.codes)
    assert "/ho-so/" not in body


def test_an_outsider_gets_nothing(cast: Cast, ward: Ward) -> None:
    url = reverse("performance:emulation", args=[cast.ngoc_ha.pk])
    assert cast.client(cast.charlie).get(url).status_code == 404


def test_the_ranking_is_for_commune_level_units(cast: Cast) -> None:
    url = reverse("performance:emulation", args=[cast.hanoi.pk])
    assert cast.client(cast.carol).get(url).status_code == 404


@pytest.fixture
def no_sources() -> Iterator[None]:
    """No emulation source registered (as this app ships; the campaign app may add one)."""
    saved = dict(sources.SOURCES)
    sources.SOURCES.clear()
    yield
    sources.SOURCES.update(saved)


def test_without_a_registered_source_the_page_says_groups_are_not_ranked_yet(
    cast: Cast, ward: Ward, no_sources: None
) -> None:
    assert "Chưa có nguồn điểm nào cho tổ dân phố" in page(cast)


class FakeCampaign:
    key = "test-campaign"
    label = "Công tác tuyên truyền (thử)"
    rules = "Một điểm cho mỗi buổi họp tổ có tuyên truyền."

    def scores(self, unit: AdministrativeUnit, start: dt.date, end: dt.date) -> Iterable[Score]:
        group = unit.children.get()
        return [Score(group.pk, group.name, 7.5)]


@pytest.fixture
def campaign() -> Iterator[None]:
    sources.register(FakeCampaign())
    yield
    sources.unregister(FakeCampaign.key)


def test_a_registered_source_ranks_the_residential_groups(
    cast: Cast, ward: Ward, no_sources: None, campaign: None
) -> None:
    body = page(cast)
    assert "Công tác tuyên truyền (thử)" in body
    assert "Tổ dân phố số 1" in body
    assert "7,50" in body
    assert "Một điểm cho mỗi buổi họp tổ" in body


def test_the_page_costs_a_fixed_number_of_queries(
    cast: Cast, ward: Ward, no_sources: None, django_assert_max_num_queries: Callable[..., Any]
) -> None:
    client = cast.client(cast.alice)
    url = reverse("performance:emulation", args=[cast.ngoc_ha.pk])
    client.get(url)
    with django_assert_max_num_queries(12):
        client.get(url, {"tu_ngay": "01/01/2026", "den_ngay": "31/12/2026", "toi_thieu": "10"})


@pytest.mark.parametrize("user", ["alice", "bob"])
def test_exporting_starts_a_report_job_with_the_period_and_minimum(
    cast: Cast, ward: Ward, user: str
) -> None:
    url = reverse("performance:emulation_export", args=[cast.ngoc_ha.pk])
    data = {"tu_ngay": "01/01/2026", "den_ngay": "31/12/2026", "toi_thieu": "10"}
    response = cast.client(getattr(cast, user)).post(url, {**data, "output_format": "csv"})
    job = ReportJob.objects.get()
    assert response["Location"] == reverse("reports:status", args=[cast.ngoc_ha.pk, job.pk])
    assert (job.kind, job.format) == ("emulation_ranking", "csv")
    assert job.params == {"start": "01/01/2026", "end": "31/12/2026", "min_n": 10}


def test_exporting_is_refused_to_an_outsider(cast: Cast, ward: Ward) -> None:
    url = reverse("performance:emulation_export", args=[cast.ngoc_ha.pk])
    response = cast.client(cast.charlie).post(url, {"output_format": "csv"})
    assert response.status_code == 404
    assert not ReportJob.objects.exists()
