"""Public per-dossier rating pages: no login, no JavaScript, for an elderly citizen's phone.

``/danh-gia/<token>/``            type the dossier code
``/danh-gia/<token>/<code>/``     rate it (what the receipt's QR code opens)
``/danh-gia/<token>/cam-on/``     thank you

Codes that match no dossier count against the client's guessing budget (``CODE_MISSES``);
past it every page of the rating point answers 429 until the window ends.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from hailong.core import ratelimit
from hailong.core.errors import ServiceError
from hailong.core.forms import add_service_error
from hailong.dossiers.forms import CodeForm, RatingForm
from hailong.dossiers.models import DossierRatingPoint, RatingChannel
from hailong.dossiers.ratings import dossier_for_rating, rating_point_by_token, rating_submit

CODE_MISSES = ratelimit.Rule("dossier-code-miss", limit=10, window=600)


def _page(
    request: HttpRequest, template: str, context: dict[str, Any], status: int = 200
) -> HttpResponse:
    response = render(request, f"dossiers/public/{template}", context, status=status)
    response["Cache-Control"] = "no-store"
    return response


def _guard(request: HttpRequest, token: str) -> DossierRatingPoint | HttpResponse:
    """The rating point of ``token``, or the page to answer instead (404, 429)."""
    point = rating_point_by_token(token)
    if point is None:
        return _page(request, "not_found.html", {}, status=404)
    if ratelimit.is_limited(CODE_MISSES, ratelimit.client_id(request)):
        minutes = -(-ratelimit.retry_after(CODE_MISSES) // 60)
        response = _page(
            request,
            "limited.html",
            {"unit": point.unit, "token": token, "minutes": minutes},
            status=429,
        )
        response["Retry-After"] = str(ratelimit.retry_after(CODE_MISSES))
        return response
    return point


def _miss(request: HttpRequest, error: ServiceError) -> None:
    if error.code == "unknown":
        ratelimit.hit(CODE_MISSES, ratelimit.client_id(request))


def rate_start(request: HttpRequest, token: str) -> HttpResponse:
    point = _guard(request, token)
    if isinstance(point, HttpResponse):
        return point
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            dossier = dossier_for_rating(point, form.cleaned_data["code"])
        except ServiceError as error:
            _miss(request, error)
            add_service_error(form, error)
        else:
            url = reverse("dossier_rating:dossier", args=[token, dossier.code])
            return redirect(f"{url}?nguon=web")
    status = 400 if request.method == "POST" else 200
    context = {"unit": point.unit, "token": token, "form": form}
    return _page(request, "start.html", context, status=status)


def rate_dossier(request: HttpRequest, token: str, code: str) -> HttpResponse:
    point = _guard(request, token)
    if isinstance(point, HttpResponse):
        return point
    try:
        dossier = dossier_for_rating(point, code)
    except ServiceError as error:
        _miss(request, error)
        status = 404 if error.code == "unknown" else 200
        context = {"unit": point.unit, "token": token, "message": error.message, "form": CodeForm()}
        return _page(request, "message.html", context, status=status)
    channel = RatingChannel.WEB if request.GET.get("nguon") == "web" else RatingChannel.QR
    form = RatingForm(request.POST or None, initial={"channel": channel})
    if request.method == "POST" and form.is_valid():
        try:
            rating_submit(dossier=dossier, **form.cleaned_data)
        except ServiceError as error:
            if error.code == "already_rated":
                context = {"unit": point.unit, "token": token, "message": error.message}
                return _page(request, "message.html", context)
            add_service_error(form, error)
        else:
            return redirect("dossier_rating:thanks", token)
    status = 400 if request.method == "POST" else 200
    context = {"unit": point.unit, "token": token, "dossier": dossier, "form": form}
    return _page(request, "rate.html", context, status=status)


def rate_thanks(request: HttpRequest, token: str) -> HttpResponse:
    point = rating_point_by_token(token)
    if point is None:
        return _page(request, "not_found.html", {}, status=404)
    return _page(request, "thanks.html", {"unit": point.unit, "token": token})
