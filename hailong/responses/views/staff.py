"""Staff pages of a wave's responses: sources with their QR codes and printables, the
(anonymous) list of responses, and the contact requests (leaders only, every view logged)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hailong.accounts.roles import Perm
from hailong.accounts.scope import user_can
from hailong.core.errors import ServiceError
from hailong.core.http import AuthedHttpRequest
from hailong.core.views import form_page
from hailong.responses import printing, selectors, services
from hailong.responses.forms import SourceForm
from hailong.responses.models import ContactRequest, Response, ResponseStatus, Source
from hailong.surveys.models import SurveyWave
from hailong.surveys.selectors import wave_get_for_user

PER_PAGE = 50


def _sources_url(wave: SurveyWave) -> str:
    return reverse("responses:sources", args=[wave.pk])


@login_required
def source_list(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    wave = wave_get_for_user(request.user, Perm.VIEW_UNITS, pk)
    sources = []
    for source in selectors.sources_of(wave):
        url = printing.absolute(printing.source_path(source))
        sources.append(
            {"source": source, "url": url, "qr": printing.qr_svg(url, label=source.label)}
        )
    generic = printing.absolute(printing.wave_path(wave))
    context = {
        "wave": wave,
        "unit": wave.unit,
        "sources": sources,
        "generic_url": generic,
        "generic_qr": printing.qr_svg(generic, label=_("Đường dẫn chung của đợt khảo sát")),
        "can_manage": user_can(request.user, Perm.MANAGE_SURVEYS, wave.unit),
    }
    return render(request, "responses/staff/sources.html", context)


@login_required
def source_create(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    wave = wave_get_for_user(request.user, Perm.MANAGE_SURVEYS, pk)
    form = SourceForm(request.POST or None, wave=wave)
    return form_page(
        request,
        form,
        lambda data: services.source_create(actor=request.user, wave=wave, **data),
        template="responses/staff/source_form.html",
        success_url=_sources_url(wave),
        success_message=_("Đã tạo nguồn và mã QR."),
        context={"wave": wave, "unit": wave.unit},
    )


def _source(request: AuthedHttpRequest, perm: Perm, pk: int, source_pk: int) -> Source:
    wave = wave_get_for_user(request.user, perm, pk)
    source = get_object_or_404(Source.objects.select_related("wave__unit"), pk=source_pk, wave=wave)
    return source


@login_required
@require_POST
def source_toggle(request: AuthedHttpRequest, pk: int, source_pk: int) -> HttpResponse:
    source = _source(request, Perm.MANAGE_SURVEYS, pk, source_pk)
    services.source_set_active(actor=request.user, source=source, active=not source.active)
    messages.success(request, _("Đã cập nhật nguồn «%(s)s».") % {"s": source.label})
    return redirect(_sources_url(source.wave))


@login_required
def source_qr(request: AuthedHttpRequest, pk: int, source_pk: int) -> HttpResponse:
    source = _source(request, Perm.VIEW_UNITS, pk, source_pk)
    url = printing.absolute(printing.source_path(source))
    response = HttpResponse(printing.qr_svg_file(url), content_type="image/svg+xml")
    response["Content-Disposition"] = f'attachment; filename="qr-{source.token}.svg"'
    return response


def _pdf(request: AuthedHttpRequest, pk: int, source_pk: int, kind: str) -> HttpResponse:
    source = _source(request, Perm.VIEW_UNITS, pk, source_pk)
    response = HttpResponse(printing.printable_pdf(source, kind), content_type="application/pdf")
    name = "ap-phich" if kind == printing.POSTER else "the-ban"
    response["Content-Disposition"] = f'inline; filename="{name}-{source.token}.pdf"'
    return response


@login_required
def source_poster(request: AuthedHttpRequest, pk: int, source_pk: int) -> HttpResponse:
    return _pdf(request, pk, source_pk, printing.POSTER)


@login_required
def source_card(request: AuthedHttpRequest, pk: int, source_pk: int) -> HttpResponse:
    return _pdf(request, pk, source_pk, printing.CARD)


# -- responses ---------------------------------------------------------------------------------


@login_required
def response_list(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    """Who answered is never shown: time, channel, source, status and flags only."""
    wave = wave_get_for_user(request.user, Perm.VIEW_RESULTS, pk)
    status = request.GET.get("trang-thai", "")
    page = Paginator(selectors.responses_of(wave, status=status), PER_PAGE).get_page(
        request.GET.get("trang")
    )
    context: dict[str, Any] = {
        "wave": wave,
        "unit": wave.unit,
        "counts": selectors.wave_counts(wave),
        "page": page,
        "status": status,
        "statuses": ResponseStatus.choices,
        "can_manage": user_can(request.user, Perm.MANAGE_SURVEYS, wave.unit),
        "can_view_contacts": user_can(request.user, Perm.VIEW_CONTACTS, wave.unit),
    }
    return render(request, "responses/staff/responses.html", context)


@login_required
@require_POST
def response_status(request: AuthedHttpRequest, pk: int, response_pk: int) -> HttpResponse:
    wave = wave_get_for_user(request.user, Perm.MANAGE_SURVEYS, pk)
    response = get_object_or_404(
        Response.objects.select_related("wave__unit"), pk=response_pk, wave=wave
    )
    try:
        services.response_set_status(
            actor=request.user, response=response, status=request.POST.get("status", "")
        )
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Đã đổi trạng thái phiếu #%(n)d.") % {"n": response.pk})
    return redirect(reverse("responses:responses", args=[wave.pk]))


# -- contact requests --------------------------------------------------------------------------


@login_required
def contact_list(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    """Contact requests of the wave; each one shown is written to the access log."""
    wave = wave_get_for_user(request.user, Perm.VIEW_CONTACTS, pk)
    requests = list(selectors.contact_requests_of(wave))
    services.contact_requests_log_view(actor=request.user, requests=requests)
    context = {"wave": wave, "unit": wave.unit, "requests": requests}
    response = render(request, "responses/staff/contacts.html", context)
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def contact_handle(request: AuthedHttpRequest, pk: int, request_pk: int) -> HttpResponse:
    wave = wave_get_for_user(request.user, Perm.VIEW_CONTACTS, pk)
    contact = get_object_or_404(
        ContactRequest.objects.select_related("wave__unit"), pk=request_pk, wave=wave
    )
    services.contact_request_handle(actor=request.user, request=contact)
    messages.success(request, _("Đã đánh dấu là đã liên hệ."))
    return redirect(reverse("responses:contacts", args=[wave.pk]))
