"""Demo: the sample of Vĩnh Phúc's 2023 wave, its invitations, a call list and phone interviews.

The leader drew the sample on 25/08/2023 from the dossiers returned from 01/01 to 31/08/2023
(the 2017 method's frame; Slovin with e = 0.05) with a recorded seed. The applicants' contact
details of the sampled dossiers are made up (a few without a phone). Two interviewers called
about fifty of them in September–November 2023 (no answer, call back, refusals, wrong numbers,
and a couple of dozen interviews); a few invitees answered online with their code instead.
The wave is closed, so interviews are written the way ``phone_interview_submit`` writes them
but in bulk (``response_submit`` refuses a closed wave). The purge job will delete the made-up
contacts 30 days after the wave's end, as it would real ones. A fixed seed keeps runs equal.
"""

from __future__ import annotations

import datetime as dt
import random
from zoneinfo import ZoneInfo

from django.db import transaction
from django.urls import reverse

from hailong.accounts.models import RoleAssignment, User
from hailong.accounts.roles import Role
from hailong.core.demo import DEMO_PASSWORD, DemoContext
from hailong.dossiers.models import DossierContact
from hailong.responses.models import Response
from hailong.responses.questionnaire import Form, Question, clean_submission, form_for
from hailong.sampling import calls, selectors
from hailong.sampling.frames.households import residential_groups
from hailong.sampling.models import CallAttempt, CallOutcome, CallStatus, SampleDraw, SampleMember
from hailong.sampling.services import call_record, members_assign, sample_draw
from hailong.surveys.models import SurveyWave
from hailong.units.models import AdministrativeUnit

SEED = 20230825
LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")
DRAWN_AT = dt.datetime(2023, 8, 25, 9, 30, tzinfo=LOCAL)
CALLS_FROM = dt.datetime(2023, 9, 5, 8, 0, tzinfo=LOCAL)
CALLED = 48  # members called in the demo; the rest of the list is still to call
IN_PROGRESS = 12  # of those, the last ones were called once or twice and are still open
PENDING: list[tuple[str, float]] = [(CallOutcome.NO_ANSWER, 0.7), (CallOutcome.CALL_BACK, 0.3)]
ONLINE_WITH_CODE = 8  # invitees who answered on the public form with their code
NO_PHONE_SHARE = 0.06
OUTCOMES: list[tuple[str, float]] = [
    (CallOutcome.ANSWERED, 0.38),
    (CallOutcome.NO_ANSWER, 0.32),
    (CallOutcome.CALL_BACK, 0.12),
    (CallOutcome.REFUSED, 0.12),
    (CallOutcome.WRONG_NUMBER, 0.06),
]
NOTES: dict[str, str] = {
    CallOutcome.CALL_BACK: "Đang bận, hẹn gọi lại buổi tối.",
    CallOutcome.REFUSED: "Không có thời gian.",
    CallOutcome.WRONG_NUMBER: "Thuê bao không liên lạc được.",
}
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô"]
MIDDLE = ["Văn", "Thị", "Đức", "Thu", "Minh", "Ngọc", "Quang", "Thanh"]
GIVEN = ["An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Hùng", "Lan", "Mai", "Nam", "Phương"]
RATING_WEIGHTS = [0.03, 0.06, 0.14, 0.47, 0.30]
INTERVIEWER = ("vinhphuc.phongvan", "Lê Thu Trang")


def _interviewers(ctx: DemoContext, ward: AdministrativeUnit) -> list[User]:
    username, full_name = INTERVIEWER
    extra, created = User.objects.get_or_create(
        username=username, defaults={"full_name": full_name}
    )
    if created:
        extra.set_password(DEMO_PASSWORD)
        extra.save()
    RoleAssignment.objects.get_or_create(user=extra, unit=ward, role=Role.ONE_STOP)
    ctx.accounts.append((username, DEMO_PASSWORD, "Phỏng vấn viên (công chức một cửa) – Vĩnh Phúc"))
    one_stop = User.objects.filter(username="vinhphuc.motcua").first()
    return [u for u in (one_stop, extra) if u is not None]


def _contacts(draw: SampleDraw, rng: random.Random) -> None:
    """Made-up applicants of the sampled dossiers (numbers 0900 0xx xxx; a few without one)."""
    rows = []
    dossiers = draw.members.filter(dossier__isnull=False).order_by("position")
    for dossier_id in dossiers.values_list("dossier_id", flat=True):
        name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
        phone = "" if rng.random() < NO_PHONE_SHARE else f"09000{rng.randrange(10**5):05d}"
        rows.append(
            DossierContact(
                dossier_id=dossier_id,
                name=name,
                phone=phone,
                purge_after=dt.date(2024, 12, 31),
            )
        )
    DossierContact.objects.bulk_create(rows, ignore_conflicts=True)


# -- answers -----------------------------------------------------------------------------------


def _answer(rng: random.Random, question: Question, groups: list[int]) -> list[str]:
    if question.code == "r.hamlet" and groups:
        return [str(rng.choice(groups))]
    if question.scale is None:
        return ["Chứng thực bản sao"] if question.item.required else []
    options = [o.value for o in question.scale.options]
    if question.item.type == "multi_choice":
        return [str(v) for v in rng.sample(options, k=rng.randint(1, min(3, len(options))))]
    if question.code == "Q8.1":
        return [str(options[0])]  # did an administrative procedure: the frame says so
    if question.item.type == "scale" and len(options) == 5:
        return [str(rng.choices(options, weights=RATING_WEIGHTS)[0])]
    return [str(rng.choice(options))]


def _raw(rng: random.Random, form: Form, groups: list[int]) -> dict[str, list[str]]:
    return {q.name: _answer(rng, q, groups) for _page, q in form.questions()}


def _response(
    wave: SurveyWave,
    member: SampleMember,
    *,
    channel: str,
    moment: dt.datetime,
    rng: random.Random,
    groups: list[int],
    entered_by: User | None = None,
) -> Response:
    form = form_for(wave)
    cleaned = clean_submission(form, _raw(rng, form, groups))
    response = Response.objects.create(
        wave=wave,
        method_version_id=wave.method_version_id,
        unit_id=wave.unit_id,
        channel=channel,
        respondent_type=cleaned.respondent_type,
        transaction_channel=cleaned.transaction_channel,
        answers=cleaned.answers,
        reasons=cleaned.reasons,
        respondent=cleaned.respondent,
        submitted_at=moment,
        started_at=moment - dt.timedelta(minutes=rng.randint(7, 16)),
        verified=True,
        invitation=member.invitation,
        entered_by=entered_by,
    )
    type(member.invitation).objects.filter(pk=member.invitation_id).update(used_at=moment)
    return response


# -- calls -------------------------------------------------------------------------------------


def _interview(
    member: SampleMember,
    interviewer: User,
    moment: dt.datetime,
    rng: random.Random,
    groups: list[int],
) -> None:
    """What ``phone_interview_submit`` stores, for a closed wave: response, call, member."""
    response = _response(
        member.draw.wave,
        member,
        channel="phone",
        moment=moment,
        rng=rng,
        groups=groups,
        entered_by=interviewer,
    )
    CallAttempt.objects.create(
        member=member,
        interviewer=interviewer,
        outcome=CallOutcome.ANSWERED,
        at=moment,
        response=response,
    )
    state = calls.next_state(
        CallOutcome.ANSWERED,
        attempts=member.attempts,
        max_attempts=member.draw.max_attempts,
        now=moment,
    )
    SampleMember.objects.filter(pk=member.pk).update(
        call_status=state.status,
        attempts=state.attempts,
        next_attempt_at=None,
        last_outcome=CallOutcome.ANSWERED,
    )


def _call_member(
    member: SampleMember,
    start: dt.datetime,
    rng: random.Random,
    groups: list[int],
    calls: int,
    outcomes: list[tuple[str, float]],
) -> None:
    """Call one member up to ``calls`` times, until a call ends their turn (as the rules say)."""
    moment = start
    interviewer = member.assigned_to
    assert interviewer is not None
    for _call in range(calls):
        member.refresh_from_db()
        if member.call_status != CallStatus.OPEN:
            return
        outcome = rng.choices([o for o, _w in outcomes], weights=[w for _o, w in outcomes])[0]
        if outcome == CallOutcome.ANSWERED:
            _interview(member, interviewer, moment, rng, groups)
            return
        back = moment + dt.timedelta(days=1, hours=10) if outcome == CallOutcome.CALL_BACK else None
        call_record(
            actor=interviewer,
            member=member,
            outcome=outcome,
            call_back_at=back,
            note=NOTES.get(outcome, ""),
            now=moment,
        )
        member.refresh_from_db()
        moment = (member.next_attempt_at or moment) + dt.timedelta(minutes=rng.randint(0, 90))


def _simulate(draw: SampleDraw, rng: random.Random) -> None:
    """1. A few invitees answer online with their code. 2. About fifty are called in turn."""
    wave = draw.wave
    groups = [g.pk for g in residential_groups(wave)]
    members = list(selectors.call_list(draw, now=CALLS_FROM).order_by("position"))
    for index, member in enumerate(members[:ONLINE_WITH_CODE]):
        moment = CALLS_FROM + dt.timedelta(days=2 + index, hours=rng.randint(1, 12))
        _response(wave, member, channel="web", moment=moment, rng=rng, groups=groups)
    for index, member in enumerate(members[ONLINE_WITH_CODE : ONLINE_WITH_CODE + CALLED]):
        day = CALLS_FROM + dt.timedelta(days=index // 6, minutes=40 * (index % 6))
        if index < CALLED - IN_PROGRESS:
            _call_member(member, day, rng, groups, draw.max_attempts, OUTCOMES)
        else:
            _call_member(member, day, rng, groups, rng.randint(1, 2), PENDING)


def seed(ctx: DemoContext) -> None:
    wave: SurveyWave = ctx.objects["wave_2023"]
    ward = ctx.objects["vinh_phuc"]
    interviewers = _interviewers(ctx, ward)
    draw = SampleDraw.objects.filter(wave=wave, superseded_at__isnull=True).first()
    if draw is None:
        rng = random.Random(SEED)  # noqa: S311 (demo data)
        leader = User.objects.filter(username="vinhphuc.lanhdao").first()
        with transaction.atomic():
            draw = sample_draw(
                actor=leader,
                wave=wave,
                frame="dossiers",
                seed=SEED,
                now=DRAWN_AT,
                period=(dt.date(2023, 1, 1), dt.date(2023, 8, 31)),
            )
            _contacts(draw, rng)
            members_assign(actor=leader, draw=draw, interviewers=interviewers)
            _simulate(draw, rng)
    ctx.objects["sample_2023"] = draw
    _report(ctx, wave, draw)


def _report(ctx: DemoContext, wave: SurveyWave, draw: SampleDraw) -> None:
    phone = Response.objects.filter(wave=wave, channel="phone").count()
    ctx.urls.extend(
        [
            (
                "Mẫu khảo sát 2023 (Vĩnh Phúc) / sample design",
                reverse("sampling:sample", args=[wave.pk]),
            ),
            ("Phiếu mời in A4 / invitation slips", reverse("sampling:slips", args=[wave.pk])),
            ("Danh sách gọi điện / call list", reverse("sampling:calls", args=[wave.pk])),
        ]
    )
    ctx.log(
        f"mẫu 2023 Vĩnh Phúc: N={draw.frame_size}, n={draw.sample_size}, hạt giống {draw.seed};"
        f" phỏng vấn qua điện thoại: {phone} phiếu"
    )
