"""Improvement actions of a ward (closing the loop): list, create from a weak item, edit, status.

Reading needs ``results.view``; writing needs ``results.publish`` (the leader), see
``performance.services`` for why.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from hailong.accounts.roles import Perm
from hailong.accounts.scope import get_for_user, get_unit_for_user, user_can
from hailong.core.http import AuthedHttpRequest
from hailong.core.views import form_page
from hailong.performance import selectors, services
from hailong.performance.forms import ActionCreateForm, ActionForm, ActionStatusForm, WaveChoiceForm
from hailong.performance.models import ImprovementAction
from hailong.performance.results import item_choices, wave_results
from hailong.surveys.models import SurveyWave
from hailong.surveys.selectors import waves_for_unit
from hailong.units.models import AdministrativeUnit, Department

DEFAULT_DAYS = 90
WEAK_SHOWN = 5


def _action(request: AuthedHttpRequest, unit_pk: int, pk: int, perm: Perm) -> ImprovementAction:
    actions = ImprovementAction.objects.filter(unit_id=unit_pk).select_related(
        "unit", "wave__method_version__method", "department", "created_by"
    )
    return get_for_user(actions, request.user, perm, pk=pk)


def _departments(unit: AdministrativeUnit) -> Any:
    return Department.objects.filter(unit=unit, active=True).order_by("name")


def _detail_url(action: object) -> str:
    assert isinstance(action, ImprovementAction)
    return reverse("performance:action_detail", args=[action.unit_id, action.pk])


@login_required
def action_list(request: AuthedHttpRequest, unit_pk: int) -> HttpResponse:
    unit = get_unit_for_user(request.user, Perm.VIEW_RESULTS, unit_pk)
    today = selectors.local_today()
    actions = list(selectors.actions_for_unit(unit))
    latest = waves_for_unit(unit).first()
    context = {
        "unit": unit,
        "today": today,
        "rows": [(a, a.is_overdue(today)) for a in actions],
        "overdue": sum(1 for a in actions if a.is_overdue(today)),
        "can_edit": user_can(request.user, Perm.PUBLISH_RESULTS, unit),
        "latest": latest,
        "weak": wave_results(latest).weakest(WEAK_SHOWN) if latest is not None else [],
    }
    return render(request, "performance/action_list.html", context)


@login_required
def action_create(request: AuthedHttpRequest, unit_pk: int) -> HttpResponse:
    unit = get_unit_for_user(request.user, Perm.PUBLISH_RESULTS, unit_pk)
    waves = waves_for_unit(unit)
    chooser = WaveChoiceForm(request.GET if "dot" in request.GET else None, waves=waves)
    wave = chooser.cleaned_data["dot"] if chooser.is_bound and chooser.is_valid() else waves.first()
    context: dict[str, Any] = {"unit": unit, "chooser": chooser, "wave": wave}
    if wave is None:
        return render(request, "performance/action_create.html", context)
    form = _create_form(request, unit, wave)
    return form_page(
        request,
        form,
        lambda data: services.improvement_action_create(
            actor=request.user, unit=unit, wave=wave, **data
        ),
        template="performance/action_create.html",
        success_url=_detail_url,
        success_message=_("Đã lập hành động cải thiện."),
        context=context,
    )


def _create_form(
    request: AuthedHttpRequest, unit: AdministrativeUnit, wave: SurveyWave
) -> ActionCreateForm:
    choices = item_choices(wave_results(wave))
    wanted = request.GET.get("chi_tieu", "")
    initial = {
        "item_code": wanted if any(code == wanted for code, _label in choices) else None,
        "deadline": selectors.local_today() + dt.timedelta(days=DEFAULT_DAYS),
    }
    return ActionCreateForm(
        request.POST or None, items=choices, departments=_departments(unit), initial=initial
    )


@login_required
def action_detail(request: AuthedHttpRequest, unit_pk: int, pk: int) -> HttpResponse:
    action = _action(request, unit_pk, pk, Perm.VIEW_RESULTS)
    today = selectors.local_today()
    context = {
        "unit": action.unit,
        "action": action,
        "overdue": action.is_overdue(today),
        "after": selectors.action_after(action),
        "can_edit": user_can(request.user, Perm.PUBLISH_RESULTS, action.unit),
    }
    return render(request, "performance/action_detail.html", context)


@login_required
def action_edit(request: AuthedHttpRequest, unit_pk: int, pk: int) -> HttpResponse:
    action = _action(request, unit_pk, pk, Perm.PUBLISH_RESULTS)
    initial = {
        "what": action.what,
        "department": action.department,
        "deadline": action.deadline,
        "public": action.public,
    }
    form = ActionForm(request.POST or None, departments=_departments(action.unit), initial=initial)
    return form_page(
        request,
        form,
        lambda data: services.improvement_action_update(actor=request.user, action=action, **data),
        template="performance/action_form.html",
        success_url=_detail_url,
        success_message=_("Đã lưu hành động."),
        context={"unit": action.unit, "action": action, "title": _("Sửa hành động cải thiện")},
    )


@login_required
def action_status(request: AuthedHttpRequest, unit_pk: int, pk: int) -> HttpResponse:
    action = _action(request, unit_pk, pk, Perm.PUBLISH_RESULTS)
    initial = {"status": action.status, "outcome": action.outcome}
    form = ActionStatusForm(request.POST or None, initial=initial)
    return form_page(
        request,
        form,
        lambda data: services.improvement_action_set_status(
            actor=request.user, action=action, **data
        ),
        template="performance/action_form.html",
        success_url=_detail_url,
        success_message=_("Đã cập nhật trạng thái."),
        context={"unit": action.unit, "action": action, "title": _("Cập nhật trạng thái")},
    )
