"""The daily prune and the maintenance task the scheduler enqueues."""

from __future__ import annotations

import datetime as dt

import pytest
from django.tasks import task
from django.tasks.base import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from hailong.jobs.base import JobStatus
from hailong.jobs.maintenance import prune
from hailong.jobs.models import MaintenanceKind, MaintenanceRun, ScheduledRun, WorkerHeartbeat
from hailong.jobs.tasks import run_maintenance
from hailong.jobs.testing import worker_drain

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 3, 5, 8, 0, tzinfo=dt.UTC)


@task()
def noop() -> None:
    return None


def a_task_row(status: str, *, finished_days_ago: float | None) -> str:
    result = noop.enqueue()
    finished = None if finished_days_ago is None else NOW - dt.timedelta(days=finished_days_ago)
    DBTaskResult.objects.filter(pk=result.id).update(status=status, finished_at=finished)
    return result.id


def test_the_prune_deletes_old_finished_rows_and_keeps_the_rest() -> None:
    old_ok = a_task_row(TaskResultStatus.SUCCESSFUL, finished_days_ago=15)
    old_failed = a_task_row(TaskResultStatus.FAILED, finished_days_ago=15)
    recent = a_task_row(TaskResultStatus.SUCCESSFUL, finished_days_ago=13)
    waiting = a_task_row(TaskResultStatus.READY, finished_days_ago=None)
    running = a_task_row(TaskResultStatus.RUNNING, finished_days_ago=None)
    ScheduledRun.objects.create(name="jobs.reap", slot_start=NOW - dt.timedelta(days=15))
    ScheduledRun.objects.create(name="jobs.reap", slot_start=NOW - dt.timedelta(days=1))
    WorkerHeartbeat.objects.create(worker_id="gone", seen_at=NOW - dt.timedelta(days=2))
    WorkerHeartbeat.objects.create(worker_id="alive", seen_at=NOW)

    counts = prune(now=NOW)

    assert counts == {
        "task_results": 2,
        "scheduled_runs": 1,
        "maintenance_runs": 0,
        "heartbeats": 1,
    }
    left = {str(pk) for pk in DBTaskResult.objects.values_list("pk", flat=True)}
    assert left == {recent, waiting, running}
    assert old_ok not in left
    assert old_failed not in left
    assert list(WorkerHeartbeat.objects.values_list("worker_id", flat=True)) == ["alive"]


def test_the_prune_keeps_unfinished_maintenance_runs() -> None:
    old = NOW - dt.timedelta(days=30)
    MaintenanceRun.objects.create(
        kind=MaintenanceKind.REAP, status=JobStatus.COMPLETE, created_at=old
    )
    kept = MaintenanceRun.objects.create(
        kind=MaintenanceKind.REAP, status=JobStatus.RUNNING, created_at=old
    )

    assert prune(now=NOW)["maintenance_runs"] == 1
    assert list(MaintenanceRun.objects.all()) == [kept]


@pytest.mark.django_db(transaction=True)
def test_the_maintenance_task_records_what_it_did() -> None:
    result = run_maintenance.enqueue(MaintenanceKind.REAP.value)

    worker_drain()

    row = DBTaskResult.objects.get(pk=result.id)
    run = MaintenanceRun.objects.get()
    assert row.status == TaskResultStatus.SUCCESSFUL
    assert row.return_value == {"status": "complete", "result": run.result}
    assert run.kind == MaintenanceKind.REAP
    assert run.result == {
        "tasks_requeued": 0,
        "tasks_failed": 0,
        "jobs_requeued": 0,
        "jobs_failed": 0,
    }
    assert run.finished_at is not None
    assert run.finished_at <= timezone.now()
