"""Exports of responses, indices and rankings: persisted jobs that write honest, safe files."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from django.test import override_settings

from hailong.core.errors import PermissionDenied, ServiceError
from hailong.jobs.base import JobStatus
from hailong.reports.models import ReportJob
from tests.conftest import Cast
from tests.test_indices_factories import answer
from tests.test_indices_ranking_order import wave_2023
from tests.test_responses_factories import SHORT, SIPAS_2017, open_wave


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def export(cast: Cast, user: Any, query: str = "", **data: Any) -> ReportJob:
    """POST the dashboard's export form, then run the job it started (as a worker would)."""
    url = f"/staff/don-vi/{cast.ngoc_ha.pk}/chi-so/xuat/" + (f"?{query}" if query else "")
    response = cast.client(user).post(url, {"loai": "survey_responses", "dinh_dang": "csv", **data})
    assert response.status_code == 302
    job = ReportJob.objects.latest("pk")
    assert job.run()
    job.refresh_from_db()
    assert job.status == JobStatus.COMPLETE, job.error
    return job


def csv_rows(job: ReportJob) -> list[list[str]]:
    text = job.output.open("rb").read().decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))


def test_a_responses_csv_has_method_filters_header_and_one_row_per_response(cast: Cast) -> None:
    wave = open_wave(cast.ngoc_ha, SIPAS_2017)
    answer(wave, 5)
    answer(wave, 2, channel="kiosk")
    job = export(cast, cast.alice, "kenh=kiosk")
    rows = csv_rows(job)
    assert rows[0] == ["# Phương pháp: sipas-2017 v1"]
    assert any("Kênh: Máy tính bảng tại một cửa" in r[0] for r in rows[1:4])
    header = next(r for r in rows if r and r[0] == "Mã phiếu")
    data = rows[rows.index(header) + 1 :]
    assert len(data) == 1
    assert header[:7] == [
        "Mã phiếu",
        "Ngày gửi",
        "Kênh",
        "Nguồn",
        "Đối tượng",
        "Hình thức giao dịch",
        "Trạng thái",
    ]
    assert "C1.1" in header
    assert data[0][header.index("C1.1")] == "2"


def test_a_responses_file_is_anonymous_and_leaves_free_text_out_by_default(cast: Cast) -> None:
    from hailong.responses.services import ContactDetails

    wave = open_wave(cast.ngoc_ha, SHORT)
    contact = ContactDetails("Trần Bí Mật", "0987654321", "x@example.vn", "Gọi tôi", "Đồng ý")
    answer(wave, 5, contact=contact)
    text = job_text(export(cast, cast.bob))
    for secret in ("Trần Bí Mật", "0987654321", "x@example.vn", "Gọi tôi", "Chứng thực bản sao"):
        assert secret not in text
    assert "Không gồm câu trả lời tự do" in text


def job_text(job: ReportJob) -> str:
    return job.output.open("rb").read().decode("utf-8")


def test_free_text_needs_the_publish_permission(cast: Cast) -> None:
    wave = open_wave(cast.ngoc_ha, SHORT)
    answer(wave, 5, text='=HYPERLINK("http://x")')
    with_text = job_text(export(cast, cast.alice, co_van_ban="on"))
    assert "'=HYPERLINK" in with_text  # free text, neutralised against formula injection
    assert "=HYPERLINK" not in with_text.replace("'=HYPERLINK", "")
    before = ReportJob.objects.count()
    url = f"/staff/don-vi/{cast.ngoc_ha.pk}/chi-so/xuat/"
    refused = cast.client(cast.bob).post(
        url, {"loai": "survey_responses", "dinh_dang": "csv", "co_van_ban": "on"}
    )
    assert refused.status_code == 302
    assert ReportJob.objects.count() == before
    from hailong.indices.services import index_export_start

    with pytest.raises(PermissionDenied):
        index_export_start(
            actor=cast.bob,
            unit=cast.ngoc_ha,
            kind="survey_responses",
            output_format="csv",
            params={"wave": wave.pk},
            free_text=True,
        )


def test_an_xlsx_of_indices_has_the_meta_sheet_and_numbers(cast: Cast) -> None:
    wave = open_wave(cast.ngoc_ha, SIPAS_2017)
    for value in (5, 4, 1):
        answer(wave, value)
    job = export(cast, cast.alice, "", loai="unit_indices", dinh_dang="xlsx")
    book = openpyxl.load_workbook(job.output.open("rb"), read_only=True)
    data, info = book.worksheets
    rows = list(data.iter_rows(values_only=True))
    assert rows[0][:5] == (
        "Cấp",
        "Mã",
        "Nội dung",
        "Số phiếu / ý kiến hợp lệ",
        "Tỷ lệ hài lòng (%)",
    )
    assert rows[1][0] == "Tổng hợp"
    assert float(rows[1][4]) == pytest.approx(66.67)
    meta = {r[0]: r[1] for r in info.iter_rows(values_only=True)}
    assert meta["Phương pháp"] == "sipas-2017 v1"
    assert "Đợt khảo sát" in meta["Bộ lọc"]


@override_settings(HAILONG_SMALL_CELL_THRESHOLD=10)
def test_a_public_indices_file_suppresses_small_cells(cast: Cast) -> None:
    wave = open_wave(cast.ngoc_ha, SIPAS_2017)
    for value in (5, 4, 1):
        answer(wave, value)
    private = job_text(export(cast, cast.alice, "", loai="unit_indices"))
    public = job_text(export(cast, cast.alice, "", loai="unit_indices", cong_khai="on"))
    assert "66,67" in private.replace(".", ",")
    assert "Dưới 10 phiếu" not in private
    assert "66.67" not in public
    assert "Dưới 10 phiếu: không công bố" in public


def test_a_responses_file_cannot_be_marked_public(cast: Cast) -> None:
    wave = open_wave(cast.ngoc_ha, SIPAS_2017)
    answer(wave, 5)
    from hailong.indices.services import index_export_start

    with pytest.raises(ServiceError):
        index_export_start(
            actor=cast.alice,
            unit=cast.ngoc_ha,
            kind="survey_responses",
            output_format="csv",
            params={"wave": wave.pk},
            public=True,
        )


def test_a_ranking_export_writes_method_year_view_and_ranks(cast: Cast) -> None:
    wave_2023(cast.vinh_phuc, [5] * 12)
    url = f"/staff/don-vi/{cast.hanoi.pk}/xep-hang/xuat/?nam=2023&ban_do=cu"
    response = cast.client(cast.ron).post(url, {"dinh_dang": "csv"})
    assert response.status_code == 302
    job = ReportJob.objects.latest("pk")
    assert job.run()
    rows = csv_rows(job)
    assert rows[0] == ["# Phương pháp: sipas-2017 v1"]
    assert "Năm: 2023" in rows[1][0]
    assert "như tại thời điểm khảo sát" in rows[1][0]
    header = next(r for r in rows if r and r[0] == "Hạng")
    first = rows[rows.index(header) + 1]
    assert first[:2] == ["1", "Phường Vĩnh Phúc"]
    assert first[4] == "100.00"


def test_a_ward_user_cannot_export_the_city_ranking(cast: Cast) -> None:
    url = f"/staff/don-vi/{cast.hanoi.pk}/xep-hang/xuat/"
    assert cast.client(cast.alice).post(url, {"dinh_dang": "csv"}).status_code == 404
