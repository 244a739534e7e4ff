"""``emulation_ranking``: the thi đua ranking as a document and as a table, aggregates only."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import docx
import openpyxl
import pytest

from hailong.jobs.base import JobStatus
from hailong.reports.kinds import KINDS, kinds_for
from hailong.reports.services import report_job_start
from tests.conftest import Cast
from tests.emulation_data import REASON, Ward, rated_ward

PARAMS = {"start": "01/01/2026", "end": "31/12/2026", "min_n": 10}


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def ward(cast: Cast) -> Ward:
    return rated_ward(cast)


def produce(cast: Cast, fmt: str, params: dict[str, Any] | None = None) -> bytes:
    job = report_job_start(
        actor=cast.bob,
        unit=cast.ngoc_ha,
        kind="emulation_ranking",
        output_format=fmt,
        params=PARAMS if params is None else params,
    )
    assert job.run() is True
    job.refresh_from_db()
    assert job.status == JobStatus.COMPLETE, job.error
    with job.output.open("rb") as handle:
        return bytes(handle.read())


def test_it_is_offered_for_wards_in_four_formats(cast: Cast) -> None:
    kind = KINDS["emulation_ranking"]
    assert kind in kinds_for(cast.ngoc_ha)
    assert kind not in kinds_for(cast.hanoi)
    assert kind.formats == ("pdf", "docx", "xlsx", "csv")


def test_the_csv_carries_the_period_minimum_rules_and_ranked_rows(cast: Cast, ward: Ward) -> None:
    text = produce(cast, "csv").decode("utf-8-sig")
    assert "Kỳ: 01/01/2026 – 31/12/2026" in text
    assert "Số đánh giá tối thiểu: 10" in text
    assert "Chỉ xếp hạng khi có từ 10 hồ sơ" in text
    # numbers rounded by round_pct (two decimals, half up) and left as numbers
    assert (
        '"Cán bộ, công chức",1,Vũ Thị Ngọc Anh (Bộ phận một cửa),12,11,91.67,64.61,98.51,' in text
    )
    assert '"Cán bộ, công chức",2,Đỗ Quang Huy (Bộ phận một cửa),40,36,90.00,76.95,96.04,' in text
    assert "Hoàng Văn Nam (Tư pháp – Hộ tịch),0,,,,,chưa có đánh giá" in text
    assert REASON not in text
    assert not any(code in text for code in ward.codes)


def test_the_minimum_in_the_params_never_goes_under_the_threshold(cast: Cast, ward: Ward) -> None:
    text = produce(cast, "csv", {**PARAMS, "min_n": 1}).decode("utf-8-sig")
    assert "Số đánh giá tối thiểu: 10" in text


def test_the_xlsx_has_the_ranking_sheet_and_the_information_sheet(cast: Cast, ward: Ward) -> None:
    book = openpyxl.load_workbook(io.BytesIO(produce(cast, "xlsx")))
    ranking, info = book.worksheets
    rows = [[c.value for c in row] for row in ranking.iter_rows()]
    assert rows[0][:3] == ["Nhóm", "Hạng", "Tên"]
    assert rows[1][:6] == ["Bộ phận", 1, "Bộ phận một cửa", 52, 47, 90.38]
    assert any("Wilson" in str(c.value) for row in info.iter_rows() for c in row)


def test_the_document_is_addressed_to_the_emulation_council(cast: Cast, ward: Ward) -> None:
    document = docx.Document(io.BytesIO(produce(cast, "docx")))
    text = " ".join(p.text for p in document.paragraphs)
    cells = " ".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert "Hội đồng Thi đua – Khen thưởng phường" in cells
    assert "Cách tính và xếp hạng".upper() in text
    assert "91,67" in cells
    assert "chưa có đánh giá" in cells
    assert REASON not in text + cells


def test_the_pdf_renders(cast: Cast, ward: Ward) -> None:
    assert produce(cast, "pdf").startswith(b"%PDF-")
