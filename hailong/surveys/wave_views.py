"""Staff pages of survey waves (đợt khảo sát) of a unit."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from hailong.accounts.roles import Perm
from hailong.accounts.scope import get_unit_for_user, user_can
from hailong.core.http import AuthedHttpRequest
from hailong.core.views import form_page
from hailong.surveys import selectors, services
from hailong.surveys.forms import WaveForm
from hailong.surveys.models import MethodVersion, RespondentType, SurveyWave, WaveStatus


def _wave_url(wave: object) -> str:
    assert isinstance(wave, SurveyWave)
    return reverse("surveys:wave_detail", args=[wave.pk])


@login_required
def wave_list(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    unit = get_unit_for_user(request.user, Perm.VIEW_UNITS, pk)
    context = {
        "unit": unit,
        "waves": selectors.waves_for_unit(unit),
        "can_manage": user_can(request.user, Perm.MANAGE_SURVEYS, unit),
    }
    return render(request, "surveys/waves/list.html", context)


@login_required
def wave_create(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    unit = get_unit_for_user(request.user, Perm.MANAGE_SURVEYS, pk)
    initial = {
        "respondent_types": [RespondentType.INDIVIDUAL, RespondentType.ORGANISATION],
        "status": WaveStatus.PLANNED,
    }
    form = WaveForm(
        request.POST or None, versions=selectors.versions_usable_by(unit), initial=initial
    )
    return form_page(
        request,
        form,
        lambda data: services.wave_create(actor=request.user, unit=unit, **data),
        template="surveys/waves/form.html",
        success_url=_wave_url,
        success_message=_("Đã tạo đợt khảo sát."),
        context={"unit": unit, "title": _("Đợt khảo sát mới của %(u)s") % {"u": unit.name}},
    )


@login_required
def wave_detail(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    wave = selectors.wave_get_for_user(request.user, Perm.VIEW_UNITS, pk)
    context: dict[str, Any] = {
        "wave": wave,
        "unit": wave.unit,
        "can_manage": user_can(request.user, Perm.MANAGE_SURVEYS, wave.unit),
    }
    return render(request, "surveys/waves/detail.html", context)


@login_required
def wave_edit(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    wave = selectors.wave_get_for_user(request.user, Perm.MANAGE_SURVEYS, pk)
    usable = selectors.versions_usable_by(wave.unit)
    versions = MethodVersion.objects.filter(
        Q(pk__in=usable.values("pk")) | Q(pk=wave.method_version_id)
    ).select_related("method", "method__owner")
    initial = {f: getattr(wave, f) for f in services.WAVE_FIELDS}
    form = WaveForm(request.POST or None, versions=versions, initial=initial)
    return form_page(
        request,
        form,
        lambda data: services.wave_update(actor=request.user, wave=wave, **data),
        template="surveys/waves/form.html",
        success_url=_wave_url,
        success_message=_("Đã lưu đợt khảo sát."),
        context={"unit": wave.unit, "wave": wave, "title": _("Sửa %(w)s") % {"w": wave.name}},
    )
