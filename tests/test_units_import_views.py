"""The staff pages of the unit import: upload form, status page with progress, errors, summary."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from hailong.jobs.base import JobStatus
from hailong.units.models import AdministrativeUnit, UnitImport
from tests.conftest import Cast

GOOD = "ten,loai,hieu_luc_tu\r\nTổ dân phố số 2,Tổ dân phố,01/07/2025\r\n".encode()


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def upload(data: bytes = GOOD, name: str = "to-dan-pho.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="text/csv")


def start_url(cast: Cast) -> str:
    return reverse("units:import_start", args=[cast.ngoc_ha.pk])


def status_url(job: UnitImport) -> str:
    return reverse("units:import_status", args=[job.pk])


def make_job(cast: Cast, data: bytes = GOOD, **fields: Any) -> UnitImport:
    return UnitImport.objects.create(
        root=cast.ngoc_ha,
        created_by=cast.carol,
        file=ContentFile(data, name="to-dan-pho.csv"),
        original_name="to-dan-pho.csv",
        **fields,
    )


def test_the_city_admin_sees_the_upload_form_with_the_columns(cast: Cast) -> None:
    response = cast.client(cast.carol).get(start_url(cast))

    body = response.content.decode()
    assert response.status_code == 200
    assert 'enctype="multipart/form-data"' in body
    assert "<code>ma_cap_tren</code>" in body
    assert "Phường Ngọc Hà" in body


def test_uploading_a_file_creates_a_job_and_redirects_to_its_status_page(
    cast: Cast, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    with django_capture_on_commit_callbacks() as callbacks:
        response = cast.client(cast.carol).post(start_url(cast), {"file": upload()})

    job = UnitImport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == status_url(job)
    assert (job.root, job.created_by, job.status) == (cast.ngoc_ha, cast.carol, JobStatus.PENDING)
    assert (job.original_name, job.dry_run) == ("to-dan-pho.csv", False)
    assert job.file.name.startswith("imports/")
    assert "to-dan-pho" not in job.file.name  # stored under an unguessable name
    assert len(callbacks) == 1  # the task is enqueued once the upload is committed


def test_the_uploaded_job_imports_when_the_worker_runs_it(cast: Cast) -> None:
    client = cast.client(cast.carol)
    client.post(start_url(cast), {"file": upload(), "dry_run": "on"})
    job = UnitImport.objects.get()
    assert job.dry_run is True

    job.run()

    body = client.get(status_url(job)).content.decode()
    assert "Tệp hợp lệ. Nếu nhập thật sẽ thêm 1, cập nhật 0, giữ nguyên 0 đơn vị." in body
    assert not AdministrativeUnit.objects.filter(name="Tổ dân phố số 2").exists()


def test_the_status_page_refreshes_and_shows_progress_while_the_job_runs(cast: Cast) -> None:
    job = make_job(cast, status=JobStatus.RUNNING, progress_done=50, progress_total=200)

    body = cast.client(cast.carol).get(status_url(job)).content.decode()

    assert '<meta http-equiv="refresh" content="2">' in body
    assert '<progress id="import-progress" value="25" max="100">' in body


def test_the_status_page_shows_the_summary_after_success(cast: Cast) -> None:
    job = make_job(cast)
    job.run()

    body = cast.client(cast.carol).get(status_url(job)).content.decode()

    assert 'http-equiv="refresh"' not in body
    assert "Đã nhập xong: thêm 1, cập nhật 0, giữ nguyên 0 đơn vị." in body
    assert AdministrativeUnit.objects.get(name="Tổ dân phố số 2").parent == cast.ngoc_ha


def test_the_status_page_lists_each_error_with_its_row_and_column(cast: Cast) -> None:
    rows = "".join(f"Tổ {i},loai_sai\r\n" for i in range(203))
    job = make_job(cast, f"ten,loai\r\n{rows}".encode())
    job.run()

    body = cast.client(cast.carol).get(status_url(job)).content.decode()

    assert "Tệp có 203 lỗi, chưa ghi gì vào hệ thống." in body
    assert "<td>2</td><td>loai</td><td>loại đơn vị «loai_sai» không hợp lệ.</td>" in body
    assert "… và 3 lỗi khác." in body
    assert 'http-equiv="refresh"' not in body


def test_an_unexpected_crash_shows_no_traceback(cast: Cast) -> None:
    job = make_job(cast, status=JobStatus.FAILED, error="Traceback (most recent call last):\n")

    body = cast.client(cast.carol).get(status_url(job)).content.decode()

    assert "Traceback" not in body
    assert "Có lỗi hệ thống khi nhập tệp." in body


def test_a_file_of_the_wrong_type_is_refused_by_the_form(cast: Cast) -> None:
    response = cast.client(cast.carol).post(start_url(cast), {"file": upload(name="x.pdf")})

    assert response.status_code == 400
    assert "Chỉ nhận tệp .csv hoặc .xlsx." in response.content.decode()
    assert not UnitImport.objects.exists()


def test_a_file_over_the_limit_is_refused_by_the_form(cast: Cast, settings: Any) -> None:
    settings.HAILONG_MAX_IMPORT_BYTES = 10

    response = cast.client(cast.carol).post(start_url(cast), {"file": upload()})

    assert response.status_code == 400
    assert "Tệp lớn hơn giới hạn 10" in response.content.decode()
    assert not UnitImport.objects.exists()


def test_the_form_lists_the_recent_imports_of_the_unit(cast: Cast) -> None:
    job = make_job(cast)

    body = cast.client(cast.carol).get(start_url(cast)).content.decode()

    assert f'href="{status_url(job)}"' in body


def test_a_read_only_user_is_forbidden(cast: Cast) -> None:
    client = cast.client(cast.bob)
    job = make_job(cast)

    assert client.get(start_url(cast)).status_code == 403
    assert client.post(start_url(cast), {"file": upload()}).status_code == 403
    assert client.get(status_url(job)).status_code == 403
    assert UnitImport.objects.count() == 1


def test_an_outsider_finds_nothing(cast: Cast) -> None:
    client = cast.client(cast.charlie)
    job = make_job(cast)

    assert client.get(start_url(cast)).status_code == 404
    assert client.post(start_url(cast), {"file": upload()}).status_code == 404
    assert client.get(status_url(job)).status_code == 404


def test_the_unit_page_links_to_the_import_for_managers_only(cast: Cast) -> None:
    detail = reverse("units:detail", args=[cast.ngoc_ha.pk])
    link = f'href="{start_url(cast)}"'

    assert link in cast.client(cast.carol).get(detail).content.decode()
    assert link not in cast.client(cast.bob).get(detail).content.decode()
