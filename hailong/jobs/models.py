"""Rows the background machinery keeps: worker heartbeats, scheduler slots, maintenance runs."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hailong.jobs.base import PersistedJob, Progress


class WorkerHeartbeat(models.Model):
    """One row per running ``hailong worker``, refreshed while it lives, deleted when it stops.

    The reaper reads it to tell a long task on a live worker from a task whose worker died.
    """

    worker_id = models.CharField(_("mã tiến trình"), max_length=64, unique=True)
    hostname = models.CharField(_("máy"), max_length=255, blank=True)
    pid = models.PositiveIntegerField(_("PID"), default=0)
    queues = models.CharField(_("hàng đợi"), max_length=255, blank=True)
    started_at = models.DateTimeField(_("bắt đầu"), default=timezone.now)
    seen_at = models.DateTimeField(_("lần cuối còn hoạt động"), default=timezone.now)

    class Meta:
        verbose_name = _("tiến trình xử lý nền")
        verbose_name_plural = _("tiến trình xử lý nền")

    def __str__(self) -> str:
        return f"{self.worker_id} ({self.hostname}:{self.pid})"


class ScheduledRun(models.Model):
    """One row per (periodic job, time slot): the unique key is what stops a double run."""

    name = models.CharField(_("công việc định kỳ"), max_length=100)
    slot_start = models.DateTimeField(_("khung giờ"))
    enqueued_at = models.DateTimeField(_("đưa vào hàng đợi lúc"), default=timezone.now)
    task_result_id = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("lượt chạy định kỳ")
        verbose_name_plural = _("lượt chạy định kỳ")
        ordering = ["-slot_start", "name"]
        constraints = [
            models.UniqueConstraint(fields=["name", "slot_start"], name="jobs_scheduledrun_once")
        ]

    def __str__(self) -> str:
        return f"{self.name} @ {self.slot_start:%Y-%m-%d %H:%M}"


class MaintenanceKind(models.TextChoices):
    REAP = "reap", _("Thu hồi việc bị treo")
    PRUNE = "prune", _("Dọn kết quả cũ")


class MaintenanceRun(PersistedJob):
    """A run of the reaper or of the prune, kept so operators can see what they did."""

    kind = models.CharField(_("loại"), max_length=10, choices=MaintenanceKind.choices)
    result = models.JSONField(_("kết quả"), default=dict, blank=True)

    class Meta:
        verbose_name = _("lượt bảo trì")
        verbose_name_plural = _("lượt bảo trì")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status"], name="jobs_maint_status_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"

    def result_fields(self) -> list[str]:
        return ["result"]

    def execute(self, progress: Progress) -> None:
        from hailong.jobs.maintenance import MAINTENANCE

        counts: dict[str, Any] = MAINTENANCE[self.kind]()
        self.result = counts
