"""Staff pages of a wave's sample: the design and its draws, drawing, slips and message texts."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from hailong.accounts.roles import Perm
from hailong.accounts.scope import user_can
from hailong.core.errors import ServiceError
from hailong.core.forms import add_service_error
from hailong.core.http import AuthedHttpRequest
from hailong.core.views import form_page
from hailong.sampling import invitations, planning, selectors, services
from hailong.sampling.forms import DrawForm
from hailong.sampling.models import FrameKind, SampleDraw, SampleMember
from hailong.surveys.models import SurveyWave
from hailong.surveys.selectors import wave_get_for_user

MESSAGES_PER_PAGE = 100


def sample_url(wave: SurveyWave) -> str:
    return reverse("sampling:sample", args=[wave.pk])


def wave_for_invitations(request: AuthedHttpRequest, pk: int) -> SurveyWave:
    """Invitation codes are keys to answer: for those who manage the survey or enter responses."""
    wave = wave_get_for_user(request.user, Perm.VIEW_UNITS, pk)
    if not any(user_can(request.user, p, wave.unit) for p in INVITATION_PERMS):
        raise PermissionDenied
    return wave


INVITATION_PERMS = (Perm.MANAGE_SURVEYS, Perm.ENTER_RESPONSES)


@login_required
def sample_page(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    """The current draw: frame, N, e, n and the formula, strata, seed; earlier draws."""
    wave = wave_get_for_user(request.user, Perm.VIEW_UNITS, pk)
    draw = selectors.current_draw(wave)
    context: dict[str, Any] = {
        "wave": wave,
        "unit": wave.unit,
        "draw": draw,
        "formula": _formula(draw) if draw else "",
        "design": draw.design if draw else None,
        "strata": planning.strata_rows(draw.design) if draw else [],
        "draws": selectors.draws_of(wave),
        "can_manage": user_can(request.user, Perm.MANAGE_SURVEYS, wave.unit),
        "can_invite": any(user_can(request.user, p, wave.unit) for p in INVITATION_PERMS),
    }
    return render(request, "sampling/sample.html", context)


def _formula(draw: SampleDraw) -> str:
    exact = float(draw.design.get("slovin_exact", 0))
    return planning.formula_text(draw.frame_size, draw.margin, exact, draw.slovin_size)


@login_required
def sample_draw(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    """The draw form; "Xem trước" shows the plan without writing, "Rút mẫu" draws."""
    wave = wave_get_for_user(request.user, Perm.MANAGE_SURVEYS, pk)
    form = DrawForm(request.POST or None, initial=_initial(wave))
    context: dict[str, Any] = {
        "wave": wave,
        "unit": wave.unit,
        "current": selectors.current_draw(wave),
    }
    if request.method == "POST" and request.POST.get("action") == "preview":
        return _preview(request, wave, form, context)
    return form_page(
        request,
        form,
        lambda _data: services.sample_draw(actor=request.user, wave=wave, **form.service_args()),
        template="sampling/draw.html",
        success_url=sample_url(wave),
        success_message=_("Đã rút mẫu và tạo thư mời."),
        context=context,
    )


def _initial(wave: SurveyWave) -> dict[str, Any]:
    frame = FrameKind.HOUSEHOLDS if "hamlet" in _respondent_codes(wave) else FrameKind.DOSSIERS
    period = planning.default_period(wave, FrameKind.DOSSIERS)
    return {
        "frame": frame,
        "period_start": period[0] if period else None,
        "period_end": period[1] if period else None,
    }


def _respondent_codes(wave: SurveyWave) -> set[str]:
    return {f.code for f in wave.method_version.parsed().respondent_fields}


def _preview(
    request: AuthedHttpRequest, wave: SurveyWave, form: DrawForm, context: dict[str, Any]
) -> HttpResponse:
    plan = None
    if form.is_valid():
        args = form.service_args()
        for key in ("seed", "max_attempts"):
            args.pop(key)
        try:
            plan = planning.plan_compute(wave=wave, **args)
        except ServiceError as error:
            add_service_error(form, error)
    formula = (
        planning.formula_text(plan.frame_size, plan.margin, plan.slovin_exact, plan.slovin_size)
        if plan
        else ""
    )
    design = plan.design_json(seed=0) if plan else None
    strata = planning.strata_rows(design) if design else []
    frame_label = FrameKind(plan.frame).label if plan else ""
    context.update(
        form=form, plan=plan, formula=formula, design=design, strata=strata, frame_label=frame_label
    )
    return render(request, "sampling/draw.html", context, status=200 if plan else 400)


def _draw_of(wave: SurveyWave, request: AuthedHttpRequest) -> SampleDraw:
    chosen = request.GET.get("lan")
    draw = selectors.current_draw(wave) if not chosen else None
    if chosen:
        try:
            draw = selectors.draw_get(wave, chosen)
        except (SampleDraw.DoesNotExist, ValueError) as exc:
            raise Http404 from exc
    if draw is None:
        raise Http404
    return draw


def _unused_members(draw: SampleDraw, everyone: bool) -> list[SampleMember]:
    members = draw.members.select_related("invitation", "residential_group").order_by("position")
    if not everyone:
        members = members.filter(invitation__used_at__isnull=True)
    return list(members)


@login_required
def slips(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    """Printable invitation slips, ten to an A4 page (unused invitations unless asked)."""
    wave = wave_for_invitations(request, pk)
    draw = _draw_of(wave, request)
    members = _unused_members(draw, everyone=bool(request.GET.get("tat-ca")))
    context = {
        "wave": wave,
        "unit": wave.unit,
        "draw": draw,
        "pages": invitations.slips(members),
        "count": len(members),
    }
    response = render(request, "sampling/slips.html", context)
    response["Cache-Control"] = "no-store"
    return response


@login_required
def message_texts(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    """Zalo and SMS texts of each unused invitation, to copy; phones only for those allowed."""
    wave = wave_for_invitations(request, pk)
    draw = _draw_of(wave, request)
    page = Paginator(_unused_members(draw, everyone=False), MESSAGES_PER_PAGE).get_page(
        request.GET.get("trang")
    )
    members = list(page.object_list)
    for member in members:
        member.draw = draw
    contacts = services.member_contacts_view(actor=request.user, members=members)
    rows = [_message_row(wave, m, contacts.get(m.pk)) for m in members]
    context = {"wave": wave, "unit": wave.unit, "draw": draw, "page": page, "rows": rows}
    response = render(request, "sampling/messages.html", context)
    response["Cache-Control"] = "no-store"
    return response


def _message_row(wave: SurveyWave, member: SampleMember, contact: Any) -> dict[str, Any]:
    code = member.invitation.code
    sms = invitations.sms_text(wave, code)
    return {
        "member": member,
        "code": code,
        "phone": contact.phone if contact is not None else "",
        "zalo": invitations.zalo_text(wave, code),
        "sms": sms,
        "sms_parts": invitations.sms_parts(sms),
        "sms_chars": len(sms),
    }
