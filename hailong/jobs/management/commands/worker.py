"""``hailong worker``: run background tasks (django-tasks-db) with retries and a heartbeat.

Run as many as you like, on any machine that reaches the database. SIGTERM or Ctrl-C lets the
current task finish, then exits; a second signal aborts the task (it is run again later).
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.tasks import DEFAULT_TASK_BACKEND_ALIAS

from hailong.jobs.worker import HailongWorker, worker_id_new


def default_queues() -> str:
    return ",".join(settings.TASKS[DEFAULT_TASK_BACKEND_ALIAS].get("QUEUES") or ["default"])


class Command(BaseCommand):
    help = "Chạy tiến trình xử lý nền (hàng đợi default, reports, imports)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--queues", default=None, help="Comma-separated, '*' for all.")
        parser.add_argument("--interval", type=float, default=1.0, help="Idle poll, seconds.")
        parser.add_argument("--batch", action="store_true", help="Exit when the queue is empty.")
        parser.add_argument("--max-tasks", type=int, default=None)
        parser.add_argument("--worker-id", default=None, help="Unique id (default: host-pid-…).")
        parser.add_argument("--no-startup-delay", dest="startup_delay", action="store_false")

    def handle(self, *args: Any, **options: Any) -> None:
        self._configure_logging(options["verbosity"])
        worker = HailongWorker(
            queue_names=(options["queues"] or default_queues()).split(","),
            interval=options["interval"],
            batch=options["batch"],
            backend_name=DEFAULT_TASK_BACKEND_ALIAS,
            startup_delay=options["startup_delay"],
            max_tasks=options["max_tasks"],
            worker_id=(options["worker_id"] or worker_id_new())[:64],
            excluded_queue_names=[],
        )
        worker.configure_signals()
        try:
            worker.run()
        finally:
            worker.reset_signals()

    def _configure_logging(self, verbosity: int) -> None:
        level = {0: logging.WARNING, 1: logging.INFO}.get(verbosity, logging.DEBUG)
        for name in ("django_tasks_db", "django.tasks", "hailong.jobs"):
            logging.getLogger(name).setLevel(level)
