"""PersistedJob through its concrete MaintenanceRun: one claim, one outcome, its own timings."""

from __future__ import annotations

import pytest

from hailong.jobs.base import JobFailed, JobStatus, job_enqueue
from hailong.jobs.maintenance import MAINTENANCE
from hailong.jobs.models import MaintenanceKind, MaintenanceRun
from hailong.jobs.testing import worker_drain

pytestmark = pytest.mark.django_db


def a_job() -> MaintenanceRun:
    return MaintenanceRun.objects.create(kind=MaintenanceKind.PRUNE)


def test_it_completes_with_its_result_timings_and_one_attempt() -> None:
    job = a_job()

    assert job.run() is True

    job.refresh_from_db()
    assert job.status == JobStatus.COMPLETE
    assert job.attempts == 1
    assert job.started_at is not None
    assert job.finished_at is not None
    assert job.seconds is not None
    assert job.seconds >= 0
    assert job.percent == 100
    assert set(job.result) == {"task_results", "scheduled_runs", "maintenance_runs", "heartbeats"}


def test_it_refuses_to_run_twice() -> None:
    job = a_job()
    job.run()

    assert MaintenanceRun.objects.get(pk=job.pk).run() is False
    assert MaintenanceRun.objects.get(pk=job.pk).attempts == 1


def test_a_job_claimed_elsewhere_is_skipped() -> None:
    job = a_job()
    stale_copy = MaintenanceRun.objects.get(pk=job.pk)
    assert job.claim() is True

    assert stale_copy.run() is False


def test_a_job_failure_for_the_user_is_recorded_without_raising(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def refuse() -> dict[str, int]:
        raise JobFailed("Tệp không đúng mẫu")

    monkeypatch.setitem(MAINTENANCE, MaintenanceKind.PRUNE, refuse)
    job = a_job()

    assert job.run() is True

    job.refresh_from_db()
    assert (job.status, job.error) == (JobStatus.FAILED, "Tệp không đúng mẫu")
    assert job.finished_at is not None


def test_a_crash_is_recorded_with_its_traceback_and_raised(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def crash() -> dict[str, int]:
        raise ZeroDivisionError("boom")

    monkeypatch.setitem(MAINTENANCE, MaintenanceKind.PRUNE, crash)
    job = a_job()

    with pytest.raises(ZeroDivisionError):
        job.run()

    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert "ZeroDivisionError: boom" in job.error


def test_progress_refreshes_the_heartbeat() -> None:
    job = a_job()
    job.claim()
    claimed_beat = job.heartbeat_at

    job.set_progress(10, 100)

    job.refresh_from_db()
    assert (job.progress_done, job.progress_total, job.percent) == (10, 100, 10)
    assert job.heartbeat_at is not None
    assert claimed_beat is not None
    assert job.heartbeat_at >= claimed_beat


def test_a_run_that_lost_its_claim_does_not_overwrite_the_newer_attempt(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The reaper gave the job to attempt 2 while attempt 1 was still (slowly) going."""
    job = a_job()
    attempts: list[int] = []

    def slow_then_overtaken() -> dict[str, int]:
        mine = len(attempts) + 1
        attempts.append(mine)
        if mine == 1:
            MaintenanceRun.objects.filter(pk=job.pk).update(status=JobStatus.PENDING)
            assert MaintenanceRun.objects.get(pk=job.pk).run() is True  # attempt 2
        return {"attempt": mine}

    monkeypatch.setitem(MAINTENANCE, MaintenanceKind.PRUNE, slow_then_overtaken)
    job.run()

    job.refresh_from_db()
    assert (job.status, job.attempts) == (JobStatus.COMPLETE, 2)
    assert job.result == {"attempt": 2}


@pytest.mark.django_db(transaction=True)
def test_an_enqueued_job_is_run_by_the_worker() -> None:
    job = a_job()
    job_enqueue(job)

    worker_drain()

    job.refresh_from_db()
    assert job.status == JobStatus.COMPLETE
