"""Writes of sampling: drawing a sample with its invitations, assigning and recording calls,
phone interviews (through ``response_submit``), contact views, and the purge after the wave.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hailong.accounts.roles import Perm
from hailong.accounts.scope import user_can
from hailong.core.errors import PermissionDenied, ServiceError
from hailong.core.text import clean_line
from hailong.dossiers.models import DossierContact
from hailong.dossiers.services import dossier_contacts_purge
from hailong.responses.models import Invitation, Response
from hailong.responses.services import response_submit
from hailong.sampling import calls, design, selectors
from hailong.sampling.frames import FrameUnit, Period
from hailong.sampling.models import (
    CallAttempt,
    CallOutcome,
    CallStatus,
    ContactView,
    FrameKind,
    SampleDraw,
    SampleMember,
)
from hailong.sampling.planning import Plan, plan_compute
from hailong.surveys.models import SurveyWave

if TYPE_CHECKING:
    from hailong.accounts.models import User

MAX_SEED = 2**63 - 1
DEFAULT_MAX_ATTEMPTS = 5
NOTE_MAX = 200


def _check(actor: User | None, perm: Perm, wave: SurveyWave, message: str) -> None:
    if actor is not None and not user_can(actor, perm, wave.unit):
        raise PermissionDenied(message)


def new_seed() -> int:
    """Nine digits: random enough for a draw, short enough to write in the minutes."""
    return 100_000_000 + secrets.randbelow(900_000_000)


# -- drawing -----------------------------------------------------------------------------------


def sample_draw(
    *,
    actor: User | None,
    wave: SurveyWave,
    frame: str,
    period: Period = None,
    margin: Decimal = design.DEFAULT_MARGIN,
    seed: int | None = None,
    sample_size: int | None = None,
    minimum: int = 0,
    max_attempts: int = DEFAULT_MAX_ATTEMPTS,
    now: dt.datetime | None = None,
) -> SampleDraw:
    """Draw the wave's sample and give every sampled unit an invitation.

    1. The actor manages the wave's surveys; the seed is given or new; the plan is computed
       (frame, N, Slovin's n, allocation); ``design.draw`` picks the units, numbered in their
       random order (so slips and the call list mix the strata).
    2. In one transaction: the current draw is superseded (never deleted); the new draw is
       stored with its design; each unit that already had an invitation of this wave keeps it
       (used or not); the others get a new one-use code; one member per unit.
    """
    _check(actor, Perm.MANAGE_SURVEYS, wave, _("Bạn không có quyền chọn mẫu của đơn vị này."))
    seed = new_seed() if seed is None else seed
    if not 0 <= seed <= MAX_SEED:
        raise ServiceError(_("Hạt giống phải là số nguyên không âm."), field="seed")
    if not 1 <= max_attempts <= 20:
        raise ServiceError(_("Số lần gọi tối đa phải từ 1 đến 20."), field="max_attempts")
    plan = plan_compute(
        wave=wave,
        frame=frame,
        period=period,
        margin=margin,
        sample_size=sample_size,
        minimum=minimum,
    )
    chosen = design.draw(plan.units, plan.invited_by_stratum(), seed)
    chosen.sort(key=lambda unit: design.rank(seed, unit.key))  # numbers mix the strata
    moment = now or timezone.now()
    try:
        return _draw_store(actor, wave, plan, seed, chosen, max_attempts, moment)
    except IntegrityError:
        # Another draw of the same wave was stored at the same moment (one current per wave).
        raise ServiceError(
            _("Một lượt rút mẫu khác của đợt này vừa được lưu. Xin tải lại trang."),
            code="concurrent_draw",
        ) from None


def _draw_store(
    actor: User | None,
    wave: SurveyWave,
    plan: Plan,
    seed: int,
    chosen: Sequence[FrameUnit],
    max_attempts: int,
    moment: dt.datetime,
) -> SampleDraw:
    with transaction.atomic():
        SampleDraw.objects.filter(wave=wave, superseded_at__isnull=True).update(
            superseded_at=moment
        )
        draw = SampleDraw.objects.create(
            wave=wave,
            frame=plan.frame,
            period_start=plan.period[0] if plan.period else None,
            period_end=plan.period[1] if plan.period else None,
            margin=plan.margin,
            seed=seed,
            frame_size=plan.frame_size,
            slovin_size=plan.slovin_size,
            sample_size=plan.sample_size,
            minimum_per_stratum=plan.minimum,
            max_attempts=max_attempts,
            design=plan.design_json(seed),
            drawn_at=moment,
            drawn_by=actor,
        )
        _members_create(draw, plan, chosen)
    return draw


def _members_create(draw: SampleDraw, plan: Plan, chosen: Sequence[FrameUnit]) -> None:
    """One member per chosen unit; earlier invitations of the same units are kept."""
    labels = {s.key: s.label for s in plan.strata}
    earlier = dict(
        SampleMember.objects.filter(draw__wave=draw.wave_id)
        .exclude(draw=draw)
        .order_by("draw__drawn_at")
        .values_list("unit_key", "invitation_id")
    )
    fresh = [u for u in chosen if u.key not in earlier]
    made = _invitations_create(draw, fresh, labels)
    members = []
    for position, unit in enumerate(chosen, 1):
        invitation_id = earlier.get(unit.key) or made[unit.key].pk
        members.append(
            SampleMember(
                draw=draw,
                position=position,
                stratum=unit.stratum,
                unit_key=unit.key,
                invitation_id=invitation_id,
                dossier_id=unit.dossier_id,
                residential_group_id=unit.group_id,
                household=unit.household,
            )
        )
    SampleMember.objects.bulk_create(members, batch_size=500)


def _invitations_create(
    draw: SampleDraw, units: Sequence[FrameUnit], labels: Mapping[str, str]
) -> dict[str, Invitation]:
    """New invitations in bulk (random codes; a clash with an existing code is retried)."""
    for _attempt in range(5):
        rows = [
            Invitation(
                wave_id=draw.wave_id,
                dossier_id=u.dossier_id,
                stratum={"frame": draw.frame, "key": u.stratum, "label": labels[u.stratum]},
            )
            for u in units
        ]
        try:
            with transaction.atomic():
                Invitation.objects.bulk_create(rows, batch_size=500)
        except IntegrityError:
            continue
        return {u.key: row for u, row in zip(units, rows, strict=True)}
    raise ServiceError(_("Không tạo được mã mời, xin thử lại."))


# -- calls -------------------------------------------------------------------------------------


def members_assign(
    *,
    actor: User | None,
    draw: SampleDraw,
    interviewers: Sequence[User],
    only_unassigned: bool = True,
) -> int:
    """Share the draw's open, callable members among ``interviewers``, in turn; how many."""
    wave = draw.wave
    _check(actor, Perm.MANAGE_SURVEYS, wave, _("Bạn không có quyền phân công gọi điện."))
    if not interviewers:
        raise ServiceError(_("Hãy chọn ít nhất một người gọi."), field="interviewers")
    for person in interviewers:
        if not user_can(person, Perm.ENTER_RESPONSES, wave.unit):
            raise ServiceError(
                _("%(name)s không có quyền nhập phiếu của đơn vị này.") % {"name": person},
                field="interviewers",
            )
    members = selectors.callable_members(draw)
    if only_unassigned:
        members = members.filter(assigned_to__isnull=True)
    pks = list(members.order_by("position").values_list("pk", flat=True))
    with transaction.atomic():
        for index, person in enumerate(interviewers):
            share = pks[index :: len(interviewers)]
            SampleMember.objects.filter(pk__in=share).update(assigned_to=person)
    return len(pks)


def _member_locked(member: SampleMember, *, unused: bool = True) -> SampleMember:
    """The member row, locked for the rest of the transaction, and still callable."""
    locked = SampleMember.objects.select_for_update().select_related("invitation").get(pk=member.pk)
    if locked.call_status != CallStatus.OPEN:
        raise ServiceError(
            _("Người này không còn trong danh sách gọi (%(status)s).")
            % {"status": locked.get_call_status_display()},
            code="not_open",
        )
    if unused and locked.invitation.used_at is not None:
        raise ServiceError(_("Mã mời của người này đã được dùng để trả lời."), code="answered")
    return locked


def _apply(
    member: SampleMember,
    draw: SampleDraw,
    *,
    actor: User | None,
    outcome: str,
    moment: dt.datetime,
    call_back_at: dt.datetime | None = None,
    note: str = "",
    response: Response | None = None,
) -> CallAttempt:
    state = calls.next_state(
        outcome,
        attempts=member.attempts,
        max_attempts=draw.max_attempts,
        now=moment,
        call_back_at=call_back_at,
    )
    attempt = CallAttempt.objects.create(
        member=member,
        interviewer=actor,
        outcome=outcome,
        at=moment,
        call_back_at=call_back_at,
        note=clean_line(note)[:NOTE_MAX],
        response=response,
    )
    SampleMember.objects.filter(pk=member.pk).update(
        call_status=state.status,
        attempts=state.attempts,
        next_attempt_at=state.next_attempt_at,
        last_outcome=outcome,
    )
    return attempt


def call_record(
    *,
    actor: User | None,
    member: SampleMember,
    outcome: str,
    call_back_at: dt.datetime | None = None,
    note: str = "",
    now: dt.datetime | None = None,
) -> CallAttempt:
    """Record one call that did not end in an interview, and move the member on.

    1. The actor enters responses of the wave's unit; the member is in the current draw.
    2. The outcome is known and not "answered" (that comes with the stored interview);
       "call back" needs a time in the future.
    3. Under a row lock: the member is still open; the attempt is stored; the member gets
       the state of ``calls.next_state`` (retry time, or leaves the list).
    """
    draw = member.draw
    _check(actor, Perm.ENTER_RESPONSES, draw.wave, _("Bạn không có quyền ghi kết quả cuộc gọi."))
    _check_current(draw)
    rule = calls.RULES.get(outcome)
    if rule is None or rule.needs_interview:
        raise ServiceError(_("Kết quả cuộc gọi không hợp lệ."), field="outcome")
    moment = now or timezone.now()
    if rule.needs_time and (call_back_at is None or call_back_at <= moment):
        raise ServiceError(_("Hãy ghi thời điểm hẹn gọi lại (sau lúc này)."), field="call_back_at")
    with transaction.atomic():
        locked = _member_locked(member)
        return _apply(
            locked,
            draw,
            actor=actor,
            outcome=outcome,
            moment=moment,
            call_back_at=call_back_at if rule.needs_time else None,
            note=note,
        )


def _check_current(draw: SampleDraw) -> None:
    if not draw.is_current:
        raise ServiceError(_("Mẫu này đã được thay bằng lượt rút mẫu mới."), code="superseded")


def phone_interview_submit(
    *,
    actor: User,
    member: SampleMember,
    answers_raw: Mapping[str, Any],
    consent: bool,
    started_at: dt.datetime | None = None,
    now: dt.datetime | None = None,
) -> Response:
    """Store a phone interview with the member's invitation, and close the member as answered.

    1. The actor enters responses of the unit; the member is in the current draw; the person
       agreed to answer (the script's consent question).
    2. ``response_submit(channel="phone", invitation_code=…, entered_by=actor)`` cleans the
       answers with the wave's questionnaire and uses the invitation once (database-enforced);
       inside its transaction the member is locked and the "answered" call is stored.
    """
    draw = member.draw
    wave = draw.wave
    _check(actor, Perm.ENTER_RESPONSES, wave, _("Bạn không có quyền nhập phiếu của đơn vị này."))
    _check_current(draw)
    if not consent:
        raise ServiceError(
            _("Chỉ ghi câu trả lời khi người được hỏi đồng ý trả lời."), field="consent"
        )
    if member.call_status != CallStatus.OPEN or member.invitation.used_at is not None:
        raise ServiceError(_("Người này không còn trong danh sách gọi."), code="not_open")
    moment = now or timezone.now()

    def close(response: Response) -> None:
        locked = _member_locked(member, unused=False)
        _apply(
            locked,
            draw,
            actor=actor,
            outcome=CallOutcome.ANSWERED,
            moment=moment,
            response=response,
        )

    return response_submit(
        wave=wave,
        channel="phone",
        answers_raw={k: v for k, v in answers_raw.items() if not k.startswith("q-r.")},
        respondent_raw={k: v for k, v in answers_raw.items() if k.startswith("q-r.")},
        invitation_code=member.invitation.code,
        entered_by=actor,
        started_at=started_at,
        on_stored=close,
        now=moment,
    )


# -- contact details ---------------------------------------------------------------------------


def member_contacts_view(
    *, actor: User, members: Sequence[SampleMember]
) -> dict[int, DossierContact]:
    """The contact details of ``members`` that ``actor`` may see, each view written to the log.

    Those who hold ``VIEW_CONTACTS`` on the unit see them all; an interviewer sees the members
    assigned to them (the number is needed to call). Others, and households, get nothing.
    """
    allowed = {
        m.dossier_id: m
        for m in members
        if m.dossier_id is not None and selectors.may_see_contact(actor, m)
    }
    contacts = {
        allowed[c.dossier_id].pk: c
        for c in DossierContact.objects.filter(dossier_id__in=list(allowed))
    }
    by_pk = {m.pk: m for m in members}
    ContactView.objects.bulk_create(
        ContactView(
            member_id=pk,
            member_ref=pk,
            wave_id=by_pk[pk].draw.wave_id,
            user=actor,
            username=actor.get_username(),
        )
        for pk in contacts
    )
    return contacts


# -- purge -------------------------------------------------------------------------------------


def purge_days() -> int:
    return int(getattr(settings, "HAILONG_SAMPLE_CONTACT_DAYS", 30))


def sample_contacts_purge(*, today: dt.date | None = None) -> dict[str, int]:
    """Delete the applicant contacts of dossier samples whose wave closed ``purge_days`` ago.

    1. Waves with a dossier draw not yet purged whose purge day (``selectors.purge_date``)
       has come.
    2. Per wave, ``dossiers.services.dossier_contacts_purge`` deletes the unit's contacts of
       dossiers returned before the day after the draws' periods; never past the start of a
       period another, still running, wave of the unit samples from.
    3. The draws record when and how many were deleted. Running it again changes nothing.
    """
    day = today or timezone.localdate()
    due = _waves_to_purge(day)
    deleted = 0
    for wave, draws in due:
        before = _purge_before(wave, draws, day)
        with transaction.atomic():
            count = dossier_contacts_purge(unit=wave.unit, before=before)
            SampleDraw.objects.filter(pk__in=[d.pk for d in draws]).update(
                contacts_purged_at=timezone.now(), contacts_purged=count
            )
        deleted += count
    return {"waves": len(due), "contacts": deleted}


def _waves_to_purge(day: dt.date) -> list[tuple[SurveyWave, list[SampleDraw]]]:
    pending = SampleDraw.objects.filter(
        frame=FrameKind.DOSSIERS, contacts_purged_at__isnull=True
    ).select_related("wave__unit")
    by_wave: dict[int, list[SampleDraw]] = {}
    for draw in pending:
        by_wave.setdefault(draw.wave_id, []).append(draw)
    due = []
    for draws in by_wave.values():
        wave = draws[0].wave
        if selectors.purge_date(wave) <= day:
            due.append((wave, draws))
    return due


def _purge_before(wave: SurveyWave, draws: Iterable[SampleDraw], day: dt.date) -> dt.date:
    ends = [d.period_end for d in draws if d.period_end is not None]
    before = max(ends) + dt.timedelta(days=1) if ends else day
    still_needed = (
        SampleDraw.objects.filter(
            wave__unit=wave.unit_id,
            frame=FrameKind.DOSSIERS,
            contacts_purged_at__isnull=True,
            period_start__isnull=False,
        )
        .exclude(wave=wave)
        .select_related("wave")
    )
    for other in still_needed:
        if selectors.purge_date(other.wave) > day and other.period_start is not None:
            before = min(before, other.period_start)
    return before
