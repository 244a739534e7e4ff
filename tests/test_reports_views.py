"""Staff pages of reports: list and start, status with progress, download; scoped to the unit."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from hailong.jobs.base import JobStatus
from hailong.reports.models import ReportJob
from tests.conftest import Cast


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def list_url(cast: Cast) -> str:
    return reverse("reports:list", args=[cast.ngoc_ha.pk])


def status_url(job: ReportJob) -> str:
    return reverse("reports:status", args=[job.unit_id, job.pk])


def download_url(job: ReportJob) -> str:
    return reverse("reports:download", args=[job.unit_id, job.pk])


def finished_job(cast: Cast, **fields: Any) -> ReportJob:
    job = ReportJob.objects.create(
        unit=cast.ngoc_ha,
        kind="unit_roster",
        format="csv",
        status=JobStatus.COMPLETE,
        filename="danh-sach-can-bo-phuong-ngoc-ha-05-10-2023.csv",
        created_by=cast.alice,
        **fields,
    )
    job.output.save("x.csv", ContentFile("\ufeffTT,Họ và tên\r\n1,Đỗ Quang Huy\r\n".encode()))
    return job


@pytest.mark.parametrize("user", ["alice", "bob"])
def test_the_leader_and_the_viewer_see_the_list_and_the_form(cast: Cast, user: str) -> None:
    finished_job(cast)

    response = cast.client(getattr(cast, user)).get(list_url(cast))

    body = response.content.decode()
    assert response.status_code == 200
    assert '<option value="unit_roster">Danh sách đơn vị, bộ phận và cán bộ</option>' in body
    assert '<option value="docx">Word (DOCX)</option>' in body
    assert download_url(ReportJob.objects.get()) in body


def test_the_list_page_costs_the_same_queries_for_many_jobs(
    cast: Cast, django_assert_max_num_queries: Callable[..., Any]
) -> None:
    for _ in range(12):
        finished_job(cast)
    client = cast.client(cast.alice)
    client.get(list_url(cast))  # warm the session

    with django_assert_max_num_queries(12):
        client.get(list_url(cast))


def test_posting_the_form_starts_a_job_and_goes_to_its_status_page(
    cast: Cast, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    with django_capture_on_commit_callbacks() as callbacks:
        response = cast.client(cast.bob).post(
            list_url(cast), {"kind": "unit_roster", "output_format": "pdf"}
        )

    job = ReportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == status_url(job)
    assert (job.created_by, job.format, job.status) == (cast.bob, "pdf", JobStatus.PENDING)
    assert len(callbacks) == 1


def test_an_unknown_format_is_refused_on_the_form(cast: Cast) -> None:
    response = cast.client(cast.alice).post(
        list_url(cast), {"kind": "unit_roster", "output_format": "pptx"}
    )

    assert response.status_code == 400
    assert not ReportJob.objects.exists()


def test_the_status_page_refreshes_and_shows_progress_while_running(cast: Cast) -> None:
    job = ReportJob.objects.create(
        unit=cast.ngoc_ha,
        kind="unit_roster",
        format="pdf",
        status=JobStatus.RUNNING,
        progress_done=1,
        progress_total=3,
    )

    body = cast.client(cast.bob).get(status_url(job)).content.decode()

    assert '<meta http-equiv="refresh" content="2">' in body
    assert '<progress id="report-progress" value="33" max="100">' in body


def test_the_status_page_of_a_finished_job_offers_the_download(cast: Cast) -> None:
    job = finished_job(cast)

    body = cast.client(cast.bob).get(status_url(job)).content.decode()

    assert 'http-equiv="refresh"' not in body
    assert download_url(job) in body


def test_a_crash_is_not_shown_to_the_user(cast: Cast) -> None:
    job = ReportJob.objects.create(
        unit=cast.ngoc_ha,
        kind="unit_roster",
        format="pdf",
        status=JobStatus.FAILED,
        error="Traceback (most recent call last): secret path",
    )

    body = cast.client(cast.alice).get(status_url(job)).content.decode()

    assert "secret path" not in body
    assert "Có lỗi hệ thống khi tạo báo cáo" in body


@pytest.mark.parametrize("user", ["alice", "bob"])
def test_the_download_streams_the_file_under_its_human_name(cast: Cast, user: str) -> None:
    job = finished_job(cast)

    response = cast.client(getattr(cast, user)).get(download_url(job))

    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"] == "text/csv"
    assert response["Content-Disposition"] == (
        'attachment; filename="danh-sach-can-bo-phuong-ngoc-ha-05-10-2023.csv"'
    )
    assert (
        b"".join(response.streaming_content).decode() == "\ufeffTT,Họ và tên\r\n1,Đỗ Quang Huy\r\n"
    )


def test_an_unfinished_job_has_nothing_to_download(cast: Cast) -> None:
    job = ReportJob.objects.create(unit=cast.ngoc_ha, kind="unit_roster", format="pdf")

    assert cast.client(cast.alice).get(download_url(job)).status_code == 404


def test_an_outsider_gets_404_everywhere(cast: Cast) -> None:
    job = finished_job(cast)
    client = cast.client(cast.charlie)

    assert client.get(list_url(cast)).status_code == 404
    assert (
        client.post(list_url(cast), {"kind": "unit_roster", "output_format": "pdf"}).status_code
        == 404
    )
    assert client.get(status_url(job)).status_code == 404
    assert client.get(download_url(job)).status_code == 404
    assert ReportJob.objects.count() == 1


def test_a_job_is_not_reachable_through_another_units_url(cast: Cast) -> None:
    job = finished_job(cast)
    url = reverse("reports:download", args=[cast.kinh_bac.pk, job.pk])

    assert cast.client(cast.root).get(url).status_code == 404


def test_the_unit_page_links_to_its_reports(cast: Cast) -> None:
    body = cast.client(cast.alice).get(reverse("units:detail", args=[cast.ngoc_ha.pk]))

    assert list_url(cast) in body.content.decode()
