"""Demo: paper batches of Vĩnh Phúc's 2023 wave, keyed by the ward's one-stop officers.

Three batches collected in residential groups, all through the real services (so every form is
cleaned by the question-type registry and stored by ``response_submit``):

1. Tổ dân phố số 5, keyed once, one staff correction in the audit trail, reconciled.
2. Tổ dân phố số 9, keyed twice by two officers; a few keying slips are listed as
   disagreements and resolved; two spoiled forms explain why the batch closed short.
3. Tổ dân phố số 14, still being keyed: the batch page shows the counts that do not agree yet.

Answers follow the web demo's distributions (``hailong.responses.demo``) with more blanks, as
paper forms have. Nothing is added when the wave already has paper batches.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.urls import reverse

from hailong.accounts.models import RoleAssignment, User
from hailong.accounts.roles import Role
from hailong.core.demo import DEMO_PASSWORD, DemoContext
from hailong.paper import keying, services
from hailong.paper.models import PaperBatch, PaperForm
from hailong.responses.demo import (
    COMMENTS,
    LAST_FIELDS,
    NOT_APPLICABLE_SHARE,
    WEAK,
    WEIGHTS,
)
from hailong.responses.questionnaire import Question
from hailong.surveys.models import SurveyWave
from hailong.units.models import AdministrativeUnit, Officer, UnitLevel

SEED = 20231007
LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")
BLANK_SHARE = 0.08  # paper forms are left blank more often than the web form allows
SECOND_KEYER = ("vinhphuc.nhaplieu", "Vũ Thị Ngọc Anh")


@dataclass(frozen=True)
class DemoBatch:
    group: int
    collected_on: dt.date
    declared: int
    keyed: int
    collector_officer: str
    collector_name: str
    place: str
    double: bool
    close_reason: str | None


BATCHES = [
    DemoBatch(5, dt.date(2023, 9, 16), 24, 24, "Đặng Thị Mai", "", "Nhà văn hóa", False, ""),
    DemoBatch(
        9,
        dt.date(2023, 10, 7),
        20,
        18,
        "",
        "Ông Trần Văn Tâm (tổ trưởng Tổ dân phố số 9)",
        "Họp tổ dân phố",
        True,
        "2 phiếu hỏng (số 43, 44): người trả lời bỏ dở, không nhập.",
    ),
    DemoBatch(14, dt.date(2023, 11, 12), 16, 14, "Đỗ Quang Huy", "", "", False, None),
]
# Keying slips in the double-entry batch: (form index, field, the keying that slipped, how the
# disagreement is settled: pick keying "1" or "2", or "typed" when both slipped differently).
SLIPS = [
    (2, "q-II.3.1", 2, "1"),
    (5, "q-I.C.4", 1, "2"),
    (5, "q-r.age_band", 2, "1"),
    (9, "q-Q2", 0, "typed"),
]


@dataclass
class Person:
    mood: float
    did_procedure: bool


def _value(rng: random.Random, person: Person, question: Question) -> str:
    """One answer as the option value written on the form ("" = left blank)."""
    item, scale = question.item, question.scale
    if not item.required and rng.random() < BLANK_SHARE:
        return ""
    if scale is None:
        if item.required:
            return rng.choice(LAST_FIELDS)
        return rng.choice(COMMENTS) if rng.random() < 0.12 else ""
    if question.code == "Q8.1":
        return "1" if person.did_procedure else "2"
    if item.type == "scale" and scale.kind == "rating" and len(scale.values) == 5:
        if scale.not_applicable and rng.random() < NOT_APPLICABLE_SHARE:
            return str(scale.not_applicable[0])
        mean = 4.2 + person.mood + WEAK.get(question.code, 0.0)
        return str(max(1, min(5, round(rng.gauss(mean, 0.7)))))
    options = [o.value for o in scale.options]
    key = question.code if question.code.startswith(("r.", "about.")) else scale.code
    weights = WEIGHTS.get(key, [1.0] * len(options))[: len(options)]
    if item.type == "multi_choice":
        picked = [str(v) for v, w in zip(options, weights, strict=False) if rng.random() < w]
        return "".join(picked) or str(options[0])
    return str(rng.choices(options, weights=weights)[0])


def _keys(rng: random.Random, sheet: keying.Sheet, group: AdministrativeUnit) -> dict[str, str]:
    """A whole paper form as keys: values turned into the digits the officer types."""
    person = Person(mood=rng.gauss(0, 0.45), did_procedure=rng.random() < 0.72)
    keys: dict[str, str] = {}
    for _page, question in sheet.form.questions():
        field = sheet.by_name.get(question.name)
        if field is None:
            continue
        value = _value(rng, person, question)
        if field.kind == keying.SELECT:
            value = str(group.pk)
        elif field.kind in {keying.DIGIT, keying.DIGITS} and value:
            typed = {v: k for k, v in field.keys.items()}
            value = "".join(typed.get(int(v), v) for v in value)
        if value:
            keys[field.name] = value
    return keys


def _slip(value: str) -> str:
    """A keying slip on a one-digit box: the key below, or a missed box."""
    if value in {"", "0", "1"}:
        return "" if value else "1"
    return str(int(value) - 1)


def _slipped(truth: dict[str, str], index: int, round_: int) -> dict[str, str]:
    """What keying ``round_`` typed for form ``index``: the truth, with that keying's slips."""
    keys = dict(truth)
    for at, name, slip_round, how in SLIPS:
        if at != index:
            continue
        if how == "typed":  # both slipped on a multiple choice, differently
            keys[name] = "7" if round_ == 1 else "6"
        elif slip_round == round_:
            keys[name] = _slip(truth.get(name, ""))
    return {k: v for k, v in keys.items() if v}


# -- people ------------------------------------------------------------------------------------


def _second_keyer(ward: AdministrativeUnit) -> User:
    username, full_name = SECOND_KEYER
    user, created = User.objects.get_or_create(username=username, defaults={"full_name": full_name})
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    RoleAssignment.objects.get_or_create(user=user, unit=ward, role=Role.ONE_STOP)
    Officer.objects.filter(unit=ward, full_name=full_name, user__isnull=True).update(user=user)
    return user


def _moment(day: dt.date, minutes: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(8, 0), tzinfo=LOCAL) + dt.timedelta(minutes=minutes)


# -- batches -----------------------------------------------------------------------------------


def _batch(actor: User, wave: SurveyWave, row: DemoBatch) -> PaperBatch:
    group = AdministrativeUnit.objects.get(
        parent=wave.unit, level=UnitLevel.HAMLET, name=f"Tổ dân phố số {row.group}"
    )
    officer = Officer.objects.filter(unit=wave.unit, full_name=row.collector_officer).first()
    data = services.BatchData(
        collected_on=row.collected_on,
        declared_count=row.declared,
        collector_officer=officer,
        collector_name=row.collector_name,
        residential_group=group,
        place=row.place,
        double_entry=row.double,
    )
    return services.paper_batch_create(
        actor=actor, wave=wave, data=data, now=_moment(row.collected_on, 9 * 60)
    )


def _key_single(
    rng: random.Random, batch: PaperBatch, actor: User, sheet: keying.Sheet, count: int
) -> None:
    start = batch.collected_on + dt.timedelta(days=2)
    assert batch.residential_group is not None
    for i in range(count):
        number = batch.first_number + i
        keys = _keys(rng, sheet, batch.residential_group)
        services.paper_form_enter(
            actor=actor,
            batch=batch,
            number=number,
            posted=keys,
            seconds=rng.randint(55, 140),
            now=_moment(start, 3 * i),
        )


def _key_double(
    rng: random.Random,
    batch: PaperBatch,
    users: tuple[User, User],
    sheet: keying.Sheet,
    count: int,
) -> None:
    """Both officers key every form; the slips listed in ``SLIPS`` make disagreements."""
    start = batch.collected_on + dt.timedelta(days=3)
    assert batch.residential_group is not None
    truths = [_keys(rng, sheet, batch.residential_group) for _ in range(count)]
    for round_, user in enumerate(users, 1):
        for i, truth in enumerate(truths):
            services.paper_form_enter(
                actor=user,
                batch=batch,
                number=batch.first_number + i,
                posted=_slipped(truth, i, round_),
                seconds=rng.randint(50, 120),
                now=_moment(start + dt.timedelta(days=round_ - 1), 4 * i),
            )
    _resolve(batch, users[0], truths, start + dt.timedelta(days=2))


def _resolve(batch: PaperBatch, actor: User, truths: list[dict[str, str]], day: dt.date) -> None:
    for form in PaperForm.objects.filter(batch=batch, status="conflict").order_by("number"):
        truth = truths[form.number - batch.first_number]
        picks: dict[str, str] = {}
        typed: dict[str, str] = {}
        for index, name, _slip_round, how in SLIPS:
            if batch.first_number + index != form.number:
                continue
            if how == "typed":
                typed[name] = truth.get(name, "") or "1"
            else:
                picks[name] = how  # the slip was in the other keying
        services.paper_form_resolve(
            actor=actor, form=form, picks=picks, typed=typed, now=_moment(day, 60 + form.number)
        )


def _correct_one(batch: PaperBatch, actor: User) -> None:
    """A staff correction found when checking the stack against the screen."""
    forms = PaperForm.objects.filter(batch=batch, number__gte=batch.first_number + 6)
    form = next(f for f in forms.order_by("number") if f.final.get("q-Q8.1") == "1")
    keys = dict(form.final)
    keys["q-II.2.4"] = "2" if keys.get("q-II.2.4") != "2" else "3"
    services.paper_form_edit(
        actor=actor,
        form=form,
        posted=keys,
        note="Đối chiếu phiếu gốc: câu II.2.4 gõ nhầm",
        now=_moment(batch.collected_on + dt.timedelta(days=9), 30),
    )


def seed(ctx: DemoContext) -> None:
    wave: SurveyWave = ctx.objects["wave_2023"]
    if PaperBatch.objects.filter(wave=wave).exists():
        ctx.log("phiếu giấy 2023: đã có, không thêm")
        return
    rng = random.Random(SEED)  # noqa: S311 (demo data)
    first = User.objects.get(username="vinhphuc.motcua")
    second = _second_keyer(wave.unit)
    ctx.accounts.append((SECOND_KEYER[0], DEMO_PASSWORD, "Công chức một cửa – nhập phiếu lần 2"))
    sheet = keying.sheet_for(wave)
    batches = []
    for row in BATCHES:
        batch = _batch(first, wave, row)
        if row.double:
            _key_double(rng, batch, (first, second), sheet, row.keyed)
        else:
            _key_single(rng, batch, first, sheet, row.keyed)
        if row.group == 5:
            _correct_one(batch, first)
        if row.close_reason is not None:
            services.paper_batch_close(
                actor=first,
                batch=batch,
                reason=row.close_reason,
                now=_moment(row.collected_on + dt.timedelta(days=10), 0),
            )
        batches.append(batch)
    ctx.objects["paper_batches_2023"] = batches
    ctx.urls.append(("Phiếu giấy 2023 / paper batches", reverse("paper:batches", args=[wave.pk])))
    ctx.urls.append(
        ("Lô nhập hai lần / double-entry batch", reverse("paper:batch", args=[batches[1].pk]))
    )
    ctx.log(
        f"phiếu giấy 2023: {len(batches)} lô, {PaperForm.objects.filter(wave=wave).count()} phiếu"
    )
