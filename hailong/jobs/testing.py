"""Helpers for tests that drive background work in-process (no subprocess, no sleeping)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.tasks import DEFAULT_TASK_BACKEND_ALIAS, TaskResult
from django.tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from hailong.jobs.worker import HailongWorker

TEST_QUEUES = ["default", "reports", "imports"]


def worker_make(
    *, worker_id: str = "test-worker", heartbeat_interval: float = 60.0
) -> HailongWorker:
    return HailongWorker(
        queue_names=TEST_QUEUES,
        interval=0,
        batch=True,
        backend_name=DEFAULT_TASK_BACKEND_ALIAS,
        startup_delay=False,
        max_tasks=None,
        worker_id=worker_id,
        excluded_queue_names=[],
        heartbeat_interval=heartbeat_interval,
    )


def worker_drain(**kwargs: Any) -> HailongWorker:
    """Run every task that is ready now, then return (``--batch``)."""
    worker = worker_make(**kwargs)
    worker.run()
    return worker


def db_row(result: TaskResult[..., Any]) -> DBTaskResult[Any, Any]:
    row: DBTaskResult[Any, Any] = DBTaskResult.objects.get(pk=result.id)
    return row


def db_row_mark_running(
    result: TaskResult[..., Any], *, worker_ids: list[str], started_at: dt.datetime
) -> DBTaskResult[Any, Any]:
    """Make a queued row look like a worker claimed it (and maybe died holding it)."""
    DBTaskResult.objects.filter(pk=result.id).update(
        status=TaskResultStatus.RUNNING, worker_ids=worker_ids, started_at=started_at
    )
    return db_row(result)
