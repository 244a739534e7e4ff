"""Report jobs: the service's rules, and a run that produces the file in every format."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
import openpyxl
import pytest

from hailong.core.errors import PermissionDenied, ServiceError
from hailong.jobs.base import JobStatus
from hailong.reports.models import ReportJob
from hailong.reports.services import MAX_UNFINISHED_PER_USER, report_job_start
from tests.conftest import Cast


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def start(cast: Cast, fmt: str = "pdf", **kwargs: Any) -> ReportJob:
    return report_job_start(
        actor=kwargs.pop("actor", cast.alice),
        unit=kwargs.pop("unit", cast.ngoc_ha),
        kind=kwargs.pop("kind", "unit_roster"),
        output_format=fmt,
        **kwargs,
    )


def test_starting_a_report_creates_a_pending_job_and_enqueues_it_on_commit(
    cast: Cast, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    with django_capture_on_commit_callbacks() as callbacks:
        job = start(cast)

    assert (job.status, job.unit, job.created_by, job.kind) == (
        JobStatus.PENDING,
        cast.ngoc_ha,
        cast.alice,
        "unit_roster",
    )
    assert len(callbacks) == 1
    assert not job.output


@pytest.mark.parametrize(
    ("fmt", "magic"),
    [("pdf", b"%PDF-"), ("docx", b"PK"), ("xlsx", b"PK"), ("csv", "\ufeff".encode())],
)
def test_running_the_job_stores_the_file_under_an_unguessable_name(
    cast: Cast, fmt: str, magic: bytes
) -> None:
    job = start(cast, fmt)

    assert job.run() is True

    job.refresh_from_db()
    assert job.status == JobStatus.COMPLETE, job.error
    assert job.output.name.startswith("reports/")
    assert job.output.name.endswith(f".{fmt}")
    assert "ngoc-ha" not in job.output.name
    assert job.filename.startswith("danh-sach-can-bo-phuong-ngoc-ha-")
    assert job.filename.endswith(f".{fmt}")
    assert job.percent == 100
    with job.output.open("rb") as handle:
        assert handle.read().startswith(magic)


def test_the_files_open_back_with_the_officers_in_them(cast: Cast) -> None:
    word, sheet = start(cast, "docx"), start(cast, "xlsx")
    word.run()
    sheet.run()

    with word.output.open("rb") as handle:
        document = docx.Document(io.BytesIO(handle.read()))
    with sheet.output.open("rb") as handle:
        book = openpyxl.load_workbook(io.BytesIO(handle.read()))
    officers = document.tables[2]
    assert officers.rows[1].cells[1].text == "Đỗ Quang Huy"
    assert [c.value for c in book.worksheets[0][2]][:2] == [1, "Đỗ Quang Huy"]


def test_a_job_runs_only_once(cast: Cast) -> None:
    job = start(cast, "csv")

    assert job.run() is True
    assert ReportJob.objects.get(pk=job.pk).run() is False


def test_a_kind_that_no_longer_exists_fails_with_a_message(cast: Cast) -> None:
    job = ReportJob.objects.create(unit=cast.ngoc_ha, kind="gone", format="pdf")

    job.run()

    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert job.error == "Loại báo cáo hoặc định dạng không còn được hỗ trợ."


def test_a_kind_must_suit_the_unit_and_offer_the_format(cast: Cast) -> None:
    with pytest.raises(ServiceError) as unsuited:
        start(cast, unit=cast.hanoi, actor=cast.carol)
    with pytest.raises(ServiceError) as unknown:
        start(cast, kind="nope")
    with pytest.raises(ServiceError) as no_format:
        start(cast, "pptx")

    assert unsuited.value.field == unknown.value.field == "kind"
    assert no_format.value.field == "output_format"


def test_an_outsider_cannot_start_a_report_of_another_ward(cast: Cast) -> None:
    with pytest.raises(PermissionDenied):
        start(cast, actor=cast.charlie)


def test_one_person_can_have_only_a_few_reports_waiting(cast: Cast) -> None:
    for _ in range(MAX_UNFINISHED_PER_USER):
        start(cast, "csv")

    with pytest.raises(ServiceError, match="quá nhiều báo cáo"):
        start(cast, "csv")
    assert start(cast, "csv", actor=cast.bob).created_by == cast.bob
