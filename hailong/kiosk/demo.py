"""Demo: a desk tablet for Vĩnh Phúc's 2023 wave with a few dozen responses (and one burst of
perfect scores for the leader to review), and tablets for Ngọc Hà's open wave to try today.

The 2023 answers are drawn with a fixed seed and cleaned through the same registry as real
submissions, dated on working days within opening hours. People who answer at the desk just
after being served rate a little higher than online; the burst is six "Rất hài lòng" on every
criterion within five minutes one afternoon, flagged "burst" (and "too_fast") as the tablet's
submissions would be. The running aggregates are rebuilt by the indices demo at the end.
"""

from __future__ import annotations

import datetime as dt
import random
from zoneinfo import ZoneInfo

from django.urls import reverse

from hailong.core.demo import DemoContext
from hailong.kiosk.models import Kiosk
from hailong.kiosk.services import kiosk_create
from hailong.responses.demo import COMMENTS, LAST_FIELDS, WEAK, WEIGHTS
from hailong.responses.models import Response, ResponseStatus
from hailong.responses.questionnaire import (
    ABOUT_TRANSACTION,
    Form,
    Question,
    clean_submission,
    form_for,
)
from hailong.responses.services import MIN_SECONDS, SECONDS_PER_ANSWER
from hailong.surveys import services as survey_services
from hailong.surveys.models import SurveyWave, WaveChannel

SEED = 20231017
LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")
DESK = "Máy tính bảng quầy một cửa số 1"
ALWAYS_OPEN = "Máy tính bảng thử nghiệm (mở cả ngày)"
RESPONSES_2023 = 54
BURST_AT = dt.datetime(2023, 10, 17, 15, 2, tzinfo=LOCAL)
BURST_SIZE = 6


def _kiosk(wave: SurveyWave, name: str, **fields: object) -> Kiosk:
    existing = Kiosk.objects.filter(wave=wave, name=name).first()
    if existing is not None:
        return existing
    if WaveChannel.KIOSK not in wave.channels:
        channels = [*wave.channels, WaveChannel.KIOSK]
        survey_services.wave_update(actor=None, wave=wave, channels=channels)
    return kiosk_create(actor=None, wave=wave, name=name, **fields)  # type: ignore[arg-type]


# -- answers -----------------------------------------------------------------------------------


def _rating(rng: random.Random, question: Question, mood: float, perfect: bool) -> str:
    scale = question.scale
    assert scale is not None
    if perfect:
        return str(max(scale.values))
    if scale.not_applicable and rng.random() < 0.1:
        return str(scale.not_applicable[0])
    mean = 4.35 + mood + WEAK.get(question.code, 0.0)
    return str(max(1, min(5, round(rng.gauss(mean, 0.6)))))


def _choice(rng: random.Random, question: Question) -> list[str]:
    scale = question.scale
    assert scale is not None
    options = [o.value for o in scale.options]
    key = question.code if question.code.startswith(("r.", "about.")) else scale.code
    weights = WEIGHTS.get(key, [1.0] * len(options))[: len(options)]
    if question.item.type == "multi_choice":
        picked = [v for v, w in zip(options, weights, strict=False) if rng.random() < w]
        return [str(v) for v in picked or options[:1]]
    return [str(rng.choices(options, weights=weights)[0])]


def _answer(rng: random.Random, question: Question, mood: float, perfect: bool) -> list[str]:
    item, scale = question.item, question.scale
    if question.code == ABOUT_TRANSACTION or question.code == "Q8.1":
        return ["1"]  # at the desk: in person, and they did have a procedure handled
    if scale is None:
        if item.required:
            return [rng.choice(LAST_FIELDS)]
        return [rng.choice(COMMENTS)] if rng.random() < 0.1 and not perfect else []
    if item.type == "scale" and scale.kind == "rating" and len(scale.values) == 5:
        return [_rating(rng, question, mood, perfect)]
    return _choice(rng, question)


def _raw(rng: random.Random, form: Form, *, perfect: bool = False) -> dict[str, list[str]]:
    mood = rng.gauss(0.1, 0.4)
    return {q.name: _answer(rng, q, mood, perfect) for _p, q in form.questions()}


# -- responses ---------------------------------------------------------------------------------


def _working_moment(rng: random.Random, wave: SurveyWave) -> dt.datetime:
    days = [
        wave.opens_on + dt.timedelta(days=n)
        for n in range((wave.closes_on - wave.opens_on).days + 1)
        if (wave.opens_on + dt.timedelta(days=n)).weekday() < 5
    ]
    day = rng.choice(days)
    start = dt.datetime.combine(day, dt.time(7, 45), tzinfo=LOCAL)
    return start + dt.timedelta(seconds=rng.randrange(0, 9 * 3600))


def _row(
    kiosk: Kiosk, form: Form, raw: dict[str, list[str]], moment: dt.datetime, seconds: float, n: int
) -> Response:
    cleaned = clean_submission(form, raw)
    answered = sum(1 for v in cleaned.answers.values() if v is not None)
    flags = ["too_fast"] if seconds < max(MIN_SECONDS, SECONDS_PER_ANSWER * answered) else []
    return Response(
        wave=kiosk.wave,
        method_version_id=kiosk.wave.method_version_id,
        unit_id=kiosk.wave.unit_id,
        channel="kiosk",
        source_id=kiosk.source_id,
        respondent_type=cleaned.respondent_type,
        transaction_channel=cleaned.transaction_channel or "direct",
        answers=cleaned.answers,
        reasons=cleaned.reasons,
        respondent=cleaned.respondent,
        submitted_at=moment,
        started_at=moment - dt.timedelta(seconds=seconds),
        status=ResponseStatus.FLAGGED if flags else ResponseStatus.VALID,
        verified=True,
        flags=flags,
        idempotency_key=f"kiosk-{kiosk.pk}-demo-{n:04d}",
    )


def _responses(kiosk: Kiosk) -> int:
    """The tablet's 2023 responses, once: everyday ones, then the burst."""
    if Response.objects.filter(wave=kiosk.wave, channel="kiosk").exists():
        return 0
    rng = random.Random(SEED)  # noqa: S311 (demo data)
    form = form_for(kiosk.wave)
    rows = []
    for n in range(RESPONSES_2023):
        seconds = rng.uniform(25, 45) if rng.random() < 0.04 else rng.uniform(180, 720)
        rows.append(
            _row(kiosk, form, _raw(rng, form), _working_moment(rng, kiosk.wave), seconds, n)
        )
    for n in range(BURST_SIZE):
        moment = BURST_AT + dt.timedelta(seconds=50 * n + rng.randrange(0, 20))
        row = _row(kiosk, form, _raw(rng, form, perfect=True), moment, rng.uniform(20, 35), 900 + n)
        row.flags = [*row.flags, "burst"]
        row.status = ResponseStatus.FLAGGED
        rows.append(row)
    Response.objects.bulk_create(rows, batch_size=200)
    return len(rows)


def seed(ctx: DemoContext) -> None:
    wave_2023: SurveyWave = ctx.objects["wave_2023"]
    desk_2023 = _kiosk(wave_2023, DESK)
    made = _responses(desk_2023)
    open_wave: SurveyWave = ctx.objects["open_wave"]
    desk = _kiosk(open_wave, DESK)
    always = _kiosk(
        open_wave,
        ALWAYS_OPEN,
        opens_at=dt.time(0, 0),
        closes_at=dt.time(23, 59),
        weekdays=[0, 1, 2, 3, 4, 5, 6],
    )
    ctx.objects.update(kiosk_2023=desk_2023, kiosk_ngoc_ha=desk, kiosk_always_open=always)
    ctx.urls.extend(
        [
            (
                "Máy tính bảng tại quầy (Ngọc Hà, giờ làm việc) / desk kiosk",
                reverse("kiosk_public:page", args=[desk.token]),
            ),
            (
                "… máy thử nghiệm mở cả ngày / always-open test kiosk",
                reverse("kiosk_public:page", args=[always.token]),
            ),
            ("Máy tính bảng 2023 / kiosks", reverse("kiosk:list", args=[wave_2023.pk])),
            (
                "Phiếu từ máy tính bảng cần xem xét 2023 / flagged bursts",
                reverse("kiosk:flags", args=[wave_2023.pk]),
            ),
        ]
    )
    ctx.log(f"máy tính bảng: {made} phiếu mẫu mới (Vĩnh Phúc 2023); 3 máy")
