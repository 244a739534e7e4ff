"""``hailong scheduler``: enqueue periodic jobs (``hailong.jobs.schedule``) on time.

Safe to run on several machines at once: each (job, slot) is enqueued exactly once.
``--once`` runs a single tick (for tests and cron).
"""

from __future__ import annotations

import logging
import signal
import threading
from types import FrameType
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import DatabaseError, close_old_connections

from hailong.jobs.models import ScheduledRun
from hailong.jobs.scheduler import schedule_tick

logger = logging.getLogger("hailong.jobs.scheduler")


class Command(BaseCommand):
    help = "Chạy bộ lập lịch các công việc định kỳ."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="Run one tick and exit.")
        parser.add_argument("--interval", type=float, default=10.0, help="Seconds between ticks.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["once"]:
            for run in self._tick():
                self.stdout.write(f"{run.name} {run.slot_start.isoformat()} {run.task_result_id}")
            return
        stop = threading.Event()

        def request_stop(signum: int, frame: FrameType | None) -> None:
            logger.info("received %s, stopping", signal.strsignal(signum))
            stop.set()

        signal.signal(signal.SIGTERM, request_stop)
        signal.signal(signal.SIGINT, request_stop)
        logger.info("scheduler started, tick every %.0f s", options["interval"])
        while not stop.is_set():
            self._tick()
            stop.wait(options["interval"])

    def _tick(self) -> list[ScheduledRun]:
        """One tick; a database hiccup is logged and retried at the next tick."""
        close_old_connections()
        try:
            return schedule_tick()
        except DatabaseError:
            logger.exception("scheduler tick failed")
            return []
