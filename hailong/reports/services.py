"""Writes of the reports app: starting a report job."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.translation import gettext as _

from hailong.accounts.roles import Perm
from hailong.accounts.scope import user_can
from hailong.core.errors import PermissionDenied, ServiceError
from hailong.jobs.base import JobStatus, job_enqueue
from hailong.reports.kinds import kind_get
from hailong.reports.models import ReportJob

if TYPE_CHECKING:
    from hailong.accounts.models import User
    from hailong.units.models import AdministrativeUnit

MAX_UNFINISHED_PER_USER = 5


def report_job_start(
    *,
    actor: User,
    unit: AdministrativeUnit,
    kind: str,
    output_format: str,
    params: dict[str, Any] | None = None,
) -> ReportJob:
    """Create a report job for ``unit`` and enqueue it once the transaction commits.

    A report only shows what its requester may already read, so ``results.view`` on the unit is
    the permission. Rules: the kind exists and suits the unit, it offers the format, and one
    person has at most ``MAX_UNFINISHED_PER_USER`` reports waiting or running.
    """
    if not user_can(actor, Perm.VIEW_RESULTS, unit):
        raise PermissionDenied(_("Bạn không có quyền xem kết quả của đơn vị này."))
    report_kind = kind_get(kind)
    if report_kind is None or not report_kind.available_for(unit):
        raise ServiceError(_("Loại báo cáo này không dùng được cho đơn vị này."), field="kind")
    if output_format not in report_kind.formats:
        raise ServiceError(_("Loại báo cáo này không có định dạng đã chọn."), field="output_format")
    unfinished = ReportJob.objects.filter(
        created_by=actor, status__in=[JobStatus.PENDING, JobStatus.RUNNING]
    )
    if unfinished.count() >= MAX_UNFINISHED_PER_USER:
        raise ServiceError(_("Bạn đang có quá nhiều báo cáo chờ tạo. Hãy đợi chúng xong."))
    with transaction.atomic():
        job = ReportJob.objects.create(
            unit=unit, kind=kind, format=output_format, params=params or {}, created_by=actor
        )
        job_enqueue(job)
    return job
