"""The reaper: recover work whose worker died (``kill -9``, crash, lost machine).

Two kinds of rows can be left RUNNING forever:

* django-tasks-db task rows. Stale when the heartbeat of the worker that claimed the row is
  older than four beats, or (a worker without heartbeat, e.g. plain ``db_worker``) when the row
  started more than ``HAILONG_TASK_STALE_SECONDS`` ago. A long task on a live worker is left
  alone.
* Our persisted jobs (every concrete ``PersistedJob``). Stale when neither the claim nor a
  progress report happened in the last ``HAILONG_TASK_STALE_SECONDS``.

A stale row is run again (tasks are idempotent) until its attempts are used up, then it ends
FAILED with a message saying why. Every change is a conditional UPDATE on the state that was
read, so two reapers, or a worker finishing at the same moment, never clash.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import asdict, dataclass
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import DatabaseError
from django.db.models import QuerySet
from django.db.models.functions import Coalesce
from django.tasks.base import TaskResultStatus
from django.utils import timezone
from django.utils.translation import gettext
from django_tasks_db.models import DBTaskResult

from hailong.jobs.base import JobStatus, PersistedJob, job_enqueue
from hailong.jobs.heartbeat import heartbeat_stale_after
from hailong.jobs.models import WorkerHeartbeat
from hailong.jobs.retry import retry_policy_for

logger = logging.getLogger(__name__)


class WorkerLost(Exception):
    """The worker running a task stopped answering; recorded on the task row."""


WORKER_LOST = f"{WorkerLost.__module__}.{WorkerLost.__qualname__}"


@dataclass
class ReapCounts:
    tasks_requeued: int = 0
    tasks_failed: int = 0
    jobs_requeued: int = 0
    jobs_failed: int = 0

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


def stale_seconds() -> dt.timedelta:
    return dt.timedelta(seconds=int(settings.HAILONG_TASK_STALE_SECONDS))


def reap(*, now: dt.datetime | None = None) -> ReapCounts:
    """Recover stale task rows, then stale persisted jobs."""
    now = now or timezone.now()
    counts = ReapCounts()
    task_results_reap(now=now, counts=counts)
    persisted_jobs_reap(now=now, counts=counts)
    return counts


# Task rows -------------------------------------------------------------------------------


def task_results_reap(*, now: dt.datetime, counts: ReapCounts) -> None:
    """Requeue or fail the RUNNING task rows whose worker is gone.

    1. Load the RUNNING rows and the last beat of every worker that claimed one.
    2. Decide per row whether it is stale (see ``task_result_stale_reason``).
    3. Recover each stale row with a conditional UPDATE.
    """
    running = list(DBTaskResult.objects.running())
    workers = {row.worker_ids[-1] for row in running if row.worker_ids}
    beats = dict(
        WorkerHeartbeat.objects.filter(worker_id__in=workers).values_list("worker_id", "seen_at")
    )
    for row in running:
        reason = task_result_stale_reason(row, beats, now)
        if reason:
            task_result_recover(row, reason=reason, now=now, counts=counts)


def task_result_stale_reason(
    row: DBTaskResult[Any, Any], beats: dict[str, dt.datetime], now: dt.datetime
) -> str:
    """Why this RUNNING row counts as abandoned, or "" if it may still be running."""
    worker = row.worker_ids[-1] if row.worker_ids else ""
    seen = beats.get(worker)
    if seen is not None:
        if (now - seen).total_seconds() > heartbeat_stale_after():
            return f"worker {worker} last seen at {seen.isoformat()}"
        return ""
    started = row.started_at or row.enqueued_at
    if now - started > stale_seconds():
        return f"worker {worker or '?'} has no heartbeat; running since {started.isoformat()}"
    return ""


def task_result_recover(
    row: DBTaskResult[Any, Any], *, reason: str, now: dt.datetime, counts: ReapCounts
) -> None:
    """RUNNING → READY (after backoff) while attempts remain, else RUNNING → FAILED."""
    policy = retry_policy_for(row)
    attempt = len(row.worker_ids)
    same_claim = DBTaskResult.objects.filter(
        pk=row.pk, status=TaskResultStatus.RUNNING, started_at=row.started_at
    )
    error = {"exception_class_path": WORKER_LOST, "traceback": f"{WORKER_LOST}: {reason}\n"}
    if attempt < policy.attempts_allowed():
        run_after = now + dt.timedelta(seconds=policy.backoff.delay(attempt))
        if same_claim.update(status=TaskResultStatus.READY, run_after=run_after, **error):
            counts.tasks_requeued += 1
            logger.warning("task %s requeued: %s", row.pk, reason)
    elif same_claim.update(status=TaskResultStatus.FAILED, finished_at=now, **error):
        counts.tasks_failed += 1
        logger.error("task %s failed after %d attempts: %s", row.pk, attempt, reason)


# Persisted jobs --------------------------------------------------------------------------


def persisted_job_models() -> list[type[PersistedJob]]:
    """Every concrete ``PersistedJob`` subclass installed, found through the app registry."""
    return [model for model in apps.get_models() if issubclass(model, PersistedJob)]


def persisted_jobs_stale(model: type[PersistedJob], now: dt.datetime) -> QuerySet[PersistedJob]:
    last_sign = Coalesce("heartbeat_at", "started_at")
    rows = model._default_manager.filter(status=JobStatus.RUNNING)
    return rows.alias(last_sign=last_sign).filter(last_sign__lt=now - stale_seconds())


def persisted_jobs_reap(*, now: dt.datetime, counts: ReapCounts) -> None:
    """Sweep every job model; one broken model (say, an unapplied migration) does not stop
    the sweep of the others, and its error is raised at the end so the run shows FAILED."""
    errors: list[DatabaseError] = []
    for model in persisted_job_models():
        try:
            for job in persisted_jobs_stale(model, now):
                persisted_job_recover(job, now=now, counts=counts)
        except DatabaseError as exc:
            logger.exception("could not reap %s", model._meta.label)
            errors.append(exc)
    if errors:
        raise errors[0]


def persisted_job_recover(job: PersistedJob, *, now: dt.datetime, counts: ReapCounts) -> None:
    """RUNNING → PENDING and enqueue while attempts remain, else RUNNING → FAILED."""
    same_claim = type(job)._default_manager.filter(
        pk=job.pk, status=JobStatus.RUNNING, attempts=job.attempts
    )
    if job.attempts < job.max_attempts():
        if same_claim.update(status=JobStatus.PENDING, heartbeat_at=None):
            job_enqueue(job)
            counts.jobs_requeued += 1
            logger.warning("job %s %s requeued", type(job).__name__, job.pk)
        return
    error = gettext(
        "Tiến trình xử lý bị dừng đột ngột; đã thử %(attempts)d lần nên không thử lại nữa."
    ) % {"attempts": job.attempts}
    if same_claim.update(status=JobStatus.FAILED, finished_at=now, error=error):
        counts.jobs_failed += 1
        logger.error("job %s %s failed after %d attempts", type(job).__name__, job.pk, job.attempts)
