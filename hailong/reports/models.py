"""Report jobs: a document or table of a unit, produced in the background, kept as a file."""

from __future__ import annotations

import secrets
from typing import ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _

from hailong.jobs.base import PersistedJob, Progress


class ReportFormat(models.TextChoices):
    PDF = "pdf", _("PDF")
    DOCX = "docx", _("Word (DOCX)")
    XLSX = "xlsx", _("Excel (XLSX)")
    CSV = "csv", _("CSV")


def report_upload_to(instance: ReportJob, filename: str) -> str:
    """An unguessable stored name under ``reports/``; users download it as ``job.filename``."""
    return f"reports/{secrets.token_hex(16)}.{instance.format}"


class ReportJob(PersistedJob):
    """One request for a report of a unit: which kind, which format, and the file it produced.

    ``kind`` is a key of ``hailong.reports.kinds.KINDS``; ``params`` are the kind's options.
    """

    unit = models.ForeignKey(
        "units.AdministrativeUnit",
        verbose_name=_("đơn vị"),
        on_delete=models.CASCADE,
        related_name="report_jobs",
    )
    kind = models.CharField(_("loại báo cáo"), max_length=50)
    format = models.CharField(_("định dạng"), max_length=10, choices=ReportFormat.choices)
    params = models.JSONField(_("tham số"), default=dict, blank=True)
    output = models.FileField(_("tệp"), upload_to=report_upload_to, max_length=200, blank=True)
    filename = models.CharField(_("tên tệp"), max_length=200, blank=True, default="")

    class Meta:
        verbose_name = _("báo cáo")
        verbose_name_plural = _("báo cáo")
        ordering: ClassVar[list[str]] = ["-created_at", "-pk"]
        indexes: ClassVar[list[models.Index]] = [models.Index(fields=["unit", "-created_at"])]

    def __str__(self) -> str:
        return self.filename or f"{self.kind}.{self.format}"

    @property
    def kind_label(self) -> str:
        from hailong.reports.kinds import kind_get

        kind = kind_get(self.kind)
        return str(kind.label) if kind else self.kind

    @property
    def has_file(self) -> bool:
        return self.status == "complete" and bool(self.output)

    def result_fields(self) -> list[str]:
        return ["output", "filename"]

    def execute(self, progress: Progress) -> None:
        from hailong.reports.running import report_job_execute

        report_job_execute(self, progress)
