"""``sipas_report``: the ward's report, as PDF (text read back with pdftotext) and DOCX."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
import unicodedata
from decimal import Decimal
from pathlib import Path
from typing import Any

import docx
import pytest

from hailong.jobs.base import JobStatus
from hailong.performance import services
from hailong.performance.models import ActionStatus
from hailong.reports.document import ChartBlock, Table
from hailong.reports.kinds import KINDS, kinds_for
from hailong.reports.models import ReportJob
from hailong.reports.services import report_job_start
from hailong.surveys.models import SurveyWave
from tests.action_data import answered_wave
from tests.conftest import Cast

WEAKEST = "Nơi ngồi chờ giải quyết thủ tục hành chính có đủ chỗ ngồi"
# C1.1 answered 5, 4, 2: 66.67 %; its element E1 (C1.1–C1.4) = 91.6667 %; the four other
# elements 100 %; overall (2017 method: mean of the five elements) = 98.3333 % → "98,33".
OVERALL = "98,33%"


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def wave(cast: Cast) -> SurveyWave:
    return answered_wave(cast.ngoc_ha, c11=(5, 4, 2))


def run(cast: Cast, wave: SurveyWave, fmt: str, **params: Any) -> bytes:
    job = report_job_start(
        actor=cast.alice,
        unit=cast.ngoc_ha,
        kind="sipas_report",
        output_format=fmt,
        params={"scope": f"dot-{wave.pk}", "date": "15/12/2026", **params},
    )
    assert job.run() is True
    job.refresh_from_db()
    assert job.status == JobStatus.COMPLETE, job.error
    assert job.filename.startswith("bao-cao-sipas-phuong-ngoc-ha-")
    with job.output.open("rb") as handle:
        return bytes(handle.read())


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True, text=True)
    return " ".join(unicodedata.normalize("NFC", out.stdout).split())


def docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return " ".join(" ".join(parts).split())


def expected_phrases(cast: Cast) -> list[str]:
    return [
        "UBND PHƯỜNG NGỌC HÀ",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "BÁO CÁO",
        "Kết quả khảo sát, đo lường sự hài lòng của người dân, tổ chức đối với sự phục vụ "
        "hành chính năm 2026",
        f"Chỉ số hài lòng chung của UBND phường Ngọc Hà năm 2026 đạt {OVERALL}",
        WEAKEST,
        "Quyết định số 2640/QĐ-BNV ngày 10/10/2017 của Bộ Nội vụ",  # the method's legal basis
        "mã sipas-2017, phiên bản 1",
        "PHỤ LỤC 1. KẾT QUẢ TỪNG TIÊU CHÍ",
        "PHỤ LỤC 2. THÔNG TIN NGƯỜI TRẢ LỜI",
        "TM. ỦY BAN NHÂN DÂN",
        "Nơi nhận:",
        "Sở Nội vụ thành phố Hà Nội",
    ]


def test_it_is_offered_for_wards_in_pdf_and_docx(cast: Cast) -> None:
    kind = KINDS["sipas_report"]
    assert kind in kinds_for(cast.ngoc_ha)
    assert kind not in kinds_for(cast.hanoi)
    assert kind.formats == ("pdf", "docx")


def test_the_pdf_reads_back_with_its_diacritics_the_index_and_the_weakest_item(
    cast: Cast, wave: SurveyWave, tmp_path: Path
) -> None:
    text = pdf_text(run(cast, wave, "pdf"), tmp_path)
    for phrase in expected_phrases(cast):
        assert phrase in text, phrase
    weak = text.index("Các tiêu chí có tỷ lệ hài lòng thấp nhất")
    assert text.index(WEAKEST, weak) - weak < 80  # named first among the weaknesses
    assert "66,67%" in text


def test_the_docx_opens_and_says_the_same(cast: Cast, wave: SurveyWave) -> None:
    data = run(cast, wave, "docx")
    text = docx_text(data)
    for phrase in expected_phrases(cast):
        assert phrase in text, phrase
    document = docx.Document(io.BytesIO(data))
    pictures = document.inline_shapes
    assert len(pictures) == 3  # elements, weakest items, distribution
    annex = document.tables[-2]  # every item, then the respondents' profile
    header = [c.text for c in annex.rows[0].cells]
    assert header[:3] == ["Mã", "Tiêu chí", "n"]
    assert header[-1] == "KTC 95%"
    c11 = next(r for r in annex.rows if r.cells[0].text == "C1.1")
    assert [c.text for c in c11.cells][2:] == [
        "3", "0", "1", "0", "1", "1", "66,67", "3,67", "20,77–93,85",
    ]  # fmt: skip


def test_the_officers_edits_replace_the_prefilled_text(
    cast: Cast, wave: SurveyWave, tmp_path: Path
) -> None:
    edited = {
        "causes": "Nguyên nhân chủ quan: phòng chờ tầng 1 chật.\n- Thiếu ghế\n- Chưa có máy lấy số",
        "solutions": "",  # emptied: the prefilled text is used
    }
    text = docx_text(run(cast, wave, "docx", narrative=edited, number="125/BC-UBND"))
    assert "Nguyên nhân chủ quan: phòng chờ tầng 1 chật." in text
    assert "- Thiếu ghế" in text
    assert "Nguyên nhân khách quan: …" not in text
    assert "Chưa có hành động cải thiện nào" in text
    assert "Số: 125/BC-UBND" in text


def test_solutions_list_the_improvement_actions_and_results_give_the_points(
    cast: Cast, wave: SurveyWave
) -> None:
    action = services.improvement_action_create(
        actor=cast.alice,
        unit=cast.ngoc_ha,
        wave=wave,
        item_code="C1.1",
        what="Bố trí thêm 20 ghế chờ",
        department=cast.department,
        deadline=dt.date(2026, 12, 31),
    )
    services.improvement_action_set_status(
        actor=cast.alice, action=action, status=ActionStatus.DONE, outcome="Đã lắp 24 ghế chờ."
    )
    rule = services.points_rule_create(
        actor=cast.carol,
        province=cast.hanoi,
        year=2026,
        kind="linear",
        max_points=Decimal(2),
        legal_basis="QĐ 5666/QĐ-UBND ngày 17/11/2025",
    )
    services.points_rule_publish(actor=cast.carol, rule=rule)
    text = docx_text(run(cast, wave, "docx"))
    assert (
        "Bố trí thêm 20 ghế chờ; chủ trì: Bộ phận một cửa; đã hoàn thành: Đã lắp 24 ghế chờ."
        in text
    )
    assert "tương ứng 1,97/2,00 điểm" in text  # 2 × 98.33 / 100 = 1.9666 → 1,97


def test_the_document_has_its_charts_and_annex_tables(cast: Cast, wave: SurveyWave) -> None:
    job = ReportJob(unit=cast.ngoc_ha, kind="sipas_report", format="pdf")
    job.params = {"scope": f"dot-{wave.pk}"}
    job.created_at = dt.datetime(2026, 12, 15, tzinfo=dt.UTC)
    document = KINDS["sipas_report"].document(job)
    charts = [b.chart.title for b in document.sections if isinstance(b, ChartBlock)]
    assert charts == [
        "Chỉ số hài lòng theo yếu tố",
        "15 tiêu chí có tỷ lệ hài lòng thấp nhất",  # of 22; the annex lists all
        "Phân bố ý kiến theo mức độ hài lòng, từng yếu tố",
    ]
    tables = [b for b in document.annexes if isinstance(b, Table)]
    assert len(tables[0].rows) == 22  # every criterion of the 2017 method
    assert tables[1].rows[0][:3] == ("Đối tượng", "Cá nhân", "3")


def test_a_ward_without_waves_fails_with_a_message(cast: Cast) -> None:
    job = report_job_start(
        actor=cast.alice, unit=cast.ngoc_ha, kind="sipas_report", output_format="pdf"
    )
    job.run()
    job.refresh_from_db()
    assert (job.status, job.error) == (
        JobStatus.FAILED,
        "Đơn vị chưa có đợt khảo sát nào để báo cáo.",
    )
