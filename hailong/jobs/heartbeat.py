"""Worker heartbeats: a row per live worker, refreshed by a thread, read by the reaper."""

from __future__ import annotations

import logging
import os
import socket
import threading
from types import TracebackType

from django.conf import settings
from django.db import DatabaseError, connections
from django.utils import timezone

from hailong.jobs.models import WorkerHeartbeat

logger = logging.getLogger(__name__)


def heartbeat_interval() -> float:
    return float(settings.HAILONG_WORKER_HEARTBEAT_SECONDS)


def heartbeat_stale_after() -> float:
    """Seconds without a beat after which a worker counts as dead (four missed beats)."""
    return 4 * heartbeat_interval()


def heartbeat_register(*, worker_id: str, queues: list[str]) -> WorkerHeartbeat:
    now = timezone.now()
    beat, _ = WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={
            "hostname": socket.gethostname()[:255],
            "pid": os.getpid(),
            "queues": ",".join(queues)[:255],
            "started_at": now,
            "seen_at": now,
        },
    )
    return beat


def heartbeat_beat(*, worker_id: str, queues: list[str]) -> None:
    """Refresh the row; recreate it if the prune removed it while we were busy."""
    if not WorkerHeartbeat.objects.filter(worker_id=worker_id).update(seen_at=timezone.now()):
        heartbeat_register(worker_id=worker_id, queues=queues)


def heartbeat_remove(*, worker_id: str) -> None:
    WorkerHeartbeat.objects.filter(worker_id=worker_id).delete()


class Heartbeat:
    """Context manager: register, beat from a thread while the body runs, then remove.

    The thread has its own database connection, so a task that keeps the main thread busy
    for an hour still shows a live worker.
    """

    def __init__(self, *, worker_id: str, queues: list[str], interval: float | None = None):
        self.worker_id, self.queues = worker_id, queues
        self.interval = heartbeat_interval() if interval is None else interval
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="heartbeat", daemon=True)

    def __enter__(self) -> Heartbeat:
        heartbeat_register(worker_id=self.worker_id, queues=self.queues)
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._stop.set()
        self._thread.join(timeout=self.interval + 5)
        try:
            heartbeat_remove(worker_id=self.worker_id)
        except DatabaseError:
            logger.warning("could not remove heartbeat of %s", self.worker_id, exc_info=True)

    def _loop(self) -> None:
        try:
            while not self._stop.wait(self.interval):
                self._beat_once()
        finally:
            connections.close_all()

    def _beat_once(self) -> None:
        try:
            heartbeat_beat(worker_id=self.worker_id, queues=self.queues)
        except DatabaseError:
            logger.warning("heartbeat of %s failed", self.worker_id, exc_info=True)
