"""A province's points rules: list, create, edit a draft, publish, start a new version.

``units.manage`` on the province (its administrator) for every page: the rules are the
province's decision, and ward staff read the rule that applies to them on their points page.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hailong.accounts.roles import Perm
from hailong.accounts.scope import get_for_user, get_unit_for_user
from hailong.core.errors import ServiceError
from hailong.core.http import AuthedHttpRequest
from hailong.core.views import form_page
from hailong.performance import selectors, services
from hailong.performance.forms import PointsRuleForm
from hailong.performance.models import PointsRule
from hailong.units.models import AdministrativeUnit, UnitLevel


def _province(request: AuthedHttpRequest, unit_pk: int) -> AdministrativeUnit:
    unit = get_unit_for_user(request.user, Perm.MANAGE_UNITS, unit_pk)
    if unit.level != UnitLevel.PROVINCE:
        raise Http404
    return unit


def _rule(request: AuthedHttpRequest, pk: int) -> PointsRule:
    rules = PointsRule.objects.select_related("province", "created_by", "published_by")
    return get_for_user(rules, request.user, Perm.MANAGE_UNITS, unit_field="province", pk=pk)


def _detail_url(rule: object) -> str:
    assert isinstance(rule, PointsRule)
    return reverse("performance:rule_detail", args=[rule.pk])


@login_required
def rule_list(request: AuthedHttpRequest, unit_pk: int) -> HttpResponse:
    province = _province(request, unit_pk)
    context = {"province": province, "rules": selectors.rules_for_province(province)}
    return render(request, "performance/rule_list.html", context)


@login_required
def rule_create(request: AuthedHttpRequest, unit_pk: int) -> HttpResponse:
    province = _province(request, unit_pk)
    form = PointsRuleForm(request.POST or None, initial={"kind": "linear", "max_points": 2})
    return form_page(
        request,
        form,
        lambda data: services.points_rule_create(actor=request.user, province=province, **data),
        template="performance/rule_form.html",
        success_url=_detail_url,
        success_message=_("Đã tạo bản nháp quy tắc điểm."),
        context={"province": province, "title": _("Quy tắc quy đổi điểm mới")},
    )


@login_required
def rule_detail(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    rule = _rule(request, pk)
    context: dict[str, Any] = {
        "rule": rule,
        "province": rule.province,
        "history": selectors.rule_history(rule),
        "examples": _examples(rule),
    }
    return render(request, "performance/rule_detail.html", context)


def _examples(rule: PointsRule) -> list[tuple[str, str]]:
    """What the rule gives for a few indices, so its reader can check it at a glance."""
    from hailong.indices.engine import format_pct
    from hailong.performance.points import format_points, points_for

    return [
        (format_pct(index), format_points(points_for(index, rule)))
        for index in (95.0, 90.0, 86.5, 80.0, 79.99, 70.0, 50.0)
    ]


@login_required
def rule_edit(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    rule = _rule(request, pk)
    form = PointsRuleForm(
        request.POST or None, initial=PointsRuleForm.initial_for(rule), with_year=False
    )
    return form_page(
        request,
        form,
        lambda data: services.points_rule_update(actor=request.user, rule=rule, **data),
        template="performance/rule_form.html",
        success_url=_detail_url,
        success_message=_("Đã lưu bản nháp."),
        context={
            "province": rule.province,
            "title": _("Sửa bản nháp: %(y)s, phiên bản %(n)s") % {"y": rule.year, "n": rule.number},
        },
    )


@login_required
@require_POST
def rule_publish(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    rule = _rule(request, pk)
    return _act(request, rule, services.points_rule_publish, _("Đã ban hành quy tắc."))


@login_required
@require_POST
def rule_new_version(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    rule = _rule(request, pk)
    return _act(request, rule, services.points_rule_new_version, _("Đã tạo phiên bản mới."))


def _act(request: AuthedHttpRequest, rule: PointsRule, service: Any, message: str) -> HttpResponse:
    try:
        result = service(actor=request.user, rule=rule)
    except ServiceError as error:
        messages.error(request, error.message)
        return redirect(_detail_url(rule))
    messages.success(request, message)
    return redirect(_detail_url(result))
