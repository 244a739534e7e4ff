"""Persisted jobs: long work as a database row with a status, progress, error and timings.

Modelled on KoboToolbox's export job: the row is created (PENDING) by a service, a background
task only loads it and calls ``run()``; ``run()`` claims the row with a conditional UPDATE (so it
never runs twice), records progress as it goes, and ends COMPLETE or FAILED with its own error.
A page polls the row to draw a progress bar.

A concrete job subclasses ``PersistedJob`` and implements ``execute(progress)``.

Recovery: each claim counts an attempt and stamps ``heartbeat_at``, which ``set_progress``
refreshes. A job left RUNNING by a dead worker (no heartbeat for
``HAILONG_TASK_STALE_SECONDS``) is put back to PENDING and re-enqueued by the reaper
(``hailong.jobs.reaper``), or ends FAILED after ``max_attempts()``. A long job must therefore
report progress at least that often. A run that lost its claim this way never overwrites the
newer attempt's outcome.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from typing import Any, ClassVar

from django.conf import settings
from django.db import models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

Progress = Callable[[int, int], None]


class JobStatus(models.TextChoices):
    PENDING = "pending", _("Đang chờ")
    RUNNING = "running", _("Đang chạy")
    COMPLETE = "complete", _("Hoàn thành")
    FAILED = "failed", _("Lỗi")


class JobFailed(Exception):
    """Raised by ``execute`` with a message for the user; the job ends FAILED with it."""


class PersistedJob(models.Model):
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=JobStatus.choices, default=JobStatus.PENDING
    )
    progress_done = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(default=0)
    error = models.TextField(_("lỗi"), blank=True, default="")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("số lần chạy"), default=0)
    heartbeat_at = models.DateTimeField(null=True, blank=True, editable=False)

    PROGRESS_EVERY: ClassVar[int] = 500
    MAX_ATTEMPTS: ClassVar[int | None] = None  # None: settings.HAILONG_TASK_MAX_ATTEMPTS

    class Meta:
        abstract = True

    @property
    def percent(self) -> int:
        if self.status == JobStatus.COMPLETE:
            return 100
        if not self.progress_total:
            return 0
        return min(100, int(100 * self.progress_done / self.progress_total))

    @property
    def is_finished(self) -> bool:
        return self.status in {JobStatus.COMPLETE, JobStatus.FAILED}

    @property
    def seconds(self) -> float | None:
        if self.started_at and self.finished_at:
            return (self.finished_at - self.started_at).total_seconds()
        return None

    @classmethod
    def max_attempts(cls) -> int:
        return cls.MAX_ATTEMPTS or int(settings.HAILONG_TASK_MAX_ATTEMPTS)

    def claim(self) -> bool:
        """PENDING → RUNNING with a conditional UPDATE; False if someone else has it."""
        now = timezone.now()
        rows = type(self)._default_manager.filter(pk=self.pk, status=JobStatus.PENDING)
        claimed = rows.update(
            status=JobStatus.RUNNING, started_at=now, heartbeat_at=now, attempts=F("attempts") + 1
        )
        if claimed:
            self.refresh_from_db(fields=["attempts"])
            self.status, self.started_at, self.heartbeat_at = JobStatus.RUNNING, now, now
        return bool(claimed)

    def set_progress(self, done: int, total: int) -> None:
        """Record progress; it doubles as the heartbeat that keeps the reaper away."""
        self.progress_done, self.progress_total = done, total
        self.heartbeat_at = timezone.now()
        type(self)._default_manager.filter(pk=self.pk).update(
            progress_done=done, progress_total=total, heartbeat_at=self.heartbeat_at
        )

    def run(self) -> bool:
        """Claim and execute the job once; return whether this call ran it."""
        if not self.claim():
            logger.info("job %s %s not pending, skipped", type(self).__name__, self.pk)
            return False
        try:
            self.execute(self.set_progress)
        except JobFailed as exc:
            self._finish(JobStatus.FAILED, str(exc))
        except Exception:
            logger.exception("job %s %s failed", type(self).__name__, self.pk)
            self._finish(JobStatus.FAILED, traceback.format_exc(limit=5))
            raise
        else:
            self._finish(JobStatus.COMPLETE, "")
        return True

    def _finish(self, status: str, error: str) -> None:
        """Save the outcome, unless the reaper gave the job to a newer attempt meanwhile."""
        self.status, self.error, self.finished_at = status, error, timezone.now()
        fields = ["status", "error", "finished_at", "progress_done", "progress_total"]
        with transaction.atomic():
            if not self._still_claimed():
                logger.warning(
                    "job %s %s lost its claim, outcome dropped", type(self).__name__, self.pk
                )
                return
            self.save(update_fields=[*fields, *self.result_fields()])

    def _still_claimed(self) -> bool:
        rows = type(self)._default_manager.select_for_update().filter(pk=self.pk)
        return rows.filter(status=JobStatus.RUNNING, attempts=self.attempts).exists()

    def result_fields(self) -> list[str]:
        """Fields ``execute`` fills in that ``_finish`` must save too."""
        return []

    def execute(self, progress: Progress) -> None:
        raise NotImplementedError


def job_enqueue(job: PersistedJob) -> None:
    """Run ``job`` in the background once the current transaction commits."""
    from hailong.jobs.tasks import run_persisted_job

    label = f"{job._meta.app_label}.{job._meta.model_name}"
    transaction.on_commit(lambda: run_persisted_job.enqueue(label, job.pk))


def job_load(label: str, pk: Any) -> PersistedJob:
    from django.apps import apps

    model = apps.get_model(label)
    job: PersistedJob = model.objects.get(pk=pk)
    return job
