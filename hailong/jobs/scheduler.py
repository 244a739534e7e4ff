"""The scheduler tick: enqueue each periodic job whose current slot has not run yet.

Several schedulers may tick at once (one per machine, for availability): each tries to insert
the (job name, slot start) row; the unique constraint lets exactly one of them succeed, and
only that one enqueues. The row and the task are written in one transaction, so a scheduler
that dies in between leaves neither, and the next tick tries again.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.utils import timezone

from hailong.jobs.models import ScheduledRun
from hailong.jobs.schedule import SCHEDULE, PeriodicJob

logger = logging.getLogger(__name__)


def schedule_tick(
    *, now: dt.datetime | None = None, jobs: Iterable[PeriodicJob] | None = None
) -> list[ScheduledRun]:
    """Start every due job once for its current slot; return the runs this call started."""
    now = now or timezone.now()
    started = []
    for job in SCHEDULE if jobs is None else jobs:
        run = scheduled_run_start(job, job.slot_start(now))
        if run is not None:
            started.append(run)
    return started


def scheduled_run_start(job: PeriodicJob, slot_start: dt.datetime) -> ScheduledRun | None:
    """Claim the slot and enqueue the job, or return None if the slot is already taken.

    1. Cheap check: the slot row exists already (the common case) → nothing to do.
    2. Insert the slot row; a concurrent scheduler's row makes it raise IntegrityError.
    3. Enqueue in the same transaction and remember the task result id on the row.
    """
    if ScheduledRun.objects.filter(name=job.name, slot_start=slot_start).exists():
        return None
    try:
        with transaction.atomic():
            run = ScheduledRun.objects.create(name=job.name, slot_start=slot_start)
            run.task_result_id = job.enqueue().id
            run.save(update_fields=["task_result_id"])
    except IntegrityError:
        logger.debug("slot %s %s taken by another scheduler", job.name, slot_start)
        return None
    logger.info("scheduled %s for slot %s", job.name, slot_start.isoformat())
    return run
