"""Periodic jobs, declared in code. ``hailong scheduler`` enqueues each one once per slot.

A slot is the time window a run belongs to: the current minute for ``Every(60)``, today's
02:30 (Asia/Ho_Chi_Minh) for ``DailyAt(2, 30)``. A scheduler that was down catches up with the
latest missed slot only, never with every slot it missed.

To add a periodic job: write an idempotent ``@task``, add a ``PeriodicJob`` to ``SCHEDULE``
with a unique, stable name (renaming it makes the next slot run again), and a test.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from django.tasks import Task, TaskResult

from hailong.campaigns.tasks import send_campaign_digest
from hailong.indices.tasks import compact_aggregates
from hailong.jobs.models import MaintenanceKind
from hailong.jobs.tasks import run_maintenance
from hailong.portal.tasks import flush_visits
from hailong.responses.tasks import purge_responses_housekeeping
from hailong.sampling.tasks import purge_sample_contacts

LOCAL_TZ = ZoneInfo("Asia/Ho_Chi_Minh")


@dataclass(frozen=True)
class Every:
    """Every ``seconds``, slots aligned on the Unix epoch (so on whole minutes, hours…)."""

    seconds: int

    def slot_start(self, now: dt.datetime) -> dt.datetime:
        epoch = int(now.timestamp())
        return dt.datetime.fromtimestamp(epoch - epoch % self.seconds, tz=dt.UTC)


@dataclass(frozen=True)
class DailyAt:
    """Once a day at ``hour:minute``, Vietnam time (no daylight saving there)."""

    hour: int
    minute: int = 0

    def slot_start(self, now: dt.datetime) -> dt.datetime:
        local = now.astimezone(LOCAL_TZ)
        start = local.replace(hour=self.hour, minute=self.minute, second=0, microsecond=0)
        if start > local:
            start -= dt.timedelta(days=1)
        return start.astimezone(dt.UTC)


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    task: Task[..., Any]
    when: Every | DailyAt
    args: tuple[Any, ...] = ()

    def slot_start(self, now: dt.datetime) -> dt.datetime:
        return self.when.slot_start(now)

    def enqueue(self) -> TaskResult[..., Any]:
        return self.task.enqueue(*self.args)


SCHEDULE: tuple[PeriodicJob, ...] = (
    PeriodicJob("jobs.reap", run_maintenance, Every(60), (MaintenanceKind.REAP.value,)),
    PeriodicJob("jobs.prune", run_maintenance, DailyAt(2, 30), (MaintenanceKind.PRUNE.value,)),
    PeriodicJob("responses.purge", purge_responses_housekeeping, Every(3600)),
    PeriodicJob("campaigns.digest", send_campaign_digest, DailyAt(6, 0)),
    PeriodicJob("sampling.purge_contacts", purge_sample_contacts, DailyAt(3, 15)),
    PeriodicJob("portal.flush_visits", flush_visits, Every(300)),
    PeriodicJob("indices.compact_aggregates", compact_aggregates, Every(3600)),
)
