"""The emulation ranking page of a commune-level unit, and its export as a report job.

``results.view`` on the unit: the page shows aggregates only (per department and officer, with
the share hidden under the minimum), never a dossier or a rating, so a one-stop officer reads
no more about a colleague than the emulation council does.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hailong.accounts.roles import Perm
from hailong.accounts.scope import get_unit_for_user
from hailong.core.errors import ServiceError
from hailong.core.http import AuthedHttpRequest
from hailong.performance import sources
from hailong.performance.emulation import (
    DEFAULT_MIN_N,
    default_period,
    emulation_ranking,
    rules_text,
)
from hailong.performance.forms import ExportForm, PeriodForm
from hailong.reports.services import report_job_start
from hailong.units.models import AdministrativeUnit, UnitLevel


def _ward(request: AuthedHttpRequest, unit_pk: int) -> AdministrativeUnit:
    unit = get_unit_for_user(request.user, Perm.VIEW_RESULTS, unit_pk)
    if unit.level != UnitLevel.COMMUNE:
        raise Http404
    return unit


@login_required
def ranking_page(request: AuthedHttpRequest, unit_pk: int) -> HttpResponse:
    unit = _ward(request, unit_pk)
    period, min_n = default_period(unit), DEFAULT_MIN_N
    form = PeriodForm(request.GET if "tu_ngay" in request.GET else None)
    if form.is_bound and form.is_valid():
        period, min_n = form.period(), form.cleaned_data["toi_thieu"]
    elif not form.is_bound:
        form = PeriodForm(
            initial={"tu_ngay": period.start, "den_ngay": period.end, "toi_thieu": min_n}
        )
    export = ExportForm(
        initial={"tu_ngay": period.start, "den_ngay": period.end, "toi_thieu": min_n}
    )
    context = {
        "unit": unit,
        "form": form,
        "export": export,
        "ranking": emulation_ranking(unit, period, min_n),
        "rules": rules_text(min_n),
        "sources_registered": bool(sources.registered()),
    }
    return render(request, "performance/emulation.html", context)


@login_required
@require_POST
def ranking_export(request: AuthedHttpRequest, unit_pk: int) -> HttpResponse:
    unit = _ward(request, unit_pk)
    form = ExportForm(request.POST)
    back = reverse("performance:emulation", args=[unit.pk])
    if not form.is_valid():
        messages.error(request, _("Kỳ hoặc định dạng xuất không hợp lệ."))
        return redirect(back)
    period = form.period()
    params = {
        "start": f"{period.start:%d/%m/%Y}",
        "end": f"{period.end:%d/%m/%Y}",
        "min_n": form.cleaned_data["toi_thieu"],
    }
    try:
        job = report_job_start(
            actor=request.user,
            unit=unit,
            kind="emulation_ranking",
            output_format=form.cleaned_data["output_format"],
            params=params,
        )
    except ServiceError as error:
        messages.error(request, error.message)
        return redirect(back)
    messages.success(request, _("Đã nhận yêu cầu. Hệ thống đang tạo tệp xếp hạng."))
    return redirect("reports:status", unit.pk, job.pk)
