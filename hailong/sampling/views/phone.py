"""Phone interviews (channel 5): the call list, assigning calls, the call screen with the script
and the outcome codes, and the interviewer's questionnaire screen."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from hailong.accounts.roles import Perm
from hailong.accounts.scope import user_can
from hailong.core.errors import ServiceError
from hailong.core.http import AuthedHttpRequest
from hailong.core.views import form_page
from hailong.responses.services import ResponseInvalid
from hailong.sampling import interview, selectors, services
from hailong.sampling.forms import AssignForm, CallOutcomeForm
from hailong.sampling.models import CallStatus, SampleDraw, SampleMember
from hailong.surveys.models import SurveyWave
from hailong.surveys.selectors import wave_get_for_user

PER_PAGE = 50
CALL_PERMS = (Perm.ENTER_RESPONSES, Perm.MANAGE_SURVEYS)


def calls_url(wave: SurveyWave) -> str:
    return reverse("sampling:calls", args=[wave.pk])


def member_url(member: SampleMember) -> str:
    return reverse("sampling:call", args=[member.draw.wave_id, member.pk])


def _wave_for_calls(request: AuthedHttpRequest, pk: int) -> SurveyWave:
    wave = wave_get_for_user(request.user, Perm.VIEW_UNITS, pk)
    if not any(user_can(request.user, p, wave.unit) for p in CALL_PERMS):
        raise PermissionDenied
    return wave


@login_required
def call_list(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    """Who to call now (due first), who left the list, and the tally per interviewer."""
    wave = _wave_for_calls(request, pk)
    draw = selectors.current_draw(wave)
    mine = request.GET.get("cua-toi") == "1"
    context: dict[str, Any] = {
        "wave": wave,
        "unit": wave.unit,
        "draw": draw,
        "mine": mine,
        "refusal": selectors.phone_refusal(wave),
        "can_manage": user_can(request.user, Perm.MANAGE_SURVEYS, wave.unit),
        "can_call": user_can(request.user, Perm.ENTER_RESPONSES, wave.unit),
        "tally": selectors.interviewer_tally(wave),
        "now": timezone.now(),
    }
    if draw is not None:
        rows = selectors.call_list(draw, interviewer=request.user if mine else None)
        context["page"] = Paginator(rows, PER_PAGE).get_page(request.GET.get("trang"))
        context["finished"] = selectors.finished_members(draw)[:PER_PAGE]
        context["counts"] = selectors.call_counts(draw)
    return render(request, "sampling/calls.html", context)


def _current(wave: SurveyWave) -> SampleDraw:
    draw = selectors.current_draw(wave)
    if draw is None:
        raise ServiceError(_("Đợt khảo sát chưa có mẫu."))
    return draw


@login_required
def assign(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    wave = wave_get_for_user(request.user, Perm.MANAGE_SURVEYS, pk)
    form = AssignForm(request.POST or None, interviewers=selectors.interviewers_for(wave))
    return form_page(
        request,
        form,
        lambda data: services.members_assign(actor=request.user, draw=_current(wave), **data),
        template="sampling/assign.html",
        success_url=calls_url(wave),
        success_message=_("Đã chia danh sách gọi."),
        context={"wave": wave, "unit": wave.unit},
    )


def _member(request: AuthedHttpRequest, pk: int, member_pk: int) -> SampleMember:
    return selectors.member_get_for_user(request.user, Perm.ENTER_RESPONSES, pk, member_pk)


def _member_to_read(request: AuthedHttpRequest, pk: int, member_pk: int) -> SampleMember:
    """Leaders read the call screen (history, purge date); interviewers also call from it."""
    member = selectors.member_get_for_user(request.user, Perm.VIEW_UNITS, pk, member_pk)
    unit = member.draw.wave.unit
    needed = (Perm.ENTER_RESPONSES,) if request.method == "POST" else CALL_PERMS
    if not any(user_can(request.user, p, unit) for p in needed):
        raise PermissionDenied
    return member


@login_required
def call(request: AuthedHttpRequest, pk: int, member_pk: int) -> HttpResponse:
    """The call screen: contact (logged), script, history; POST records an outcome."""
    member = _member_to_read(request, pk, member_pk)
    form = CallOutcomeForm(request.POST or None)
    response = form_page(
        request,
        form,
        lambda data: services.call_record(actor=request.user, member=member, **data),
        template="sampling/call.html",
        success_url=calls_url(member.draw.wave),
        success_message=_("Đã ghi kết quả cuộc gọi số %(n)d.") % {"n": member.position},
        context=_call_context(request, member),
    )
    response["Cache-Control"] = "no-store"
    return response


def _call_context(request: AuthedHttpRequest, member: SampleMember) -> dict[str, Any]:
    wave = member.draw.wave
    contacts = services.member_contacts_view(actor=request.user, members=[member])
    return {
        "wave": wave,
        "unit": wave.unit,
        "member": member,
        "contact": contacts.get(member.pk),
        "may_see_contact": selectors.may_see_contact(request.user, member),
        "purge_date": selectors.purge_date(wave),
        "purge_due": selectors.purge_date(wave) <= timezone.localdate(),
        "script": interview.script(wave, member, request.user),
        "calls": member.calls.select_related("interviewer").order_by("at"),
        "is_open": member.call_status == CallStatus.OPEN
        and member.invitation.used_at is None
        and member.draw.is_current,
        "can_call": user_can(request.user, Perm.ENTER_RESPONSES, wave.unit),
        "refusal": selectors.phone_refusal(wave),
    }


@login_required
def interview_page(request: AuthedHttpRequest, pk: int, member_pk: int) -> HttpResponse:
    """The questionnaire, all groups on one page, read out and ticked by the interviewer."""
    member = _member(request, pk, member_pk)
    wave = member.draw.wave
    if request.method != "POST":
        return _interview(request, member, {}, {}, started_at=timezone.now())
    raw = interview.raw_from_post(wave, request.POST)
    started = interview.parse_started(request.POST.get("bat-dau", ""))
    try:
        services.phone_interview_submit(
            actor=request.user,
            member=member,
            answers_raw=raw,
            consent=request.POST.get("consent") == "1",
            started_at=started,
        )
    except ResponseInvalid as invalid:
        return _interview(request, member, raw, invalid.errors, started_at=started, status=400)
    except ServiceError as error:
        if error.field == "consent":
            return _interview(request, member, raw, {"consent": error.message}, started, 400)
        messages.error(request, error.message)
        return redirect(member_url(member))
    messages.success(request, _("Đã lưu phiếu phỏng vấn số %(n)d.") % {"n": member.position})
    return redirect(calls_url(wave))


def _interview(
    request: AuthedHttpRequest,
    member: SampleMember,
    raw: dict[str, list[str]],
    errors: dict[str, str],
    started_at: dt.datetime | None,
    status: int = 200,
) -> HttpResponse:
    wave = member.draw.wave
    context = {
        "wave": wave,
        "unit": wave.unit,
        "member": member,
        "sections": interview.sections(wave, raw, errors),
        "errors": errors,
        "consent_error": errors.get("consent", ""),
        "started_at": (started_at or timezone.now()).isoformat(),
        "script": interview.script(wave, member, request.user),
        "refusal": selectors.phone_refusal(wave),
    }
    return render(request, "sampling/interview.html", context, status=status)
