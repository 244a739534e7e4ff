"""A 100-row XLSX goes through upload, mapping and the background job into the registry."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import time_machine
from django.core.files.storage import default_storage
from django.test import override_settings
from django.urls import reverse

from hailong.dossiers.models import Dossier, DossierImport
from hailong.jobs.base import JobStatus
from tests.conftest import Cast
from tests.test_dossiers_factories import (  # noqa: F401
    HEADER,
    catalogue,
    media,
    row,
    upload,
    xlsx_bytes,
)

pytestmark = pytest.mark.usefixtures("catalogue", "media")


@pytest.fixture(autouse=True)
def _in_march_2026() -> Iterator[None]:
    with time_machine.travel("2026-03-10 09:00 +07:00"):
        yield


def start_import(cast: Cast, content: bytes, name: str = "mot-cua.xlsx") -> DossierImport:
    client = cast.client(cast.oscar)
    mapping_url = upload(client, cast.ngoc_ha, name, content)["Location"]  # type: ignore[index]
    page = client.get(mapping_url)
    data = {f.name: f.value() or "" for f in page.context["form"]}
    response = client.post(mapping_url, {**data, "t": page.context["token"], "start": "1"})
    job = DossierImport.objects.latest("pk")
    assert response["Location"] == reverse("dossiers:import_status", args=[cast.ngoc_ha.pk, job.pk])
    return job


def test_a_hundred_rows_round_trip_through_the_job(cast: Cast, media: Path) -> None:  # noqa: F811
    rows = [row(n) for n in range(1, 101)]
    rows[9] = row(10, Ngày_tiếp_nhận="30/02/2026")
    rows[19] = row(20, Cán_bộ_xử_lý="Người Không Có")
    job = start_import(cast, xlsx_bytes(rows))
    assert job.status == JobStatus.PENDING
    assert job.run() is True
    job.refresh_from_db()
    assert job.status == JobStatus.COMPLETE, job.error
    assert (job.rows_read, job.created_count, job.updated_count, job.error_count) == (100, 98, 0, 2)
    assert [(e["row"], e["column"]) for e in job.errors] == [
        (11, "Ngày tiếp nhận"),
        (21, "Cán bộ xử lý"),
    ]
    assert Dossier.objects.filter(unit=cast.ngoc_ha).count() == 98
    assert Dossier.objects.filter(officer=cast.officer, on_time=True).count() == 98
    assert not default_storage.exists(job.file)
    page = cast.client(cast.oscar).get(
        reverse("dossiers:import_status", args=[cast.ngoc_ha.pk, job.pk])
    )
    body = page.content.decode()
    assert "http-equiv" not in body
    assert "Người Không Có" in body


def test_the_status_page_refreshes_itself_while_the_job_runs(cast: Cast) -> None:
    job = start_import(cast, xlsx_bytes([row(1)]))
    job.set_progress(0, 1)
    url = reverse("dossiers:import_status", args=[cast.ngoc_ha.pk, job.pk])
    body = cast.client(cast.oscar).get(url).content.decode()
    assert '<meta http-equiv="refresh" content="2">' in body
    assert "<progress" in body


def test_re_importing_updates_by_code_and_never_duplicates(cast: Cast) -> None:
    first = start_import(cast, xlsx_bytes([row(n) for n in range(1, 6)]))
    first.run()
    changed = [row(n) for n in range(1, 6)]
    changed[0] = row(1, Ngày_trả_kết_quả="09/03/2026")
    changed.append(row(6))
    changed.append(row(6))
    second = start_import(cast, xlsx_bytes(changed))
    second.run()
    second.refresh_from_db()
    counts = (second.created_count, second.updated_count, second.unchanged_count)
    assert counts == (1, 1, 4)
    assert second.error_count == 1
    assert "đã có ở dòng 7" in second.errors[0]["message"]
    assert Dossier.objects.filter(unit=cast.ngoc_ha).count() == 6
    late = Dossier.objects.get(code="000.04.01.H26-260302-0001")
    assert late.on_time is False


def test_a_job_runs_only_once(cast: Cast) -> None:
    job = start_import(cast, xlsx_bytes([row(1)]))
    assert job.run() is True
    assert DossierImport.objects.get(pk=job.pk).run() is False


def test_a_missing_upload_fails_the_job_with_a_message(cast: Cast) -> None:
    job = start_import(cast, xlsx_bytes([row(1)]))
    default_storage.delete(job.file)
    job.run()
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert "không còn" in job.error


@override_settings(
    TASKS={"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
)
def test_starting_an_import_queues_the_job_after_commit(
    cast: Cast, django_capture_on_commit_callbacks: object
) -> None:
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        job = start_import(cast, xlsx_bytes([row(1), row(2)]))
    job.refresh_from_db()
    assert job.status == JobStatus.COMPLETE
    assert job.created_count == 2


def test_the_progress_total_is_known_even_when_the_sheet_omits_its_size(cast: Cast) -> None:
    job = start_import(cast, xlsx_bytes([row(n) for n in range(1, 31)]))
    seen: list[tuple[int, int]] = []
    job.claim()
    job.execute(lambda done, total: seen.append((done, total)))
    assert seen[0] == (0, 30)
    assert seen[-1] == (30, 30)
