"""Staff pages of the kiosk: the wave's tablets (set up by those who manage surveys) and the
flagged tablet responses (decided by the unit's leader).

Why ``MANAGE_SURVEYS`` for the tablets and not ``ENTER_RESPONSES``: a kiosk URL is a credential
that stores responses in the wave's name, and the one-stop officers are the people being rated
at that desk. They place the tablet and open the link the leader gives them; they do not mint,
re-point or switch off the device that rates them, nor see its flags. The flags page needs
``PUBLISH_RESULTS``: keeping or excluding a response changes the published index.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hailong.accounts.roles import Perm
from hailong.accounts.scope import user_can
from hailong.core.errors import ServiceError
from hailong.core.http import AuthedHttpRequest
from hailong.core.views import form_page
from hailong.kiosk import burst, hours, selectors, services
from hailong.kiosk.forms import KioskForm, ReviewForm
from hailong.kiosk.models import Kiosk
from hailong.responses import printing
from hailong.responses.models import Flag, Response, ResponseStatus
from hailong.surveys.models import SurveyWave
from hailong.surveys.selectors import wave_get_for_user


def _list_url(wave: SurveyWave) -> str:
    return reverse("kiosk:list", args=[wave.pk])


def tablet_url(kiosk: Kiosk) -> str:
    return printing.absolute(reverse("kiosk_public:page", args=[kiosk.token]))


@login_required
def kiosk_list(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    """The wave's tablets: link and QR code to open each on its tablet, counts and flags."""
    wave = wave_get_for_user(request.user, Perm.MANAGE_SURVEYS, pk)
    rows = []
    for kiosk in selectors.kiosks_of(wave):
        url = tablet_url(kiosk)
        label = _("Mã QR mở máy «%(name)s» trên máy tính bảng") % {"name": kiosk.name}
        opening = hours.Hours.of(kiosk.opens_at, kiosk.closes_at, kiosk.weekdays)
        rows.append(
            {
                "kiosk": kiosk,
                "url": url,
                "qr": printing.qr_svg(url, label=label),
                "hours": hours.describe(opening),
            }
        )
    context: dict[str, Any] = {
        "wave": wave,
        "unit": wave.unit,
        "rows": rows,
        "can_review": user_can(request.user, Perm.PUBLISH_RESULTS, wave.unit),
        "kiosk_enabled": "kiosk" in wave.channels,
    }
    response = render(request, "kiosk/staff/list.html", context)
    response["Cache-Control"] = "no-store"  # the page holds the tablets' credentials
    return response


@login_required
def kiosk_create(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    wave = wave_get_for_user(request.user, Perm.MANAGE_SURVEYS, pk)
    initial = {"opens_at": "07:30", "closes_at": "17:00", "weekdays": [0, 1, 2, 3, 4]}
    form = KioskForm(request.POST or None, initial=initial)
    return form_page(
        request,
        form,
        lambda data: services.kiosk_create(actor=request.user, wave=wave, **data),
        template="kiosk/staff/form.html",
        success_url=_list_url(wave),
        success_message=_("Đã thêm máy. Mở đường dẫn (hoặc quét mã QR) trên máy tính bảng."),
        context={"wave": wave, "unit": wave.unit, "creating": True},
    )


@login_required
def kiosk_edit(request: AuthedHttpRequest, pk: int, kiosk_pk: int) -> HttpResponse:
    wave = wave_get_for_user(request.user, Perm.MANAGE_SURVEYS, pk)
    kiosk = get_object_or_404(Kiosk.objects.select_related("wave__unit"), pk=kiosk_pk, wave=wave)
    initial = {f: getattr(kiosk, f) for f in services.KIOSK_FIELDS}
    form = KioskForm(request.POST or None, initial=initial)
    return form_page(
        request,
        form,
        lambda data: services.kiosk_update(actor=request.user, kiosk=kiosk, **data),
        template="kiosk/staff/form.html",
        success_url=_list_url(wave),
        success_message=_("Đã lưu máy «%(name)s».") % {"name": kiosk.name},
        context={"wave": wave, "unit": wave.unit, "kiosk": kiosk, "creating": False},
    )


# -- flags -------------------------------------------------------------------------------------


@login_required
def flag_list(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    """Tablet responses flagged "burst" or "too fast", with the leader's keep / exclude."""
    wave = wave_get_for_user(request.user, Perm.PUBLISH_RESULTS, pk)
    limits = burst.Thresholds.from_settings()
    statuses = dict(ResponseStatus.choices)
    context = {
        "wave": wave,
        "unit": wave.unit,
        "flagged": [_flagged_row(r) for r in selectors.flagged_of(wave)],
        "reviews": [
            {
                "review": v,
                "before": statuses.get(v.status_before, v.status_before),
                "after": statuses.get(v.status_after, v.status_after),
            }
            for v in selectors.reviews_of(wave)
        ],
        "burst_count": limits.count,
        "burst_minutes": int(limits.window.total_seconds() // 60),
    }
    return render(request, "kiosk/staff/flags.html", context)


def _flagged_row(response: Response) -> dict[str, Any]:
    labels = dict(Flag.choices)
    seconds = None
    if response.started_at is not None:
        seconds = round((response.submitted_at - response.started_at).total_seconds())
    return {
        "response": response,
        "seconds": seconds,
        "flags": [labels.get(f, f) for f in response.flags],
    }


@login_required
@require_POST
def flag_review(request: AuthedHttpRequest, pk: int, response_pk: int) -> HttpResponse:
    wave = wave_get_for_user(request.user, Perm.PUBLISH_RESULTS, pk)
    response = selectors.flagged_response(wave, response_pk)
    if response is None:
        raise Http404
    form = ReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Quyết định không hợp lệ."))
        return redirect(reverse("kiosk:flags", args=[wave.pk]))
    try:
        services.flag_review(actor=request.user, response=response, **form.cleaned_data)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Đã ghi quyết định về phiếu #%(n)d.") % {"n": response.pk})
    return redirect(reverse("kiosk:flags", args=[wave.pk]))
