"""The reaper: work left RUNNING by a dead worker is run again, or failed after its attempts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from contextlib import AbstractContextManager

import pytest
from django.db import OperationalError
from django.tasks import task
from django.tasks.base import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from hailong.jobs import reaper
from hailong.jobs.base import JobStatus, PersistedJob
from hailong.jobs.models import MaintenanceKind, MaintenanceRun, WorkerHeartbeat
from hailong.jobs.reaper import WORKER_LOST, reap
from hailong.jobs.tasks import run_persisted_job
from hailong.jobs.testing import db_row_mark_running, worker_drain

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 3, 5, 8, 0, tzinfo=dt.UTC)
DONE: list[str] = []


@task()
def idempotent_step(key: str) -> str:
    DONE.append(key)
    return key


def a_worker(worker_id: str, *, seen_seconds_ago: float) -> WorkerHeartbeat:
    seen = NOW - dt.timedelta(seconds=seen_seconds_ago)
    return WorkerHeartbeat.objects.create(worker_id=worker_id, started_at=seen, seen_at=seen)


def a_running_task(worker_id: str, *, started_minutes_ago: float) -> DBTaskResult:
    started = NOW - dt.timedelta(minutes=started_minutes_ago)
    return db_row_mark_running(
        idempotent_step.enqueue(worker_id), worker_ids=[worker_id], started_at=started
    )


def test_a_task_whose_worker_stopped_beating_is_requeued() -> None:
    a_worker("killed", seen_seconds_ago=120)
    row = a_running_task("killed", started_minutes_ago=3)

    counts = reap(now=NOW)

    row.refresh_from_db()
    assert counts.tasks_requeued == 1
    assert row.status == TaskResultStatus.READY
    assert row.exception_class_path == WORKER_LOST
    assert "killed" in row.traceback


def test_a_long_task_on_a_live_worker_is_left_alone() -> None:
    a_worker("busy", seen_seconds_ago=5)
    row = a_running_task("busy", started_minutes_ago=600)

    assert reap(now=NOW).tasks_requeued == 0

    row.refresh_from_db()
    assert row.status == TaskResultStatus.RUNNING


def test_a_task_of_a_worker_without_heartbeat_is_requeued_only_when_old() -> None:
    old = a_running_task("plain-db-worker-1", started_minutes_ago=16)
    young = a_running_task("plain-db-worker-2", started_minutes_ago=14)

    reap(now=NOW)

    old.refresh_from_db()
    young.refresh_from_db()
    assert (old.status, young.status) == (TaskResultStatus.READY, TaskResultStatus.RUNNING)


def test_a_task_that_used_all_its_attempts_ends_failed_with_the_reason() -> None:
    a_worker("killed", seen_seconds_ago=120)
    row = a_running_task("killed", started_minutes_ago=3)
    DBTaskResult.objects.filter(pk=row.pk).update(worker_ids=["w1", "w2", "w3", "w4", "killed"])

    counts = reap(now=NOW)

    row.refresh_from_db()
    assert counts.tasks_failed == 1
    assert row.status == TaskResultStatus.FAILED
    assert row.task_result.errors[0].exception_class_path == WORKER_LOST


@pytest.mark.django_db(transaction=True)
def test_a_requeued_task_runs_again_and_succeeds() -> None:
    DONE.clear()
    a_worker("killed", seen_seconds_ago=120)
    row = a_running_task("killed", started_minutes_ago=3)
    reap(now=NOW)
    DBTaskResult.objects.filter(pk=row.pk).update(run_after=timezone.now())

    worker_drain()

    row.refresh_from_db()
    assert row.status == TaskResultStatus.SUCCESSFUL
    assert row.task_result.attempts == 2
    assert DONE == ["killed"]


def a_running_job(*, heartbeat_minutes_ago: float, attempts: int = 1) -> MaintenanceRun:
    beat = NOW - dt.timedelta(minutes=heartbeat_minutes_ago)
    return MaintenanceRun.objects.create(
        kind=MaintenanceKind.PRUNE,
        status=JobStatus.RUNNING,
        started_at=beat,
        heartbeat_at=beat,
        attempts=attempts,
    )


def test_a_persisted_job_without_news_is_reset_and_enqueued_again(
    django_capture_on_commit_callbacks: Callable[..., AbstractContextManager[object]],
) -> None:
    job = a_running_job(heartbeat_minutes_ago=20)

    with django_capture_on_commit_callbacks(execute=True):
        counts = reap(now=NOW)

    job.refresh_from_db()
    assert counts.jobs_requeued == 1
    assert job.status == JobStatus.PENDING
    queued = DBTaskResult.objects.filter(task_path=run_persisted_job.module_path).get()
    assert queued.args_kwargs["args"] == ["jobs.maintenancerun", job.pk]


def test_a_persisted_job_that_reports_progress_is_left_alone() -> None:
    job = a_running_job(heartbeat_minutes_ago=2)

    assert reap(now=NOW).jobs_requeued == 0

    job.refresh_from_db()
    assert job.status == JobStatus.RUNNING


def test_a_persisted_job_out_of_attempts_ends_failed_with_a_message() -> None:
    job = a_running_job(heartbeat_minutes_ago=20, attempts=5)

    counts = reap(now=NOW)

    job.refresh_from_db()
    assert counts.jobs_failed == 1
    assert job.status == JobStatus.FAILED
    assert "5" in job.error
    assert not DBTaskResult.objects.filter(task_path=run_persisted_job.module_path).exists()


@pytest.mark.django_db(transaction=True)
def test_a_reset_persisted_job_is_run_by_the_worker() -> None:
    job = a_running_job(heartbeat_minutes_ago=20)
    reap(now=NOW)

    worker_drain()

    job.refresh_from_db()
    assert (job.status, job.attempts) == (JobStatus.COMPLETE, 2)


def test_reaping_twice_changes_nothing_the_second_time() -> None:
    a_worker("killed", seen_seconds_ago=120)
    a_running_task("killed", started_minutes_ago=3)
    a_running_job(heartbeat_minutes_ago=20)
    reap(now=NOW)

    assert reap(now=NOW).as_dict() == {
        "tasks_requeued": 0,
        "tasks_failed": 0,
        "jobs_requeued": 0,
        "jobs_failed": 0,
    }


def test_a_broken_job_model_does_not_stop_the_sweep_of_the_others(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The first model swept has no table (an unapplied migration); the second is fine."""
    job = a_running_job(heartbeat_minutes_ago=20)
    real = reaper.persisted_jobs_stale
    calls: list[type[PersistedJob]] = []

    def first_call_broken(model: type[PersistedJob], now: dt.datetime) -> object:
        calls.append(model)
        if len(calls) == 1:
            raise OperationalError("no such table: reports_export")
        return real(model, now)

    monkeypatch.setattr(reaper, "persisted_jobs_stale", first_call_broken)
    monkeypatch.setattr(reaper, "persisted_job_models", lambda: [MaintenanceRun, MaintenanceRun])

    with pytest.raises(OperationalError):
        reap(now=NOW)

    job.refresh_from_db()
    assert job.status == JobStatus.PENDING
