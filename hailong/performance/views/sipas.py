"""Start the ward's SIPAS report: choose the wave (or year), edit the prefilled text, generate.

``results.view`` on the unit, like every report: the document shows what its requester may
already read; it is a draft for the chair to sign, and changes nothing in the data.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from hailong.accounts.roles import Perm
from hailong.accounts.scope import get_unit_for_user
from hailong.core.http import AuthedHttpRequest
from hailong.core.views import form_page
from hailong.performance import narrative, services
from hailong.performance.forms import SipasReportForm
from hailong.performance.report_data import report_scopes, sipas_report_data
from hailong.performance.selectors import local_today
from hailong.units.models import UnitLevel


@login_required
def report_start(request: AuthedHttpRequest, unit_pk: int) -> HttpResponse:
    unit = get_unit_for_user(request.user, Perm.VIEW_RESULTS, unit_pk)
    if unit.level != UnitLevel.COMMUNE:
        raise Http404
    scopes = report_scopes(unit)
    key = request.GET.get("ky") or (scopes[0].key if scopes else "")
    scope = next((s for s in scopes if s.key == key), None)
    context = {"unit": unit, "scopes": scopes, "scope": scope}
    if scope is None:
        return render(request, "performance/sipas_report.html", context)
    texts = narrative.prefill(sipas_report_data(unit, scope))
    initial: dict[str, Any] = {f"text_{k}": v for k, v in texts.items()}
    initial.update({"date": local_today(), "formats": ["pdf", "docx"]})
    form = SipasReportForm(request.POST or None, initial=initial)
    return form_page(
        request,
        form,
        lambda data: services.sipas_report_start(
            actor=request.user,
            unit=unit,
            scope_key=scope.key,
            narrative=form.narrative(),
            date=data["date"],
            number=data["number"],
            formats=data["formats"],
        ),
        template="performance/sipas_report.html",
        success_url=reverse("reports:list", args=[unit.pk]),
        success_message=_("Đã nhận yêu cầu. Hệ thống đang tạo báo cáo."),
        context=context,
    )
