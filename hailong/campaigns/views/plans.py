"""Staff pages of the plan: list and create, read, edit, submit, decide, revise, print."""

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
from hailong.accounts.scope import get_unit_for_user, user_can
from hailong.campaigns import selectors, services
from hailong.campaigns.channels import CHANNELS
from hailong.campaigns.describe import activity_schedule_text, responsible_text
from hailong.campaigns.document import plan_blocks, plan_snapshot
from hailong.campaigns.forms import PlanCreateForm, PlanDecisionForm, PlanEditForm
from hailong.campaigns.models import CampaignPlan
from hailong.core.errors import ServiceError
from hailong.core.http import AuthedHttpRequest
from hailong.core.views import form_page
from hailong.reports.document import heading_numbers
from hailong.reports.models import ReportFormat
from hailong.reports.services import report_job_start


def plan_url(plan: object) -> str:
    assert isinstance(plan, CampaignPlan)
    return reverse("campaigns:plan_detail", args=[plan.pk])


@login_required
def plan_list(request: AuthedHttpRequest, unit_pk: int) -> HttpResponse:
    unit = get_unit_for_user(request.user, Perm.VIEW_UNITS, unit_pk)
    context = {
        "unit": unit,
        "plans": selectors.plans_for_unit(unit),
        "can_manage": user_can(request.user, Perm.MANAGE_CAMPAIGNS, unit),
        "can_mark": user_can(request.user, Perm.MARK_OCCURRENCES, unit),
    }
    return render(request, "campaigns/plan_list.html", context)


@login_required
def plan_create(request: AuthedHttpRequest, unit_pk: int) -> HttpResponse:
    unit = get_unit_for_user(request.user, Perm.MANAGE_CAMPAIGNS, unit_pk)
    form = PlanCreateForm(request.POST or None, unit=unit)
    return form_page(
        request,
        form,
        lambda data: services.plan_create_from_template(actor=request.user, unit=unit, **data),
        template="campaigns/plan_create.html",
        success_url=plan_url,
        success_message=_("Đã tạo kế hoạch từ mẫu. Hãy rà soát và sửa cho phù hợp."),
        context={"unit": unit, "title": _("Lập kế hoạch tuyên truyền từ mẫu")},
    )


def _can(request: AuthedHttpRequest, plan: CampaignPlan) -> dict[str, bool]:
    unit = plan.unit
    return {
        "manage": user_can(request.user, Perm.MANAGE_CAMPAIGNS, unit),
        "approve": user_can(request.user, Perm.APPROVE_CAMPAIGNS, unit),
        "mark": user_can(request.user, Perm.MARK_OCCURRENCES, unit),
        "print": user_can(request.user, Perm.VIEW_RESULTS, unit),
    }


@login_required
def plan_detail(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_get_for_user(request.user, Perm.VIEW_UNITS, pk)
    blocks = plan_blocks(plan_snapshot(plan))
    activities = [
        (a, CHANNELS.get(a.channel), activity_schedule_text(a), responsible_text(a))
        for a in selectors.activities_of(plan)
    ]
    context: dict[str, Any] = {
        "plan": plan,
        "unit": plan.unit,
        "can": _can(request, plan),
        "blocks": list(zip(blocks, heading_numbers(blocks), strict=True)),
        "activities": activities,
        "channels": CHANNELS,
        "versions": plan.versions.select_related("approved_by").order_by("-number"),
        "events": plan.events.select_related("actor")[:20],
        "formats": [(ReportFormat.PDF, "PDF"), (ReportFormat.DOCX, "Word (DOCX)")],
    }
    return render(request, "campaigns/plan_detail.html", context)


@login_required
def plan_edit(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_get_for_user(request.user, Perm.MANAGE_CAMPAIGNS, pk)
    form = PlanEditForm(request.POST or None, plan=plan)

    def save(data: dict[str, Any]) -> CampaignPlan:
        return services.plan_update(
            actor=request.user, plan=plan, content=form.content(), **form.relations()
        )

    return form_page(
        request,
        form,
        save,
        template="campaigns/plan_edit.html",
        success_url=plan_url,
        success_message=_("Đã lưu kế hoạch."),
        context={"plan": plan, "unit": plan.unit, "channel_keys": list(CHANNELS)},
    )


def _act(request: AuthedHttpRequest, plan: CampaignPlan, action: Any, done: str) -> HttpResponse:
    try:
        action(actor=request.user, plan=plan)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, done)
    return redirect(plan_url(plan))


@login_required
@require_POST
def plan_submit(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_get_for_user(request.user, Perm.MANAGE_CAMPAIGNS, pk)
    return _act(request, plan, services.plan_submit, _("Đã trình lãnh đạo phê duyệt."))


@login_required
@require_POST
def plan_revise(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_get_for_user(request.user, Perm.MANAGE_CAMPAIGNS, pk)
    done = _("Đã mở bản sửa đổi. Phiên bản đã duyệt vẫn có hiệu lực đến khi bản mới được duyệt.")
    return _act(request, plan, services.plan_revise, done)


@login_required
def plan_decide(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_get_for_user(request.user, Perm.APPROVE_CAMPAIGNS, pk)
    form = PlanDecisionForm(request.POST or None)

    def save(data: dict[str, Any]) -> CampaignPlan:
        if data["decision"] == PlanDecisionForm.APPROVE:
            return services.plan_approve(actor=request.user, plan=plan)
        return services.plan_reject(actor=request.user, plan=plan, reason=data["reason"])

    return form_page(
        request,
        form,
        save,
        template="campaigns/plan_decide.html",
        success_url=plan_url,
        success_message=_("Đã ghi nhận quyết định."),
        context={"plan": plan, "unit": plan.unit},
    )


@login_required
def plan_version(request: AuthedHttpRequest, pk: int, number: int) -> HttpResponse:
    plan = selectors.plan_get_for_user(request.user, Perm.VIEW_UNITS, pk)
    version = (
        plan.versions.select_related("approved_by", "drafted_by").filter(number=number).first()
    )
    if version is None:
        raise Http404
    blocks = plan_blocks(version.snapshot)
    context = {
        "plan": plan,
        "unit": plan.unit,
        "version": version,
        "blocks": list(zip(blocks, heading_numbers(blocks), strict=True)),
    }
    return render(request, "campaigns/plan_version.html", context)


@login_required
@require_POST
def plan_print(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    """Start the ``campaign_plan`` report (PDF or DOCX) and go to its status page."""
    plan = selectors.plan_get_for_user(request.user, Perm.VIEW_RESULTS, pk)
    output_format = request.POST.get("format", ReportFormat.PDF)
    params: dict[str, Any] = {"plan": plan.pk}
    if request.POST.get("version", "").isdigit():
        params["version"] = int(request.POST["version"])
    try:
        job = report_job_start(
            actor=request.user,
            unit=plan.unit,
            kind="campaign_plan",
            output_format=output_format,
            params=params,
        )
    except ServiceError as error:
        messages.error(request, error.message)
        return redirect(plan_url(plan))
    messages.success(request, _("Đã nhận yêu cầu. Hệ thống đang tạo văn bản."))
    return redirect("reports:status", job.unit_id, job.pk)
