"""Staff pages of reports: a unit's reports and the start form, a job's status, the download.

Reading results (``results.view``) on the unit is what every page needs: a report shows nothing
its reader could not already see. Outside the reader's units a job does not exist (404).
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from hailong.accounts.roles import Perm
from hailong.accounts.scope import get_for_user, get_unit_for_user
from hailong.core.http import AuthedHttpRequest
from hailong.core.views import form_page
from hailong.reports import selectors
from hailong.reports.formats import FORMATS
from hailong.reports.forms import ReportStartForm
from hailong.reports.models import ReportJob
from hailong.reports.services import report_job_start

LIST_LIMIT = 50


@login_required
def report_list(request: AuthedHttpRequest, unit_pk: int) -> HttpResponse:
    unit = get_unit_for_user(request.user, Perm.VIEW_RESULTS, unit_pk)
    form = ReportStartForm(request.POST if request.method == "POST" else None, unit=unit)
    return form_page(
        request,
        form,
        lambda data: report_job_start(actor=request.user, unit=unit, **data),
        template="reports/list.html",
        success_url=_status_url,
        success_message=_("Đã nhận yêu cầu. Hệ thống đang tạo báo cáo."),
        context={"unit": unit, "jobs": selectors.report_jobs_for(unit)[:LIST_LIMIT]},
    )


@login_required
def report_status(request: AuthedHttpRequest, unit_pk: int, pk: int) -> HttpResponse:
    job = _job(request, unit_pk, pk)
    # A job's own refusal is for the user; an unexpected crash stores a traceback, never shown.
    failure = "" if job.error.startswith("Traceback") else job.error
    context = {"job": job, "unit": job.unit, "failure": failure}
    return render(request, "reports/status.html", context)


@login_required
def report_download(request: AuthedHttpRequest, unit_pk: int, pk: int) -> FileResponse:
    job = _job(request, unit_pk, pk)
    if not job.has_file:
        raise Http404
    content_type = FORMATS[job.format].content_type
    handle = job.output.open("rb")
    return FileResponse(
        handle, as_attachment=True, filename=job.filename, content_type=content_type
    )


def _status_url(job: object) -> str:
    assert isinstance(job, ReportJob)
    return reverse("reports:status", args=[job.unit_id, job.pk])


def _job(request: AuthedHttpRequest, unit_pk: int, pk: int) -> ReportJob:
    jobs = ReportJob.objects.filter(unit_id=unit_pk).select_related("unit", "created_by")
    return get_for_user(jobs, request.user, Perm.VIEW_RESULTS, pk=pk)
