"""Staff pages of execution: "Hôm nay" on a phone, one item and its mark, evidence, overdue,
compliance."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hailong.accounts.roles import Perm
from hailong.accounts.scope import get_unit_for_user, user_can
from hailong.campaigns import reporting, selectors, services
from hailong.campaigns.channels import channel_get
from hailong.campaigns.describe import responsible_text
from hailong.campaigns.forms import MarkForm
from hailong.campaigns.models import EvidenceKind, Occurrence
from hailong.campaigns.recurrence import LOCAL, local_bounds
from hailong.campaigns.views.schedule import parse_day
from hailong.core.errors import ServiceError
from hailong.core.http import AuthedHttpRequest
from hailong.core.views import form_page


def _marker(request: AuthedHttpRequest) -> Any:
    user = request.user
    return lambda o: services.can_mark(user, o)


@login_required
def today(request: AuthedHttpRequest, unit_pk: int) -> HttpResponse:
    """The day's items of a ward (and its groups) or of one group, with big buttons."""
    unit = get_unit_for_user(request.user, Perm.VIEW_UNITS, unit_pk)
    now = timezone.now()
    real_today = timezone.localdate(now)
    day = parse_day(request.GET.get("ngay"), real_today)
    can_mark = _marker(request)
    rows = selectors.day_items(unit, day)
    only_open = request.GET.get("con-lai") == "1"
    items = [(o, can_mark(o)) for o in rows if not (only_open and o.is_marked)]
    day_start = local_bounds(day, day)[0]
    overdue = (
        selectors.overdue_items(unit, now, days=7, before=day_start) if day == real_today else []
    )
    context = {
        "unit": unit,
        "day": day,
        "is_today": day == real_today,
        "previous": day - dt.timedelta(days=1),
        "next": day + dt.timedelta(days=1),
        "items": items,
        "overdue": [(o, can_mark(o)) for o in overdue],
        "open_count": sum(1 for o in rows if not o.is_marked),
        "only_open": only_open,
    }
    return render(request, "campaigns/today.html", context)


@login_required
def overdue(request: AuthedHttpRequest, unit_pk: int) -> HttpResponse:
    unit = get_unit_for_user(request.user, Perm.VIEW_UNITS, unit_pk)
    can_mark = _marker(request)
    rows = selectors.overdue_items(unit, timezone.now(), days=0)
    context = {"unit": unit, "rows": [(o, can_mark(o)) for o in rows]}
    return render(request, "campaigns/overdue.html", context)


def _back_url(occurrence: Occurrence, back_unit: str | None = None) -> str:
    """The "Hôm nay" page the officer came from (``?ve=<unit>``), on the item's day."""
    day = occurrence.scheduled_at.astimezone(LOCAL).date()
    unit_pk = int(back_unit) if back_unit and back_unit.isdigit() else occurrence.unit_id
    base = reverse("campaigns:today", args=[unit_pk])
    return f"{base}?ngay={day:%d/%m/%Y}"


def _mark_initial(occurrence: Occurrence, asked: str | None) -> dict[str, Any]:
    """The choice the officer tapped on "Hôm nay", else what is recorded (or "done")."""
    recorded = occurrence.status if occurrence.is_marked else "done"
    return {
        "status": asked or recorded,
        "note": occurrence.note,
        "reason": occurrence.reason,
        **occurrence.outcome,
    }


@login_required
def occurrence_detail(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    """One item: what, when, who, its evidence; the mark form for those who may mark it."""
    perm = Perm.MARK_OCCURRENCES if request.method == "POST" else Perm.VIEW_UNITS
    occurrence = selectors.occurrence_get_for_user(request.user, perm, pk)
    initial = _mark_initial(occurrence, request.GET.get("ket-qua"))
    form = MarkForm(
        request.POST or None, request.FILES or None, occurrence=occurrence, initial=initial
    )
    context = {
        "occurrence": occurrence,
        "unit": occurrence.unit,
        "channel": channel_get(occurrence.channel),
        "responsible": responsible_text(occurrence),
        "evidence": selectors.evidence_of(occurrence),
        "can_mark": services.can_mark(request.user, occurrence),
        "back": _back_url(occurrence, request.GET.get("ve")),
    }
    return form_page(
        request,
        form,
        lambda data: services.occurrence_mark(
            actor=request.user, occurrence=occurrence, **form.service_kwargs()
        ),
        template="campaigns/occurrence.html",
        success_url=lambda result: _back_url(result, request.GET.get("ve")),  # type: ignore[arg-type]
        success_message=_("Đã ghi nhận."),
        context=context,
    )


@login_required
@require_POST
def evidence_add(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    occurrence = selectors.occurrence_get_for_user(request.user, Perm.MARK_OCCURRENCES, pk)
    try:
        count = services.evidence_add(
            actor=request.user,
            occurrence=occurrence,
            photos=request.FILES.getlist("photos")[:10],
            link=request.POST.get("link", ""),
        )
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Đã thêm %(n)s minh chứng.") % {"n": count})
    return redirect("campaigns:occurrence", occurrence.pk)


@login_required
def evidence_file(request: AuthedHttpRequest, pk: int) -> FileResponse:
    """A stored photo or audio file, for staff who may see its occurrence."""
    evidence = selectors.evidence_get_for_user(request.user, pk)
    if evidence.kind == EvidenceKind.LINK or not evidence.file:
        raise Http404
    response = FileResponse(evidence.file.open("rb"), content_type=evidence.content_type)
    response["Cache-Control"] = "private, max-age=3600"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def compliance(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_get_for_user(request.user, Perm.VIEW_UNITS, pk)
    start, end, month = reporting.month_period(plan, request.GET.get("thang"))
    context = {
        "plan": plan,
        "unit": plan.unit,
        "report": reporting.compliance_report(plan, start, end),
        "month": month,
        "months": reporting.plan_months(plan),
        "can_manage": user_can(request.user, Perm.MANAGE_CAMPAIGNS, plan.unit),
    }
    return render(request, "campaigns/compliance.html", context)
