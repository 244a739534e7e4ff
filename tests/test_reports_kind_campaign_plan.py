"""``campaign_plan``: the system prints the seed document from its data, as PDF and DOCX, with
every Vietnamese mark intact; a frozen version prints as approved."""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata
from pathlib import Path

import pytest
from docx import Document

from hailong.campaigns.models import CampaignPlan
from hailong.campaigns.services import plan_create_from_template, plan_update
from hailong.campaigns.testing import ward_activity, ward_plan
from hailong.jobs.base import JobStatus
from hailong.reports.kinds import KINDS, kinds_for
from hailong.reports.models import ReportJob
from tests.campaigns_seed import HEADINGS, seed_sentences, squash
from tests.conftest import Cast
from tests.test_reports_pdf import pdftotext

TITLE = (
    "Tuyên truyền hoạt động khảo sát, xác định sự hài lòng của tổ chức, cá nhân đối với sự phục "
    "vụ hành chính năm 2023"
)


@pytest.fixture
def seed_plan(cast: Cast) -> CampaignPlan:
    return plan_create_from_template(
        actor=cast.carol, unit=cast.vinh_phuc, year=2023, issued_on=dt.date(2023, 10, 5)
    )


def _run(plan: CampaignPlan, fmt: str, **params: object) -> bytes:
    job = ReportJob.objects.create(
        unit=plan.unit, kind="campaign_plan", format=fmt, params={"plan": plan.pk, **params}
    )
    job.run()
    job.refresh_from_db()
    assert job.status == JobStatus.COMPLETE, job.error
    with job.output.open("rb") as handle:
        return handle.read()


def _pdf_text(pdf: bytes, tmp_path: Path) -> str:
    """The PDF's text, page-number lines removed, whitespace squashed."""
    lines = [
        line
        for line in pdftotext(pdf, tmp_path).splitlines()
        if not re.fullmatch(r"\s*\d+\s*", line)
    ]
    return squash(" ".join(lines).replace("\f", " "))


def test_the_system_prints_every_sentence_of_the_seed_plan(
    seed_plan: CampaignPlan, tmp_path: Path
) -> None:
    text = _pdf_text(_run(seed_plan, "pdf"), tmp_path)

    missing = [s for s in seed_sentences() if s not in text]
    assert missing == []
    for heading in HEADINGS:
        assert heading in text, heading
    assert unicodedata.is_normalized("NFC", text)


def test_the_pdf_has_the_administrative_frame_of_the_plan(
    seed_plan: CampaignPlan, tmp_path: Path
) -> None:
    text = _pdf_text(_run(seed_plan, "pdf"), tmp_path)

    for expected in (
        "UBND QUẬN BA ĐÌNH",
        "UBND PHƯỜNG VĨNH PHÚC",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Số: /KH-UBND",
        "Vĩnh Phúc, ngày 05 tháng 10 năm 2023",
        "KẾ HOẠCH",
        TITLE,
        "Nơi nhận:",
        "- UBND quận Ba Đình;",
        "- Lưu: VT, VHTT.",
        "TM. ỦY BAN NHÂN DÂN",
    ):
        assert expected in text, expected


def test_the_docx_keeps_every_mark_of_the_seed(seed_plan: CampaignPlan) -> None:
    data = _run(seed_plan, "docx")

    document = Document(io.BytesIO(data))
    paragraphs = [p.text for p in document.paragraphs]
    for table in document.tables:
        paragraphs += [cell.text for row in table.rows for cell in row.cells]
    text = squash(" ".join(paragraphs))
    assert [s for s in seed_sentences() if s not in text] == []
    assert "I. MỤC ĐÍCH, YÊU CẦU" in text
    assert TITLE in text
    assert document.core_properties.title.startswith("KẾ HOẠCH Tuyên truyền")


def test_the_schedule_table_lists_the_activities(cast: Cast, tmp_path: Path) -> None:
    plan = ward_plan(cast.ngoc_ha, drafter=cast.cindy)
    ward_activity(plan, actor=cast.cindy)

    text = _pdf_text(_run(plan, "pdf"), tmp_path)
    document = Document(io.BytesIO(_run(plan, "docx")))

    assert "Lịch thực hiện các hoạt động tuyên truyền như sau:" in text
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "TT")
    cells = [cell.text for row in table.rows for cell in row.cells]
    assert cells[:5] == ["TT", "Hình thức", "Hoạt động", "Thời gian", "Phụ trách"]
    assert "Loa truyền thanh" in cells
    assert any(c.startswith("Hằng ngày lúc 06:30 và 17:30") for c in cells)


def test_an_approved_version_prints_as_it_was_approved(cast: Cast, tmp_path: Path) -> None:
    from hailong.campaigns.services import plan_revise

    plan = ward_plan(cast.ngoc_ha, drafter=cast.cindy, approver=cast.alice)
    plan = plan_revise(actor=cast.cindy, plan=plan)
    plan_update(actor=cast.cindy, plan=plan, content={"title": "Kế hoạch đã sửa đổi"})

    old = _pdf_text(_run(plan, "pdf", version=1, schedule=False), tmp_path)
    new = _pdf_text(_run(plan, "pdf", schedule=False), tmp_path)

    assert "Kế hoạch đã sửa đổi" not in old
    assert "Kế hoạch đã sửa đổi" in new


def test_it_is_offered_only_to_a_ward_with_a_plan(cast: Cast) -> None:
    kind = KINDS["campaign_plan"]
    assert kind not in kinds_for(cast.ngoc_ha)

    ward_plan(cast.ngoc_ha, drafter=cast.cindy)

    assert kind in kinds_for(cast.ngoc_ha)
    assert kind not in kinds_for(cast.hanoi)


def test_a_missing_version_fails_the_job_with_a_message(cast: Cast) -> None:
    plan = ward_plan(cast.ngoc_ha, drafter=cast.cindy)
    job = ReportJob.objects.create(
        unit=plan.unit, kind="campaign_plan", format="pdf", params={"plan": plan.pk, "version": 7}
    )

    job.run()

    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert "phiên bản" in job.error
