"""The page that starts the SIPAS report: pick the wave, edit the prefilled text, generate."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from hailong.reports.models import ReportJob
from hailong.surveys.models import SurveyWave
from tests.action_data import answered_wave
from tests.conftest import Cast


@pytest.fixture
def wave(cast: Cast) -> SurveyWave:
    return answered_wave(cast.ngoc_ha, c11=(5, 4, 2))


def url(cast: Cast) -> str:
    return reverse("performance:sipas_report", args=[cast.ngoc_ha.pk])


def form_data(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "date": "15/12/2026",
        "number": "125/BC-UBND",
        "formats": ["pdf", "docx"],
        "text_purpose": "Mục đích do văn phòng viết lại.",
        "text_causes": "Nguyên nhân chủ quan: thiếu ghế chờ.\r\n- Phòng chờ chật",
    }
    data.update(changes)
    return data


@pytest.mark.parametrize("who", ["alice", "bob"])
def test_the_form_is_prefilled_from_the_figures(cast: Cast, wave: SurveyWave, who: str) -> None:
    page = cast.client(getattr(cast, who)).get(url(cast))
    body = page.content.decode()
    assert page.status_code == 200
    assert "đạt 98,33% (3 phiếu hợp lệ)" in body
    assert "- Nơi ngồi chờ giải quyết thủ tục hành chính có đủ chỗ ngồi (66,67%, 3 ý kiến)" in body
    assert f'<option value="dot-{wave.pk}" selected>' in body


def test_posting_starts_one_job_per_format_with_the_edited_text(
    cast: Cast, wave: SurveyWave
) -> None:
    response = cast.client(cast.alice).post(url(cast), form_data())
    assert response["Location"] == reverse("reports:list", args=[cast.ngoc_ha.pk])
    jobs = ReportJob.objects.order_by("format")
    assert [j.format for j in jobs] == ["docx", "pdf"]
    params = jobs[0].params
    assert params["scope"] == f"dot-{wave.pk}"
    assert (params["date"], params["number"]) == ("15/12/2026", "125/BC-UBND")
    assert params["narrative"]["purpose"] == "Mục đích do văn phòng viết lại."
    assert params["narrative"]["causes"] == "Nguyên nhân chủ quan: thiếu ghế chờ.\n- Phòng chờ chật"
    assert params["narrative"]["results"] == ""  # left empty: the prefilled text is used


def test_a_format_must_be_chosen(cast: Cast, wave: SurveyWave) -> None:
    response = cast.client(cast.alice).post(url(cast), form_data(formats=[]))
    assert response.status_code == 400
    assert not ReportJob.objects.exists()


def test_an_unknown_period_is_said_so(cast: Cast, wave: SurveyWave) -> None:
    body = cast.client(cast.alice).get(url(cast), {"ky": "dot-0"}).content.decode()
    assert "Không tìm thấy kỳ báo cáo" in body


def test_a_ward_without_waves_is_told_so(cast: Cast) -> None:
    body = cast.client(cast.alice).get(url(cast)).content.decode()
    assert "chưa có đợt khảo sát nào để báo cáo" in body


def test_outsiders_and_provinces_get_404(cast: Cast, wave: SurveyWave) -> None:
    assert cast.client(cast.charlie).get(url(cast)).status_code == 404
    province = reverse("performance:sipas_report", args=[cast.hanoi.pk])
    assert cast.client(cast.carol).get(province).status_code == 404
