"""The ward's SIPAS points next to its index, per wave, with the rule that converts them."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from hailong.accounts.roles import Perm
from hailong.accounts.scope import get_unit_for_user, user_can
from hailong.core.http import AuthedHttpRequest
from hailong.performance import selectors
from hailong.units.models import AdministrativeUnit


@login_required
def unit_points(request: AuthedHttpRequest, unit_pk: int) -> HttpResponse:
    unit = get_unit_for_user(request.user, Perm.VIEW_RESULTS, unit_pk)
    province = AdministrativeUnit.objects.get(pk=selectors.province_pk(unit))
    context = {
        "unit": unit,
        "province": province,
        "rows": selectors.unit_points_rows(unit),
        "rule": selectors.rule_for_unit(unit, timezone.localdate().year),
        "can_manage_rules": user_can(request.user, Perm.MANAGE_UNITS, province),
    }
    return render(request, "performance/points.html", context)
