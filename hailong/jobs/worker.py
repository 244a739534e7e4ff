"""Our worker: django-tasks-db's ``Worker`` plus retries and a heartbeat."""

from __future__ import annotations

import logging
import os
import socket
from typing import Any

from django.db import DatabaseError
from django.tasks.base import TaskResultStatus
from django.utils.crypto import get_random_string
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from hailong.jobs.heartbeat import Heartbeat
from hailong.jobs.retry import task_result_retry

logger = logging.getLogger(__name__)


def worker_id_new() -> str:
    """``host-pid-random``: unique across the pool and readable in the task rows."""
    host = socket.gethostname().split(".")[0][:40]
    return f"{host}-{os.getpid()}-{get_random_string(8)}"[:64]


class HailongWorker(Worker):
    """Runs tasks like ``db_worker``; a failed retryable task is put back with backoff.

    SIGTERM/SIGINT: finish the current task, then exit (a second signal aborts it; the
    aborted task is put back to READY as an interruption).
    """

    def __init__(self, *, heartbeat_interval: float | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.heartbeat_interval = heartbeat_interval

    def run(self) -> None:
        with Heartbeat(
            worker_id=self.worker_id, queues=self.queue_names, interval=self.heartbeat_interval
        ):
            super().run()

    def run_task(self, db_task_result: DBTaskResult[Any, Any]) -> None:
        super().run_task(db_task_result)
        if db_task_result.status != TaskResultStatus.FAILED:
            return
        try:
            task_result_retry(db_task_result)
        except DatabaseError:
            logger.exception("could not schedule a retry of task %s", db_task_result.pk)
