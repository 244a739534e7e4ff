"""Housekeeping the scheduler runs: the reaper (every minute) and the prune (daily).

``MAINTENANCE`` maps a ``MaintenanceKind`` to the function that does it; ``MaintenanceRun``
looks it up, so adding a kind is one function, one enum member and one schedule entry.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.conf import settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from hailong.jobs.base import JobStatus
from hailong.jobs.heartbeat import heartbeat_stale_after
from hailong.jobs.models import MaintenanceKind, MaintenanceRun, ScheduledRun, WorkerHeartbeat
from hailong.jobs.reaper import reap

# Heartbeat rows of workers gone this long are deleted (they stopped without cleaning up).
HEARTBEAT_KEEP = dt.timedelta(days=1)


def prune(*, now: dt.datetime | None = None) -> dict[str, int]:
    """Delete finished task results, scheduler slots and maintenance runs past their age.

    Unfinished rows (READY, RUNNING, PENDING) are never touched: the reaper owns those.
    """
    now = now or timezone.now()
    cutoff = now - dt.timedelta(days=int(settings.HAILONG_TASK_RESULT_DAYS))
    finished = [JobStatus.COMPLETE, JobStatus.FAILED]
    dead_workers = now - max(HEARTBEAT_KEEP, dt.timedelta(seconds=heartbeat_stale_after()))
    return {
        "task_results": DBTaskResult.objects.finished().filter(finished_at__lt=cutoff).delete()[0],
        "scheduled_runs": ScheduledRun.objects.filter(slot_start__lt=cutoff).delete()[0],
        "maintenance_runs": MaintenanceRun.objects.filter(
            status__in=finished, created_at__lt=cutoff
        ).delete()[0],
        "heartbeats": WorkerHeartbeat.objects.filter(seen_at__lt=dead_workers).delete()[0],
    }


def _reap() -> dict[str, int]:
    return reap().as_dict()


MAINTENANCE: dict[str, Callable[[], dict[str, int]]] = {
    MaintenanceKind.REAP: _reap,
    MaintenanceKind.PRUNE: prune,
}


def maintenance_run(kind: str) -> MaintenanceRun:
    """Record a maintenance run and do it now (we are already inside a background task)."""
    job = MaintenanceRun.objects.create(kind=kind)
    job.run()
    return job
