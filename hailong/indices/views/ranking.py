"""The city/province ranking of its commune-level units, and starting its export."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hailong.accounts.roles import Perm
from hailong.accounts.scope import get_unit_for_user
from hailong.core.errors import ServiceError
from hailong.core.http import AuthedHttpRequest
from hailong.indices import smallcells
from hailong.indices.forms import RankingExportForm, RankingFilterForm
from hailong.indices.ranking import (
    RankingQuery,
    RankRow,
    default_query,
    ranking,
    ranking_options,
    version_label,
)
from hailong.indices.services import index_export_start
from hailong.reports.kinds.ward_ranking import query_params
from hailong.units.models import AdministrativeUnit, UnitLevel


@dataclass
class RankingPage:
    form: RankingFilterForm
    query: RankingQuery | None = None
    rows: list[RankRow] = field(default_factory=list)
    method: str = ""
    querystring: str = ""
    export_form: RankingExportForm = field(default_factory=RankingExportForm)


def _province(request: AuthedHttpRequest, pk: int) -> AdministrativeUnit:
    unit = get_unit_for_user(request.user, Perm.VIEW_RESULTS, pk)
    if unit.level != UnitLevel.PROVINCE:
        raise Http404
    return unit


def ranking_page(province: AdministrativeUnit, user: Any, get: QueryDict) -> RankingPage:
    """Bind the filters, fall back to the latest year and its main method, rank."""
    options = ranking_options(province)
    form = RankingFilterForm(get or None, options=options)
    form.is_valid()
    cleaned = getattr(form, "cleaned_data", {})  # an unbound form has none
    year = cleaned.get("nam") if "nam" not in form.errors else None
    default = default_query(province, options, year)
    page = RankingPage(form=form)
    if default is None:
        return page
    query = form.query(default)
    if query.version_id not in options.by_year.get(query.year, set()):
        query = replace(query, version_id=default.version_id)  # that year used another method
    if get:  # show the year and method the ranking actually used
        shown = get.copy()
        shown["nam"], shown["phuong_phap"] = str(query.year), str(query.version_id)
        page.form = RankingFilterForm(shown, options=options)
        page.form.is_valid()
    page.query = query
    page.rows = ranking(province, query, own_paths=smallcells.own_paths(user))
    page.method = version_label(query.version_id)
    params = {k: v for k, v in get.items() if k in form.fields}
    page.querystring = urlencode(params)
    return page


@login_required
def city_ranking(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    province = _province(request, pk)
    page = ranking_page(province, request.user, request.GET)
    context = {"unit": province, "page": page, "note": smallcells.suppressed_note()}
    return render(request, "indices/ranking.html", context)


@login_required
@require_POST
def city_ranking_export(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    province = _province(request, pk)
    page = ranking_page(province, request.user, request.GET)
    form = RankingExportForm(request.POST)
    back = reverse("indices:ranking", args=[province.pk]) + (
        f"?{page.querystring}" if page.querystring else ""
    )
    if page.query is None or not form.is_valid():
        messages.error(request, _("Không xuất được: chưa có số liệu hoặc định dạng không hợp lệ."))
        return redirect(back)
    labels = {str(page.form.fields["toi_thieu"].label): str(page.query.min_n)}
    try:
        job = index_export_start(
            actor=request.user,
            unit=province,
            kind="ward_ranking",
            output_format=form.cleaned_data["dinh_dang"],
            params={**query_params(page.query), "labels": labels},
            public=form.cleaned_data["cong_khai"],
        )
    except ServiceError as error:
        messages.error(request, error.message)
        return redirect(back)
    messages.success(request, _("Đã nhận yêu cầu. Hệ thống đang tạo tệp."))
    return redirect("reports:status", job.unit_id, job.pk)
