"""Reads of sampling: the current draw, progress per stratum, the call list, tallies, who may
see a member's contact details, and when they are purged."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Case, Count, F, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone

from hailong.accounts.models import User
from hailong.accounts.roles import Perm, roles_with
from hailong.accounts.scope import get_for_user, user_can
from hailong.core.errors import ServiceError
from hailong.responses.models import Response, ResponseStatus
from hailong.sampling.models import (
    CallAttempt,
    CallStatus,
    FrameKind,
    SampleDraw,
    SampleMember,
)
from hailong.surveys.models import SurveyWave, WaveStatus

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser


def current_draw(wave: SurveyWave) -> SampleDraw | None:
    return (
        SampleDraw.objects.filter(wave=wave, superseded_at__isnull=True)
        .select_related("drawn_by")
        .first()
    )


def draws_of(wave: SurveyWave) -> QuerySet[SampleDraw]:
    return (
        SampleDraw.objects.filter(wave=wave)
        .select_related("drawn_by")
        .annotate(member_count=Count("members"))
    )


def draw_get(wave: SurveyWave, pk: str | int) -> SampleDraw:
    return SampleDraw.objects.select_related("wave__unit", "drawn_by").get(wave=wave, pk=pk)


def member_get_for_user(
    user: User | AnonymousUser, perm: Perm, wave_pk: object, member_pk: object
) -> SampleMember:
    """A member of one of the wave's draws, through the unit scope (404 / 403)."""
    queryset = SampleMember.objects.select_related(
        "draw__wave__unit",
        "draw__wave__method_version",
        "invitation",
        "residential_group",
        "assigned_to",
    )
    return get_for_user(
        queryset, user, perm, unit_field="draw__wave__unit", draw__wave=wave_pk, pk=member_pk
    )


# -- the call list -----------------------------------------------------------------------------


def callable_members(draw: SampleDraw) -> QuerySet[SampleMember]:
    """Open members whose invitation is unused and whose applicant left a phone number."""
    return (
        SampleMember.objects.filter(
            draw=draw, call_status=CallStatus.OPEN, invitation__used_at__isnull=True
        )
        .filter(dossier__contact__isnull=False)
        .exclude(dossier__contact__phone="")
    )


def call_list(
    draw: SampleDraw, *, interviewer: User | None = None, now: dt.datetime | None = None
) -> QuerySet[SampleMember]:
    """The members to call: due ones first (a retry or an agreed call-back whose time has come,
    earliest first, then those never called, by number), then the ones booked for later."""
    moment = now or timezone.now()
    members = callable_members(draw).select_related("assigned_to", "invitation")
    if interviewer is not None:
        members = members.filter(assigned_to=interviewer)
    due = Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=moment)
    is_due = Case(When(due, then=Value(1)), default=Value(0), output_field=IntegerField())
    return members.annotate(is_due=is_due).order_by(
        "-is_due", F("next_attempt_at").asc(nulls_last=True), "position"
    )


def finished_members(draw: SampleDraw) -> QuerySet[SampleMember]:
    """Members that left the call list (answered, refused, wrong number, tried enough)."""
    return (
        SampleMember.objects.filter(draw=draw)
        .exclude(call_status=CallStatus.OPEN)
        .select_related("assigned_to", "invitation")
        .order_by("position")
    )


def call_counts(draw: SampleDraw) -> dict[str, int]:
    """How many members of the draw are in each call status, and how many can be called."""
    counts = dict(
        SampleMember.objects.filter(draw=draw)
        .order_by()
        .values_list("call_status")
        .annotate(n=Count("pk"))
    )
    counts["callable"] = callable_members(draw).count()
    return counts


@dataclass(frozen=True)
class Tally:
    interviewer: str
    counts: dict[str, int]
    total: int


def interviewer_tally(wave: SurveyWave) -> list[Tally]:
    """Calls per interviewer and outcome over every draw of the wave."""
    rows = (
        CallAttempt.objects.filter(member__draw__wave=wave)
        .order_by()
        .values_list("interviewer__full_name", "interviewer__username", "outcome")
        .annotate(n=Count("pk"))
    )
    per: dict[str, Counter[str]] = {}
    for full_name, username, outcome, n in rows:
        name = full_name or username or "—"
        per.setdefault(name, Counter())[outcome] += n
    return [
        Tally(interviewer=name, counts=dict(c), total=sum(c.values()))
        for name, c in sorted(per.items())
    ]


def interviewers_for(wave: SurveyWave) -> QuerySet[User]:
    """Active accounts holding ``ENTER_RESPONSES`` on the wave's unit or above it."""
    lineage = [int(p) for p in wave.unit.path.strip("/").split("/") if p]
    return (
        User.objects.filter(
            is_active=True,
            role_assignments__unit__in=lineage,
            role_assignments__role__in=roles_with(Perm.ENTER_RESPONSES),
        )
        .distinct()
        .order_by("full_name", "username")
    )


def may_see_contact(user: User | AnonymousUser, member: SampleMember) -> bool:
    """Holders of ``VIEW_CONTACTS``; and the interviewer the member is assigned to."""
    unit = member.draw.wave.unit
    if user_can(user, Perm.VIEW_CONTACTS, unit):
        return True
    return (
        user.is_authenticated
        and member.assigned_to_id == user.pk
        and user_can(user, Perm.ENTER_RESPONSES, unit)
    )


def phone_refusal(wave: SurveyWave) -> str:
    """Why a phone interview could not be stored today ('' when it could)."""
    from hailong.responses.channels import channel_get
    from hailong.responses.services import local_today, wave_check_open

    try:
        wave_check_open(wave, channel_get("phone"), today=local_today())
    except ServiceError as error:
        return error.message
    return ""


# -- purge dates -------------------------------------------------------------------------------


def wave_closed_on(wave: SurveyWave) -> dt.date:
    """The day the wave stopped (or stops) taking answers: its last day, or when it was closed
    early (the day its status last changed)."""
    if wave.status == WaveStatus.CLOSED:
        changed = timezone.localdate(wave.updated_at)
        return min(wave.closes_on, changed)
    return wave.closes_on


def purge_date(wave: SurveyWave) -> dt.date:
    from hailong.sampling.services import purge_days

    return wave_closed_on(wave) + dt.timedelta(days=purge_days())


# -- progress against the target ---------------------------------------------------------------


@dataclass(frozen=True)
class StratumProgress:
    key: str
    label: str
    target: int
    invited: int
    via_invitation: int
    received: int

    @property
    def rate(self) -> float | None:
        """Responses through invitations per invitation, in percent."""
        return 100.0 * self.via_invitation / self.invited if self.invited else None

    @property
    def remaining(self) -> int:
        return max(0, self.target - self.received)


@dataclass(frozen=True)
class Progress:
    draw: SampleDraw
    rows: list[StratumProgress]
    unattributed: int  # responses that cannot be put in a stratum
    total_responses: int
    attributable: bool  # whether responses without invitation can be put in a stratum

    @property
    def totals(self) -> StratumProgress:
        return StratumProgress(
            key="",
            label="",
            target=sum(r.target for r in self.rows),
            invited=sum(r.invited for r in self.rows),
            via_invitation=sum(r.via_invitation for r in self.rows),
            received=sum(r.received for r in self.rows),
        )


def _counted(wave: SurveyWave) -> QuerySet[Response]:
    return Response.objects.filter(wave=wave).exclude(status=ResponseStatus.EXCLUDED)


def wave_progress(wave: SurveyWave) -> Progress | None:
    """Target, invitations, responses (through invitations and overall) per stratum.

    1. The strata and their targets come from the current draw's design.
    2. Invitations sent per stratum: the current draw's members.
    3. Responses, grouped by their invitation's stratum and the residential group they gave:
       one with an invitation counts in its stratum; without one, it counts in the group it
       named when the frame is households; otherwise it cannot be placed (``unattributed``).
    """
    draw = current_draw(wave)
    if draw is None:
        return None
    invited = dict(
        SampleMember.objects.filter(draw=draw)
        .order_by()
        .values_list("stratum")
        .annotate(n=Count("pk"))
    )
    households = draw.frame == FrameKind.HOUSEHOLDS
    via, received, unplaced, total = _response_counts(wave, households)
    rows = [
        StratumProgress(
            key=s["key"],
            label=s["label"],
            target=int(s["target"]),
            invited=invited.get(s["key"], 0),
            via_invitation=via.get(s["key"], 0),
            received=received.get(s["key"], 0),
        )
        for s in draw.design.get("strata", [])
    ]
    return Progress(draw, rows, unplaced, total, attributable=households)


def _response_counts(
    wave: SurveyWave, households: bool
) -> tuple[Counter[str], Counter[str], int, int]:
    rows = (
        _counted(wave)
        .order_by()
        .values_list("invitation__stratum", "respondent__hamlet")
        .annotate(n=Count("pk"))
    )
    via: Counter[str] = Counter()
    received: Counter[str] = Counter()
    unplaced = total = 0
    for stratum, hamlet, n in rows:
        total += n
        key = _stratum_key(stratum)
        if key:
            via[key] += n
            received[key] += n
        elif households and isinstance(hamlet, int):
            received[f"g{hamlet}"] += n
        else:
            unplaced += n
    return via, received, unplaced, total


def _stratum_key(stratum: Any) -> str:
    if isinstance(stratum, dict):
        return str(stratum.get("key") or "")
    return ""
