"""A wave's questionnaire as the pages of the public form, and the cleaning of a submission.

Everything a response stores goes through the question-type registry (``hailong.surveys.qtypes``):
method items as they are, and the respondent part and the two questions of the response itself
(respondent type, transaction channel) as synthetic items of the same types, so that one set of
rules renders and cleans every answer.

Pages, in order: "before you start" (only if the wave or the method needs the respondent type or
the transaction channel), one page per question group of the method (a group shows only when its
``condition`` holds; items apply only to the transaction channels they list), the respondent part
(a few fields per page), and the last page (optional contact request, then "send").

Raw answers are what a form posts: ``{"q-<item code>": ["4"], "q-<code>-reason": ["…"]}``; the
respondent field ``gender`` is posted as ``q-r.gender``. A ``Form`` is cached per wave and method
version, so a submission does not parse the definition again.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _

from hailong.core.text import vi_sort_key
from hailong.surveys.definition import (
    Condition,
    Definition,
    Item,
    LocalText,
    Option,
    RespondentField,
    Scale,
)
from hailong.surveys.qtypes import Answer, AnswerError, qtype
from hailong.surveys.qtypes.base import StoredValue
from hailong.units.models import AdministrativeUnit, UnitLevel

if TYPE_CHECKING:
    from hailong.surveys.models import MethodVersion, SurveyWave

FORM_TTL_S = 300.0
FORM_CACHE_SIZE = 512
RESPONDENT_FIELDS_PER_PAGE = 4
RESPONDENT_TEXT_MAX = 200
ABOUT_TYPE = "about.respondent_type"
ABOUT_TRANSACTION = "about.transaction_channel"
RESPONDENT_PREFIX = "r."
RESPONDENT_TYPES = {1: "individual", 2: "organisation"}
TRANSACTIONS = {1: "direct", 2: "post", 3: "online"}
LEVELS = {
    "province": UnitLevel.PROVINCE,
    "district": UnitLevel.DISTRICT,
    "commune": UnitLevel.COMMUNE,
    "hamlet": UnitLevel.HAMLET,
}

RawAnswers = Mapping[str, Sequence[str]]


class RawData:
    """A ``getlist`` view of stored raw answers (what the question types read)."""

    def __init__(self, data: Mapping[str, Any]) -> None:
        self.data = data

    def getlist(self, key: str, default: list[Any] | None = None) -> list[Any]:
        value = self.data.get(key)
        if value is None:
            return [] if default is None else default
        if isinstance(value, list | tuple):
            return [str(v) for v in value]
        return [str(value)]


@dataclass(frozen=True)
class Question:
    """One thing to ask: a method item, or a respondent field dressed as one."""

    item: Item
    scale: Scale | None

    @property
    def code(self) -> str:
        return self.item.code

    @property
    def name(self) -> str:
        return qtype(self.item.type).field_name(self.item)

    def anchor(self) -> str:
        """The id of the first input, for the error summary's link."""
        if self.scale is None:
            return self.name
        return f"{self.name}-{self.scale.options[0].value}"

    def clean(self, raw: RawData) -> Answer:
        return qtype(self.item.type).clean(self.item, self.scale, raw)

    def lenient(self, raw: RawData) -> Answer | None:
        """What was posted, as an ``Answer`` to show again (even if it would be refused)."""
        values = [v for v in raw.getlist(self.name) if v.strip()]
        if not values:
            return None
        if self.scale is None:
            return Answer("\n".join(values))
        numbers = [int(v) for v in values if v.strip().lstrip("-").isdigit() and len(v) < 12]
        if self.item.type == "multi_choice":
            return Answer(numbers)
        reason = " ".join(raw.getlist(f"{self.name}-reason"))
        return Answer(numbers[0] if numbers else None, reason)


@dataclass(frozen=True)
class Page:
    kind: str  # "about" | "group" | "respondent" | "contact"
    code: str
    title: LocalText
    questions: tuple[Question, ...] = ()
    note: LocalText | None = None
    condition: Condition | None = None


@dataclass(frozen=True)
class Form:
    """The pages of a wave's public form and what the response fields are derived from."""

    definition: Definition
    pages: tuple[Page, ...]
    respondent_types: tuple[str, ...]
    fixed_respondent: Mapping[str, int] = field(default_factory=dict)

    def questions(self) -> Iterable[tuple[Page, Question]]:
        for page in self.pages:
            for question in page.questions:
                yield page, question

    @property
    def asks_transaction(self) -> bool:
        return any(q.code == ABOUT_TRANSACTION for _p, q in self.questions())


@dataclass
class Cleaned:
    """A whole submission, cleaned: what ``Response`` stores."""

    answers: dict[str, StoredValue]
    reasons: dict[str, str]
    respondent: dict[str, StoredValue]
    respondent_type: str
    transaction_channel: str | None


class SubmissionInvalid(ValueError):
    """Some answers were refused: ``errors`` maps a question code → its Vietnamese message."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(f"{len(errors)} answers refused")
        self.errors = errors


# -- building the form -------------------------------------------------------------------------


def _choice_scale(code: str, options: Iterable[tuple[int, LocalText]]) -> Scale:
    return Scale(code, "choice", tuple(Option(v, label) for v, label in options))


def _about_questions(definition: Definition, wave: SurveyWave) -> tuple[Question, ...]:
    questions = []
    own_type = any(f.code == "respondent_type" for f in definition.respondent_fields)
    if len(wave.respondent_types) > 1 and not own_type:
        scale = _choice_scale(
            ABOUT_TYPE,
            [
                (1, LocalText("Cá nhân", "An individual")),
                (2, LocalText("Người đại diện tổ chức, doanh nghiệp", "An organisation")),
            ],
        )
        text = LocalText("Ông/Bà trả lời với tư cách", "You answer as")
        item = Item(ABOUT_TYPE, text, "single_choice", scale=ABOUT_TYPE, required=True)
        questions.append(Question(item, scale))
    if any(set(i.channels) != {"direct", "post", "online"} for i in definition.items):
        scale = _choice_scale(
            ABOUT_TRANSACTION,
            [
                (1, LocalText("Trực tiếp tại Bộ phận Một cửa", "In person at the one-stop desk")),
                (2, LocalText("Qua dịch vụ bưu chính", "By post")),
                (3, LocalText("Trực tuyến (dịch vụ công trực tuyến)", "Online")),
            ],
        )
        text = LocalText(
            "Ông/Bà đã nộp hồ sơ và nhận kết quả bằng hình thức nào?",
            "How did you file your application and receive the result?",
        )
        item = Item(
            ABOUT_TRANSACTION, text, "single_choice", scale=ABOUT_TRANSACTION, required=True
        )
        questions.append(Question(item, scale))
    return tuple(questions)


def _lineage(unit: AdministrativeUnit) -> dict[int, AdministrativeUnit]:
    pks = [int(p) for p in unit.path.strip("/").split("/") if p]
    return {u.level: u for u in AdministrativeUnit.objects.filter(pk__in=pks)}


def _hamlets(wave: SurveyWave) -> list[AdministrativeUnit]:
    groups = [
        u
        for u in AdministrativeUnit.objects.filter(parent=wave.unit_id, level=UnitLevel.HAMLET)
        if u.is_valid_on(wave.opens_on) or u.is_valid_on(wave.closes_on)
    ]
    return sorted(groups, key=lambda u: vi_sort_key(u.name))


def _respondent_question(
    f: RespondentField, wave: SurveyWave, fixed: dict[str, int], lineage: dict[int, Any]
) -> Question | None:
    """A respondent field as a question, or ``None`` when it is filled in or does not apply."""
    code = f"{RESPONDENT_PREFIX}{f.code}"
    if f.type == "text":
        item = Item(code, f.label, "text", required=f.required, note=f.note)
        return Question(replace(item, max_length=RESPONDENT_TEXT_MAX), None)
    if f.type == "unit":
        level = LEVELS.get(f.level or "", UnitLevel.HAMLET)
        if level != UnitLevel.HAMLET:
            unit = lineage.get(level)
            expired = f.valid_until is not None and wave.opens_on.isoformat() > f.valid_until
            if unit is not None and not expired:
                fixed[f.code] = unit.pk
            return None
        groups = _hamlets(wave)
        if not groups:
            return None
        options = [(u.pk, LocalText(u.name)) for u in groups]
    elif f.type == "age_band":
        options = [(b.value, b.label) for b in f.bands]
    else:
        options = [(o.value, o.label) for o in f.options]
    scale = _choice_scale(code, options)
    item = Item(code, f.label, "single_choice", scale=code, required=f.required, note=f.note)
    return Question(item, scale)


def _respondent_pages(
    definition: Definition, wave: SurveyWave
) -> tuple[list[Page], dict[str, int]]:
    fixed: dict[str, int] = {}
    lineage = _lineage(wave.unit)
    questions = [
        q
        for f in definition.respondent_fields
        if (q := _respondent_question(f, wave, fixed, lineage)) is not None
    ]
    chunks = [
        questions[i : i + RESPONDENT_FIELDS_PER_PAGE]
        for i in range(0, len(questions), RESPONDENT_FIELDS_PER_PAGE)
    ]
    title = LocalText("Thông tin về Ông/Bà", "About you")
    note = LocalText(
        "Các thông tin này chỉ dùng để thống kê, không dùng để nhận biết Ông/Bà.",
        "Used for statistics only, never to identify you.",
    )
    pages = [
        Page("respondent", f"respondent-{n}", title, tuple(chunk), note)
        for n, chunk in enumerate(chunks, 1)
    ]
    return pages, fixed


def form_build(wave: SurveyWave, definition: Definition) -> Form:
    """1. "Before you start" if needed. 2. One page per group. 3. Respondent part. 4. Last page."""
    pages: list[Page] = []
    about = _about_questions(definition, wave)
    if about:
        pages.append(
            Page("about", "about", LocalText("Trước khi bắt đầu", "Before you start"), about)
        )
    for section in definition.sections():
        questions = tuple(Question(i, definition.scale_of(i)) for i in section.items)
        pages.append(
            Page("group", section.code, section.title, questions, section.note, section.condition)
        )
    respondent, fixed = _respondent_pages(definition, wave)
    pages.extend(respondent)
    pages.append(Page("contact", "contact", LocalText("Gửi phiếu", "Send your answers")))
    return Form(definition, tuple(pages), tuple(wave.respondent_types), fixed)


# -- caches ------------------------------------------------------------------------------------

_lock = threading.Lock()
_definitions: dict[tuple[int, str], Definition] = {}
_forms: dict[tuple[Any, ...], tuple[float, Form]] = {}


def definition_of(version: MethodVersion) -> Definition:
    """The parsed definition of a (published, hence frozen) version, parsed once per process."""
    key = (version.pk, version.checksum)
    found = _definitions.get(key)
    if found is None:
        found = version.parsed()
        with _lock:
            if len(_definitions) > FORM_CACHE_SIZE:
                _definitions.clear()
            _definitions[key] = found
    return found


def form_for(wave: SurveyWave) -> Form:
    """The wave's form, cached for a few minutes (the residential groups may change)."""
    version = wave.method_version
    key = (wave.pk, wave.updated_at, version.pk, version.checksum)
    now = time.monotonic()
    hit = _forms.get(key)
    if hit is not None and now - hit[0] < FORM_TTL_S:
        return hit[1]
    form = form_build(wave, definition_of(version))
    with _lock:
        if len(_forms) > FORM_CACHE_SIZE:
            _forms.clear()
        _forms[key] = (now, form)
    return form


def caches_clear() -> None:
    """Forget the parsed definitions, the forms and the public waves (tests, after edits)."""
    from hailong.responses.selectors import public_waves_forget

    with _lock:
        _definitions.clear()
        _forms.clear()
    public_waves_forget()


# -- which pages and items apply ---------------------------------------------------------------


def _option_value(raw: RawData, question_name: str) -> int | None:
    values = [v.strip() for v in raw.getlist(question_name) if v.strip()]
    if len(values) != 1 or len(values[0]) > 12 or not values[0].lstrip("-").isdigit():
        return None
    return int(values[0])


def transaction_of(form: Form, raw: RawData) -> str | None:
    """The transaction channel answered so far (``None`` if not asked or not answered)."""
    if not form.asks_transaction:
        return None
    return TRANSACTIONS.get(_option_value(raw, f"q-{ABOUT_TRANSACTION}") or 0)


def condition_met(form: Form, condition: Condition | None, raw: RawData) -> bool:
    if condition is None:
        return True
    try:
        item = form.definition.item(condition.item)
    except KeyError:
        return False
    value = _option_value(raw, qtype(item.type).field_name(item))
    return value is not None and value in condition.values


def applicable(page: Page, question: Question, transaction: str | None) -> bool:
    if page.kind != "group" or transaction is None:
        return True
    return transaction in question.item.channels


def page_questions(form: Form, page: Page, raw: RawData) -> list[Question]:
    """The questions of ``page`` that apply, given the answers so far."""
    if not condition_met(form, page.condition, raw):
        return []
    transaction = transaction_of(form, raw)
    return [q for q in page.questions if applicable(page, q, transaction)]


def visible_steps(form: Form, raw: RawData) -> list[int]:
    """The 1-based steps (indexes into ``form.pages``) that apply, given the answers so far."""
    return [
        n
        for n, page in enumerate(form.pages, 1)
        if page.kind == "contact" or page_questions(form, page, raw)
    ]


# -- cleaning ----------------------------------------------------------------------------------


def clean_questions(
    questions: Iterable[Question], raw: RawData
) -> tuple[dict[str, Answer], dict[str, str]]:
    """Clean each question through its type; answers and errors by question code."""
    answers: dict[str, Answer] = {}
    errors: dict[str, str] = {}
    for question in questions:
        try:
            answers[question.code] = question.clean(raw)
        except AnswerError as error:
            errors[question.code] = error.message
    return answers, errors


def _respondent_type(form: Form, answers: Mapping[str, Answer]) -> str:
    chosen = answers.get(ABOUT_TYPE) or answers.get(f"{RESPONDENT_PREFIX}respondent_type")
    value = chosen.value if chosen is not None else None
    if isinstance(value, int) and value in RESPONDENT_TYPES:
        return RESPONDENT_TYPES[value]
    return form.respondent_types[0] if form.respondent_types else "individual"


def clean_submission(form: Form, raw_answers: Mapping[str, Any]) -> Cleaned:
    """Clean a whole submission: every applicable question of every applicable page.

    1. Pages whose condition fails are skipped, and items of other transaction channels.
    2. Each question is cleaned by its type (required, not-applicable, choices, text limits).
    3. Refusals are collected, not stopped at: ``SubmissionInvalid`` lists them all.
    """
    raw = RawData(raw_answers)
    cleaned: dict[str, Answer] = {}
    errors: dict[str, str] = {}
    for page in form.pages:
        answers, page_errors = clean_questions(page_questions(form, page, raw), raw)
        cleaned.update(answers)
        errors.update(page_errors)
    if errors:
        raise SubmissionInvalid(errors)
    return _assemble(form, cleaned)


def _assemble(form: Form, cleaned: Mapping[str, Answer]) -> Cleaned:
    answers: dict[str, StoredValue] = {}
    reasons: dict[str, str] = {}
    respondent: dict[str, StoredValue] = dict(form.fixed_respondent)
    for code, answer in cleaned.items():
        if code.startswith(RESPONDENT_PREFIX):
            respondent[code.removeprefix(RESPONDENT_PREFIX)] = answer.value
        elif not code.startswith("about."):
            answers[code] = answer.value
            if answer.reason:
                reasons[code] = answer.reason
    transaction = cleaned.get(ABOUT_TRANSACTION)
    value = transaction.value if transaction is not None else None
    return Cleaned(
        answers=answers,
        reasons=reasons,
        respondent=respondent,
        respondent_type=_respondent_type(form, cleaned),
        transaction_channel=TRANSACTIONS.get(value) if isinstance(value, int) else None,
    )


def error_summary(form: Form, errors: Mapping[str, str], language: str) -> list[tuple[str, str]]:
    """``(anchor, "question: message")`` for the error summary at the top of a page."""
    lines = []
    for _page, question in form.questions():
        if question.code in errors:
            text = question.item.text.get(language)
            lines.append(
                (question.anchor(), _("%(q)s: %(m)s") % {"q": text, "m": errors[question.code]})
            )
    return lines
