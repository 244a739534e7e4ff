"""Demo: sources and several hundred web responses for Vĩnh Phúc's 2023 wave, and an open wave of
Phường Ngọc Hà (ward short form) so that the public form can be tried today.

Answers are drawn with a fixed seed and cleaned through the same registry as real submissions
(``clean_submission``), then written in bulk. Realistic imperfections: blanks on optional items,
"not applicable" on fees and feedback handling, two weak criteria (equipment / seats at the
office, processing time), a few answers sent too fast, some from phones without JavaScript.
The optional heard-via item (KS) is left blank by some; the others mostly heard through the
loudspeakers and residential-group meetings, and often name the channel of the link they used.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from django.urls import reverse

from hailong.core.demo import DemoContext
from hailong.responses.models import Response, ResponseStatus, Source, SourceKind
from hailong.responses.printing import source_path, wave_path
from hailong.responses.questionnaire import Form, Question, clean_submission, form_for
from hailong.surveys import services as survey_services
from hailong.surveys.models import (
    Method,
    RespondentType,
    SurveyWave,
    VersionStatus,
    WaveChannel,
    WaveStatus,
)
from hailong.units.models import AdministrativeUnit, MassOrganisation, UnitLevel

SEED = 20231101
LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")
RESPONSES_2023 = 360
RESPONSES_OPEN = 40
OPEN_WAVE = "Khảo sát sự hài lòng (biểu mẫu trực tuyến)"
# Criteria people rate lower (waiting-area seats / equipment, processing time): shift of the mean.
WEAK = {"II.1.4": -1.0, "II.2.4": -0.8, "C1.1": -1.0, "C2.5": -0.8, "KQ2": -0.4}
NOT_APPLICABLE_SHARE = 0.18
BLANK_SHARE = 0.03
COMMENTS = [
    "Nên bố trí thêm ghế chờ ở bộ phận một cửa.",
    "Cán bộ hướng dẫn nhiệt tình, dễ hiểu.",
    "Thời gian chờ lấy kết quả còn lâu, mong rút ngắn.",
    "Đề nghị niêm yết phí, lệ phí rõ hơn.",
    "Nên có máy lấy số thứ tự.",
    "Cảm ơn cán bộ phường đã hỗ trợ người cao tuổi.",
    "Trang dịch vụ công trực tuyến đôi khi bị lỗi.",
]
LAST_FIELDS = [
    "Chứng thực bản sao",
    "Đăng ký khai sinh",
    "Xác nhận tình trạng hôn nhân",
    "Chứng thực chữ ký",
    "Đăng ký kết hôn",
    "Trích lục hộ tịch",
]
# Weights per scale code, in option order.
WEIGHTS: dict[str, list[float]] = {
    "interest3": [0.1, 0.45, 0.45],
    "policy_channels": [0.45, 0.35, 0.2, 0.4, 0.35, 0.55, 0.05],
    "willingness5": [0.25, 0.45, 0.2, 0.07, 0.03],
    "frequency3": [0.9, 0.09, 0.01],
    "mode3": [0.35, 0.25, 0.4],
    "yes_no": [0.55, 0.45],
    "priority3": [0.35, 0.4, 0.25],
    # 1 loudspeakers, 2 residential-group meetings, 3 agencies / one-stop desk, 4 relatives and
    # neighbours, 5 radio-TV-press, 6 internet / Zalo, 8 leaflets, 7 other (the scale's order).
    "heard_via": [0.5, 0.45, 0.1, 0.15, 0.04, 0.06, 0.06, 0.02],
    "r.gender": [0.46, 0.54],
    "r.age_band": [0.09, 0.2, 0.3, 0.2, 0.21],
    "r.ethnicity": [0.98, 0.02],
    "r.education": [0.03, 0.08, 0.26, 0.15, 0.46, 0.02],
    "r.occupation": [0.22, 0.09, 0.18, 0.05, 0.24, 0.19, 0.03],
    "r.area": [1.0, 0.0],
    "r.terrain": [0.0, 1.0, 0.0],
    "about.respondent_type": [0.85, 0.15],
    "about.transaction_channel": [0.8, 0.05, 0.15],
}
SOURCES_2023: list[tuple[str, str, int | None, str | None, float]] = [
    # kind, label, residential group number, mass organisation kind, weight
    (SourceKind.MOT_CUA, "Bàn tiếp nhận Bộ phận Một cửa", None, None, 30),
    (SourceKind.TO_ROI, "Tờ rơi Tổ dân phố số 1", 1, None, 5),
    (SourceKind.TO_ROI, "Tờ rơi Tổ dân phố số 5", 5, None, 6),
    (SourceKind.TO_ROI, "Tờ rơi Tổ dân phố số 9", 9, None, 4),
    (SourceKind.TO_ROI, "Tờ rơi Tổ dân phố số 14", 14, None, 4),
    (SourceKind.ZALO, "Nhóm Zalo Tổ dân phố số 5", 5, None, 10),
    (SourceKind.ZALO, "Nhóm Zalo Hội Liên hiệp Phụ nữ phường", None, "phu_nu", 9),
    (SourceKind.ZALO, "Nhóm Zalo Đoàn Thanh niên phường", None, "doan_tn", 5),
    (SourceKind.WEBSITE, "Trang thông tin điện tử phường", None, None, 8),
    (SourceKind.LOA, "Loa truyền thanh phường (bản tin sáng, chiều)", None, None, 5),
    (SourceKind.HOI_NGHI, "Hội nghị cử tri quý IV/2023", None, None, 8),
]
GENERIC_WEIGHT = 6.0
HEARD_VIA = "heard_via"  # the scale of the "how did you hear of the survey" item
HEARD_VIA_BLANK = 0.12
# Who came through a tracked link also names its channel, most of the time: (option, share).
HEARD_VIA_BY_SOURCE: dict[str, tuple[int, float]] = {
    SourceKind.LOA: (1, 0.7),
    SourceKind.HOI_NGHI: (2, 0.7),
    SourceKind.MOT_CUA: (3, 0.5),
    SourceKind.KIOSK: (3, 0.5),
    SourceKind.ZALO: (6, 0.6),
    SourceKind.WEBSITE: (6, 0.6),
    SourceKind.TO_ROI: (8, 0.7),
}


@dataclass
class Person:
    """One simulated respondent: a general mood that colours every rating."""

    mood: float
    did_procedure: bool
    came_via: str | None = None  # the kind of the tracked link used, if any


def _group(ward: AdministrativeUnit, number: int | None) -> AdministrativeUnit | None:
    if number is None:
        return None
    return AdministrativeUnit.objects.filter(
        parent=ward, level=UnitLevel.HAMLET, name=f"Tổ dân phố số {number}"
    ).first()


def _organisation(ward: AdministrativeUnit, kind: str | None) -> MassOrganisation | None:
    return MassOrganisation.objects.filter(unit=ward, kind=kind).first() if kind else None


def _sources(
    wave: SurveyWave, rows: list[tuple[str, str, int | None, str | None, float]]
) -> list[tuple[Source, float]]:
    made = []
    for kind, label, group, organisation, weight in rows:
        source = Source.objects.filter(wave=wave, label=label).first() or Source.objects.create(
            wave=wave,
            kind=kind,
            label=label,
            residential_group=_group(wave.unit, group),
            mass_organisation=_organisation(wave.unit, organisation),
        )
        made.append((source, weight))
    return made


# -- answers -----------------------------------------------------------------------------------


def _rating(rng: random.Random, person: Person, question: Question) -> int:
    scale = question.scale
    assert scale is not None
    if scale.not_applicable and rng.random() < NOT_APPLICABLE_SHARE:
        return scale.not_applicable[0]
    values = scale.values
    if len(values) != 5:
        return rng.choice(values)
    mean = 4.2 + person.mood + WEAK.get(question.code, 0.0)
    return max(1, min(5, round(rng.gauss(mean, 0.7))))


def _choice(rng: random.Random, question: Question) -> list[int]:
    scale = question.scale
    assert scale is not None
    options = [o.value for o in scale.options]
    key = question.code if question.code.startswith(("r.", "about.")) else scale.code
    weights = WEIGHTS.get(key, [1.0] * len(options))[: len(options)]
    if question.item.type == "multi_choice":
        picked = [v for v, w in zip(options, weights, strict=False) if rng.random() < w]
        return picked or [options[0]]
    return [rng.choices(options, weights=weights)[0]]


def _heard_via(rng: random.Random, person: Person, question: Question) -> list[str]:
    """The optional heard-via item: blank for some; else the usual channels, plus the channel
    of the link the respondent came through; at least one channel when answered."""
    scale = question.scale
    assert scale is not None
    if rng.random() < HEARD_VIA_BLANK:
        return []
    options = [o.value for o in scale.options]
    weights = WEIGHTS[HEARD_VIA][: len(options)]
    picked = {v for v, w in zip(options, weights, strict=False) if rng.random() < w}
    implied = HEARD_VIA_BY_SOURCE.get(person.came_via or "")
    if implied is not None and implied[0] in options and rng.random() < implied[1]:
        picked.add(implied[0])
    if not picked:
        picked.add(rng.choices(options, weights=weights)[0])
    return [str(v) for v in options if v in picked]


def _answer(rng: random.Random, person: Person, question: Question) -> list[str]:
    item = question.item
    if question.scale is not None and question.scale.code == HEARD_VIA:
        return _heard_via(rng, person, question)
    if not item.required and rng.random() < BLANK_SHARE:
        return []
    if question.scale is None:
        if item.required:
            return [rng.choice(LAST_FIELDS)]
        return [rng.choice(COMMENTS)] if rng.random() < 0.15 else []
    if question.code == "Q8.1":
        return ["1" if person.did_procedure else "2"]
    if item.type == "scale" and question.scale.kind == "rating" and len(question.scale.values) == 5:
        return [str(_rating(rng, person, question))]
    return [str(v) for v in _choice(rng, question)]


def _raw(rng: random.Random, form: Form, source: Source | None) -> dict[str, list[str]]:
    came_via = source.kind if source is not None else None
    person = Person(mood=rng.gauss(0, 0.45), did_procedure=rng.random() < 0.72, came_via=came_via)
    raw = {q.name: _answer(rng, person, q) for _p, q in form.questions()}
    hamlet = source.residential_group if source is not None else None
    if hamlet is not None and "q-r.hamlet" in raw:
        raw["q-r.hamlet"] = [str(hamlet.pk)]
    return raw


# -- responses ---------------------------------------------------------------------------------


def _moment(rng: random.Random, wave: SurveyWave, last: dt.date) -> dt.datetime:
    days = (min(wave.closes_on, last) - wave.opens_on).days
    day = wave.opens_on + dt.timedelta(days=int(days * rng.random() ** 0.8))
    local = dt.datetime.combine(day, dt.time(6, 30), tzinfo=LOCAL)
    return local + dt.timedelta(minutes=rng.randrange(0, 15 * 60))


def _response(
    rng: random.Random, wave: SurveyWave, form: Form, source: Source | None, last: dt.date
) -> Response:
    cleaned = clean_submission(form, _raw(rng, form, source))
    submitted = _moment(rng, wave, last)
    too_fast = rng.random() < 0.02
    seconds = rng.uniform(20, 50) if too_fast else rng.uniform(150, 900)
    verified = rng.random() < 0.88
    flags = ([] if verified else ["unverified"]) + (["too_fast"] if too_fast else [])
    return Response(
        wave=wave,
        method_version_id=wave.method_version_id,
        unit_id=wave.unit_id,
        channel="web",
        source=source,
        respondent_type=cleaned.respondent_type,
        transaction_channel=cleaned.transaction_channel,
        answers=cleaned.answers,
        reasons=cleaned.reasons,
        respondent=cleaned.respondent,
        submitted_at=submitted,
        started_at=submitted - dt.timedelta(seconds=seconds),
        status=ResponseStatus.FLAGGED if too_fast else ResponseStatus.VALID,
        verified=verified,
        flags=flags,
    )


def _responses(
    wave: SurveyWave, sources: list[tuple[Source, float]], count: int, *, seed: int, last: dt.date
) -> int:
    """``count`` web responses spread over the sources (and the generic link), once."""
    if Response.objects.filter(wave=wave, channel="web").exists():
        return 0
    rng = random.Random(seed)  # noqa: S311 (demo data)
    form = form_for(wave)
    choices: list[Source | None] = [s for s, _w in sources] + [None]
    weights = [w for _s, w in sources] + [GENERIC_WEIGHT]
    rows = [
        _response(rng, wave, form, rng.choices(choices, weights=weights)[0], last)
        for _ in range(count)
    ]
    Response.objects.bulk_create(rows, batch_size=200)
    return len(rows)


# -- the open wave of Ngọc Hà ------------------------------------------------------------------


def _open_wave(ward: AdministrativeUnit, today: dt.date) -> SurveyWave:
    """A wave open from a month ago to three months ahead (dates moved on if it has ended)."""
    opens, closes = today - dt.timedelta(days=30), today + dt.timedelta(days=90)
    wave = SurveyWave.objects.filter(unit=ward, name=OPEN_WAVE).first()
    if wave is not None:
        if wave.closes_on < today:
            survey_services.wave_update(actor=None, wave=wave, opens_on=opens, closes_on=closes)
        return wave
    method = Method.objects.get(owner=None, code="ward-short-2026")
    return survey_services.wave_create(
        actor=None,
        unit=ward,
        method_version=method.versions.get(status=VersionStatus.PUBLISHED),
        name=OPEN_WAVE,
        opens_on=opens,
        closes_on=closes,
        respondent_types=[RespondentType.INDIVIDUAL, RespondentType.ORGANISATION],
        target_sample=300,
        channels=[WaveChannel.ONLINE, WaveChannel.KIOSK, WaveChannel.PAPER],
        status=WaveStatus.OPEN,
    )


def seed(ctx: DemoContext) -> None:
    today = dt.datetime.now(tz=LOCAL).date()
    wave_2023: SurveyWave = ctx.objects["wave_2023"]
    sources = _sources(wave_2023, SOURCES_2023)
    made = _responses(wave_2023, sources, RESPONSES_2023, seed=SEED, last=wave_2023.closes_on)
    ngoc_ha: AdministrativeUnit = ctx.objects["ngoc_ha"]
    open_wave = _open_wave(ngoc_ha, today)
    open_sources = _sources(
        open_wave,
        [
            (SourceKind.MOT_CUA, "Bàn tiếp nhận Bộ phận Một cửa", None, None, 50),
            (SourceKind.TO_ROI, "Tờ rơi Tổ dân phố số 1", 1, None, 20),
            (SourceKind.ZALO, "Nhóm Zalo Tổ dân phố số 1", 1, None, 20),
        ],
    )
    made += _responses(open_wave, open_sources, RESPONSES_OPEN, seed=SEED + 1, last=today)
    ctx.objects.update(open_wave=open_wave, sources_2023=[s for s, _w in sources])
    leaflet = open_sources[1][0]
    _urls(ctx, wave_2023, open_wave, leaflet)
    ctx.log(f"phiếu trực tuyến: {made} phiếu mẫu mới; nguồn 2023: {len(sources)}")
    ctx.log(f"biểu mẫu đang mở (Ngọc Hà): {wave_path(open_wave)}")


def _urls(ctx: DemoContext, wave_2023: SurveyWave, open_wave: SurveyWave, leaflet: Source) -> None:
    urls: list[tuple[str, Any]] = [
        ("Phiếu khảo sát đang mở (Ngọc Hà) / open public form", wave_path(open_wave)),
        ("… qua tờ rơi Tổ dân phố số 1 / via a leaflet", source_path(leaflet)),
        ("Phiếu năm 2023 (Vĩnh Phúc, đã đóng) / 2023 form", wave_path(wave_2023)),
        (
            "Nguồn & mã QR 2023 / sources and QR codes",
            reverse("responses:sources", args=[wave_2023.pk]),
        ),
        (
            "Phiếu đã thu 2023 / responses received",
            reverse("responses:responses", args=[wave_2023.pk]),
        ),
    ]
    ctx.urls.extend(urls)
