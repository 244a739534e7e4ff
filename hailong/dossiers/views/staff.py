"""Staff pages of the dossier registry and the procedure catalogue (read side)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from hailong.accounts.roles import Perm
from hailong.accounts.scope import get_for_user, get_unit_for_user, user_can
from hailong.core.http import AuthedHttpRequest
from hailong.dossiers import selectors
from hailong.dossiers.catalogue import catalogue_can_manage
from hailong.dossiers.forms import DossierFilterForm, ProcedureFilterForm
from hailong.dossiers.models import Dossier
from hailong.dossiers.qr import qr_svg, rating_url
from hailong.dossiers.ratings import rating_point_for
from hailong.units.models import AdministrativeUnit, UnitLevel

PAGE_SIZE = 50


def commune_for_user(request: AuthedHttpRequest, perm: Perm, pk: int) -> AdministrativeUnit:
    """A commune-level unit in the user's scope (404 outside it or for another level)."""
    unit = get_unit_for_user(request.user, perm, pk)
    if unit.level != UnitLevel.COMMUNE:
        raise Http404
    return unit


def _dossier(request: AuthedHttpRequest, unit_pk: int, pk: int) -> Dossier:
    return get_for_user(
        selectors.dossier_detail_queryset(), request.user, Perm.VIEW_UNITS, unit_id=unit_pk, pk=pk
    )


@login_required
def dossier_list(request: AuthedHttpRequest, unit_pk: int) -> HttpResponse:
    unit = commune_for_user(request, Perm.VIEW_UNITS, unit_pk)
    form = DossierFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    rows = selectors.dossier_list(unit=unit, filters=filters)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("trang"))
    query = request.GET.copy()
    query.pop("trang", None)
    context: dict[str, Any] = {
        "unit": unit,
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "can_import": user_can(request.user, Perm.MANAGE_DOSSIERS, unit),
    }
    return render(request, "dossiers/list.html", context)


@login_required
def dossier_detail(request: AuthedHttpRequest, unit_pk: int, pk: int) -> HttpResponse:
    dossier = _dossier(request, unit_pk, pk)
    url = rating_url(rating_point_for(dossier.unit), dossier)
    context = {
        "unit": dossier.unit,
        "dossier": dossier,
        "rating": getattr(dossier, "rating", None),
        "rating_link": url,
        "qr": qr_svg(url, label=_("Mã QR để đánh giá hồ sơ %(code)s") % {"code": dossier.code}),
    }
    return render(request, "dossiers/detail.html", context)


@login_required
def dossier_receipt(request: AuthedHttpRequest, unit_pk: int, pk: int) -> HttpResponse:
    """A printable slip with the QR that leads the citizen to rate this dossier."""
    dossier = _dossier(request, unit_pk, pk)
    url = rating_url(rating_point_for(dossier.unit), dossier)
    context = {
        "unit": dossier.unit,
        "dossier": dossier,
        "rating_link": url,
        "qr": qr_svg(url, label=_("Mã QR để đánh giá hồ sơ"), scale=5),
    }
    return render(request, "dossiers/receipt.html", context)


@login_required
def procedure_list(request: AuthedHttpRequest) -> HttpResponse:
    form = ProcedureFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    rows = selectors.procedure_list(query=data.get("q") or "", field=data.get("field"))
    page = Paginator(rows, 100).get_page(request.GET.get("trang"))
    query = request.GET.copy()
    query.pop("trang", None)
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "can_manage": catalogue_can_manage(request.user),
    }
    return render(request, "dossiers/procedures.html", context)
