"""Staff pages of the schedule: activities, the calendar, loudspeaker areas and Zalo groups."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hailong.accounts.roles import Perm
from hailong.accounts.scope import get_unit_for_user, user_can
from hailong.campaigns import selectors, services
from hailong.campaigns.agenda import View, agenda
from hailong.campaigns.channels import channel_get
from hailong.campaigns.describe import weekday_names
from hailong.campaigns.forms import ActivityForm, LoudspeakerAreaForm, ZaloGroupForm
from hailong.campaigns.models import CampaignActivity, LoudspeakerArea, ZaloGroup
from hailong.campaigns.views.plans import plan_url
from hailong.core.errors import ServiceError
from hailong.core.http import AuthedHttpRequest
from hailong.core.views import form_page


def parse_day(value: str | None, default: dt.date) -> dt.date:
    """A dd/mm/yyyy query value, or ``default`` when absent or malformed."""
    try:
        return dt.datetime.strptime(value or "", "%d/%m/%Y").date()  # noqa: DTZ007
    except ValueError:
        return default


def _activity_page(
    request: AuthedHttpRequest, form: ActivityForm, save: Any, plan: Any, title: str
) -> HttpResponse:
    return form_page(
        request,
        form,
        save,
        template="campaigns/activity_form.html",
        success_url=lambda activity: plan_url(activity.plan),  # type: ignore[attr-defined]
        success_message=_("Đã lưu hoạt động và cập nhật lịch."),
        context={"plan": plan, "unit": plan.unit, "title": title, "channel": form.channel},
    )


@login_required
def activity_create(request: AuthedHttpRequest, pk: int, channel: str) -> HttpResponse:
    plan = selectors.plan_get_for_user(request.user, Perm.MANAGE_CAMPAIGNS, pk)
    kind = channel_get(channel)
    if kind is None:
        raise Http404
    form = ActivityForm(request.POST or None, plan=plan, channel=kind)

    def save(data: dict[str, Any]) -> CampaignActivity:
        return services.activity_save(
            actor=request.user, plan=plan, channel=kind.key, **form.service_kwargs()
        )

    title = _("Thêm hoạt động: %(c)s") % {"c": kind.label}
    return _activity_page(request, form, save, plan, title)


@login_required
def activity_edit(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    activity = selectors.activity_get_for_user(request.user, Perm.MANAGE_CAMPAIGNS, pk)
    kind = channel_get(activity.channel)
    if kind is None:
        raise Http404
    plan = activity.plan
    form = ActivityForm(request.POST or None, plan=plan, channel=kind, activity=activity)

    def save(data: dict[str, Any]) -> CampaignActivity:
        return services.activity_save(
            actor=request.user,
            plan=plan,
            channel=kind.key,
            activity=activity,
            **form.service_kwargs(),
        )

    return _activity_page(request, form, save, plan, _("Sửa hoạt động: %(t)s") % {"t": activity})


@login_required
@require_POST
def activity_delete(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    activity = selectors.activity_get_for_user(request.user, Perm.MANAGE_CAMPAIGNS, pk)
    plan = activity.plan
    try:
        services.activity_delete(actor=request.user, activity=activity)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Đã xóa hoạt động."))
    return redirect(plan_url(plan))


@login_required
def plan_calendar(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_get_for_user(request.user, Perm.VIEW_UNITS, pk)
    today = timezone.localdate()
    default = min(max(today, plan.period_start), plan.period_end)
    anchor = parse_day(request.GET.get("ngay"), default)
    view: View = "week" if request.GET.get("xem") == "tuan" else "month"
    context = {
        "plan": plan,
        "unit": plan.unit,
        "agenda": agenda(plan, view, anchor, today),
        "view_param": "tuan" if view == "week" else "thang",
        "weekday_names": weekday_names(),
    }
    return render(request, "campaigns/calendar.html", context)


def _places_page(
    request: AuthedHttpRequest,
    unit_pk: int,
    *,
    form_class: type[LoudspeakerAreaForm] | type[ZaloGroupForm],
    create: Any,
    rows: Any,
    template: str,
    done: str,
) -> HttpResponse:
    """A list of a unit's places of one channel, with an add form for those who manage."""
    perm = Perm.MANAGE_CAMPAIGNS if request.method == "POST" else Perm.VIEW_UNITS
    unit = get_unit_for_user(request.user, perm, unit_pk)
    form = form_class(request.POST or None, unit=unit)
    return form_page(
        request,
        form,
        lambda data: create(actor=request.user, unit=unit, **data),
        template=template,
        success_url=request.path,
        success_message=done,
        context={
            "unit": unit,
            "rows": rows(unit),
            "can_manage": user_can(request.user, Perm.MANAGE_CAMPAIGNS, unit),
        },
    )


@login_required
def loudspeaker_areas(request: AuthedHttpRequest, unit_pk: int) -> HttpResponse:
    return _places_page(
        request,
        unit_pk,
        form_class=LoudspeakerAreaForm,
        create=services.loudspeaker_area_create,
        rows=lambda unit: LoudspeakerArea.objects.filter(unit=unit).prefetch_related("groups"),
        template="campaigns/loudspeaker_areas.html",
        done=_("Đã thêm cụm loa."),
    )


@login_required
def zalo_groups(request: AuthedHttpRequest, unit_pk: int) -> HttpResponse:
    return _places_page(
        request,
        unit_pk,
        form_class=ZaloGroupForm,
        create=services.zalo_group_create,
        rows=lambda unit: ZaloGroup.objects.filter(unit=unit).select_related(
            "organisation", "group"
        ),
        template="campaigns/zalo_groups.html",
        done=_("Đã thêm nhóm Zalo."),
    )


def calendar_url(plan_pk: int, day: dt.date, view: str = "tuan") -> str:
    return f"{reverse('campaigns:calendar', args=[plan_pk])}?xem={view}&ngay={day:%d/%m/%Y}"
