"""The ward dashboard, its drill-down to anonymous responses, and starting its exports.

Reading results (``results.view``) on the unit is what every page needs. With htmx the filter
form asks for the ``figures`` partial only and swaps it in place; without JavaScript the same
GET form reloads the whole page.
"""

from __future__ import annotations

from dataclasses import replace

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hailong.accounts.roles import Perm
from hailong.accounts.scope import get_unit_for_user
from hailong.core.errors import ServiceError
from hailong.core.http import AuthedHttpRequest
from hailong.indices import drilldown
from hailong.indices.exporting import dashboard_params
from hailong.indices.forms import ExportForm, filters_from
from hailong.indices.pages import dashboard_page
from hailong.indices.services import index_export_start

PER_PAGE = 50


def is_htmx(request: AuthedHttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


@login_required
def ward_dashboard(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    unit = get_unit_for_user(request.user, Perm.VIEW_RESULTS, pk)
    page = dashboard_page(unit, request.user, request.GET)
    template = "indices/dashboard.html" + ("#figures" if is_htmx(request) else "")
    context = {"page": page, "unit": unit, "htmx": is_htmx(request)}
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_required
def ward_drilldown(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    unit = get_unit_for_user(request.user, Perm.VIEW_RESULTS, pk)
    page = dashboard_page(unit, request.user, request.GET)
    if page.wave is None:
        raise Http404
    cell = drilldown.Cell(
        item=request.GET.get("muc", "")[:40],
        value=request.GET.get("gia_tri", "")[:10],
        group=request.GET.get("nhom", "")[:40],
        group_value=request.GET.get("nhom_gia_tri", "")[:40],
    )
    filters = filters_from(page.values)
    if request.GET.get("tat_ca"):
        filters = replace(filters, statuses=drilldown.STATUS_ALL)
    rows = drilldown.cell_responses(unit=unit, wave=page.wave, filters=filters, cell=cell)
    if rows is None:
        raise Http404
    listing = Paginator(rows, PER_PAGE).get_page(request.GET.get("trang"))
    context = {
        "page": page,
        "unit": unit,
        "cell": cell,
        "listing": listing,
        "all_statuses": bool(request.GET.get("tat_ca")),
    }
    return render(request, "indices/drilldown.html", context)


@login_required
@require_POST
def ward_export(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    unit = get_unit_for_user(request.user, Perm.VIEW_RESULTS, pk)
    page = dashboard_page(unit, request.user, request.GET)
    form = ExportForm(request.POST)
    back = reverse("indices:dashboard", args=[unit.pk]) + (f"?{page.query}" if page.query else "")
    if page.wave is None or not form.is_valid():
        messages.error(request, _("Không xuất được: hãy chọn đợt khảo sát và định dạng."))
        return redirect(back)
    try:
        job = index_export_start(
            actor=request.user,
            unit=unit,
            kind=form.cleaned_data["loai"],
            output_format=form.cleaned_data["dinh_dang"],
            params=dashboard_params(wave_id=page.wave.pk, values=page.values, labels=page.labels),
            public=form.cleaned_data["cong_khai"],
            free_text=form.cleaned_data["co_van_ban"],
        )
    except ServiceError as error:
        messages.error(request, error.message)
        return redirect(back)
    messages.success(request, _("Đã nhận yêu cầu. Hệ thống đang tạo tệp."))
    return redirect("reports:status", job.unit_id, job.pk)
