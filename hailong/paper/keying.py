"""The paper entry sheet: a wave's questionnaire as rows of short key fields, and their keys.

The officer types what is written on the form: one digit per single-answer item (the option's
value: 1–5 on a satisfaction scale, 0 for "không áp dụng" where the scale has it, nothing for a
blank), the ticked digits of a multiple choice ("135"), free text as written, and picks the
residential group from a short list. Nothing here decides whether an answer is acceptable: keys
become the raw values the public form would post and are cleaned by the question-type registry
(``clean_submission``), so a paper response obeys exactly the rules of a web one. Only mistakes
of the keys themselves (a letter where a digit goes, a 0 where the scale has no "not
applicable") are caught here, with a message that speaks of keys.

Keyed values are normalised (a multiple choice sorted, text collapsed) so that two entries of
one form compare equal when they mean the same thing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from functools import cached_property
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from hailong.core.errors import ServiceError
from hailong.core.text import clean_line, nfc
from hailong.responses.questionnaire import (
    Cleaned,
    Form,
    Question,
    SubmissionInvalid,
    clean_submission,
    form_for,
)
from hailong.surveys.definition import Condition, Scale
from hailong.surveys.qtypes.text import TextType

if TYPE_CHECKING:
    from hailong.surveys.models import SurveyWave

DIGIT = "digit"
DIGITS = "digits"
TEXT = "text"
SELECT = "select"
NA_KEY = "0"
ALL_CHANNELS = frozenset({"direct", "post", "online"})
CHANNEL_LABELS = {"direct": "trực tiếp", "post": "bưu chính", "online": "trực tuyến"}
MAX_KEYED_CHARS = 10_000
ASCII_DIGITS = frozenset("0123456789")

Keyed = dict[str, str]


class EntryInvalid(ServiceError):
    """Some keys were refused; ``errors`` maps a field name → its Vietnamese message."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(
            _("Có %(n)d ô cần kiểm tra lại.") % {"n": len(errors)}, code="invalid_keys"
        )
        self.errors = errors


@dataclass(frozen=True)
class KeyField:
    """One input of the sheet. ``keys`` maps a typed key → the option value it stands for."""

    name: str
    code: str
    label: str
    kind: str
    maxlength: int
    hint: str
    question: str
    keys: Mapping[str, int]
    choices: tuple[tuple[str, str], ...] = ()
    na: bool = False
    note: str = ""
    required: bool = False

    @property
    def shown_code(self) -> str:
        """The code printed on the paper form; none for the respondent part and the questions
        the form asks about the respondent (``r.gender``, ``about.transaction_channel``)."""
        return "" if self.code.startswith(("r.", "about.")) else self.code

    def show(self, value: str) -> str:
        """A keyed value for people: ``4 · Hài lòng``, ``1, 3 · …``, the text, or ``—``."""
        if not value:
            return "—"
        labels = dict(self.choices)
        if self.kind == TEXT:
            return value
        if self.kind == SELECT:
            return labels.get(value, value)
        if self.kind == DIGITS:
            return ", ".join(f"{k} {labels.get(k, '?')}" for k in value)
        return f"{value} · {labels.get(value, '?')}"


@dataclass(frozen=True)
class KeyGroup:
    """A group of the sheet; ``legend`` is the options' meaning when every box shares it."""

    code: str
    title: str
    note: str
    fields: tuple[KeyField, ...]
    legend: str = ""


SHORT_HINT = 24


def _group(code: str, title: str, note: str, fields: list[KeyField]) -> KeyGroup:
    """A group; options every box of it shares are told once, in its heading."""
    hints = {f.hint for f in fields if f.kind in {DIGIT, DIGITS}}
    shared = len(fields) > 1 and len(hints) == 1 and all(f.hint for f in fields)
    legend = hints.pop() if shared and hints else ""
    return KeyGroup(code, title, note, tuple(fields), legend if len(legend) > SHORT_HINT else "")


@dataclass(frozen=True)
class Sheet:
    form: Form
    groups: tuple[KeyGroup, ...]
    legends: tuple[str, ...] = ()

    @cached_property
    def by_name(self) -> dict[str, KeyField]:
        return {f.name: f for g in self.groups for f in g.fields}

    def fields(self) -> list[KeyField]:
        return [f for g in self.groups for f in g.fields]

    @property
    def has_not_applicable(self) -> bool:
        return any(f.na for g in self.groups for f in g.fields)


# -- building the sheet ------------------------------------------------------------------------


def _keys(scale: Scale) -> dict[str, int] | None:
    """Key → option value, when every option can be typed as one digit; else ``None``."""
    keys = {str(o.value): o.value for o in scale.options if 0 <= o.value <= 9}
    regular = [o for o in scale.options if o.value not in scale.not_applicable]
    if any(str(o.value) not in keys for o in regular):
        return None
    if scale.not_applicable and NA_KEY not in keys:
        keys[NA_KEY] = scale.not_applicable[0]
    return keys


def _hint(scale: Scale, keys: Mapping[str, int], language: str) -> str:
    values = [o.value for o in scale.options if o.value not in scale.not_applicable]
    na = _(" · 0 = không áp dụng") if scale.not_applicable else ""
    span = sorted(values)
    if scale.kind == "rating" and span == list(range(span[0], span[-1] + 1)) and len(span) > 3:
        return f"{span[0]}–{span[-1]}{na}"
    labels = {o.value: o.label.get(language) for o in scale.options}
    shown = [f"{k} {labels[v]}" for k, v in sorted(keys.items()) if v not in scale.not_applicable]
    return " · ".join(shown) + na


def _channels_note(channels: Iterable[str]) -> str:
    chosen = set(channels)
    if chosen >= ALL_CHANNELS:
        return ""
    names = ", ".join(CHANNEL_LABELS.get(c, c) for c in sorted(chosen))
    return _("chỉ khi giao dịch %(c)s") % {"c": names}


def _choice_field(
    question: Question, label: str, language: str, *, listed: bool = False
) -> KeyField:
    """A digit box, or a short list (``listed``, or options that are not single digits)."""
    item, scale = question.item, question.scale
    assert scale is not None
    keys = None if listed else _keys(scale)
    names = {o.value: o.label.get(language) for o in scale.options}
    note = _channels_note(item.channels)
    if keys is None or item.type not in {"scale", "single_choice", "yes_no", "multi_choice"}:
        choices = tuple((str(v), text) for v, text in names.items())
        return KeyField(
            question.name, question.code, label, SELECT, 0, "", question.code, {}, choices,
            note=note, required=item.required,
        )  # fmt: skip
    multi = item.type == "multi_choice"
    return KeyField(
        question.name,
        question.code,
        label,
        DIGITS if multi else DIGIT,
        len(keys) if multi else 1,
        _hint(scale, keys, language),
        question.code,
        keys,
        tuple((k, names[v]) for k, v in sorted(keys.items())),
        na=bool(scale.not_applicable),
        note=note,
        required=item.required,
    )


def _fields(question: Question, language: str, listed: frozenset[str]) -> list[KeyField]:
    item, scale = question.item, question.scale
    label = item.text.get(language)
    if scale is None:
        limit = TextType.limit(item)
        field = KeyField(
            question.name, question.code, label, TEXT, limit, _("chữ"), question.code, {}
        )
        return [replace(field, required=item.required)]
    fields = [_choice_field(question, label, language, listed=question.code in listed)]
    reasons = [o.label.get(language) for o in scale.options if o.reason_required]
    if reasons:
        fields.append(
            KeyField(
                f"{question.name}-reason",
                f"{question.code}′",
                _("Lý do (nếu chọn %(r)s)") % {"r": ", ".join(reasons)},
                TEXT,
                1000,
                _("chữ"),
                question.code,
                {},
            )
        )
    return fields


def _condition_note(form: Form, condition: Condition | None) -> str:
    if condition is None:
        return ""
    values = ", ".join(str(v) for v in condition.values)
    return _("Chỉ nhập khi câu %(q)s = %(v)s") % {"q": condition.item, "v": values}


def sheet_build(form: Form, language: str = "vi") -> Sheet:
    """1. One group per page of the form (the respondent part in one group). 2. One field per
    question (a residential group is picked from a list: its values are unit ids), plus a
    reason field where an option needs one. 3. The contact page is left out."""
    groups: list[KeyGroup] = []
    respondent: list[KeyField] = []
    units = frozenset(f"r.{f.code}" for f in form.definition.respondent_fields if f.type == "unit")
    for page in form.pages:
        fields = [f for q in page.questions for f in _fields(q, language, units)]
        if page.kind == "respondent":
            respondent.extend(fields)
        elif fields:
            note = _condition_note(form, page.condition)
            groups.append(_group(page.code, page.title.get(language), note, fields))
    if respondent:
        groups.append(_group("respondent", _("Thông tin người trả lời"), "", respondent))
    return Sheet(form, tuple(groups), _legends(form, language))


def _legends(form: Form, language: str) -> tuple[str, ...]:
    """One line per rating scale keyed as a range ("1–5"): what each digit means."""
    seen: dict[str, str] = {}
    for _page, question in form.questions():
        scale = question.scale
        if scale is None or scale.code in seen or question.item.type != "scale":
            continue
        keys = _keys(scale)
        if keys is None or "–" not in _hint(scale, keys, language):
            continue
        labels = {o.value: o.label.get(language) for o in scale.options}
        regular = sorted((k, v) for k, v in keys.items() if v not in scale.not_applicable)
        seen[scale.code] = " · ".join(f"{k} {labels[v]}" for k, v in regular)
    return tuple(dict.fromkeys(seen.values()))


_sheets: dict[tuple[int, str], tuple[Form, Sheet]] = {}
SHEET_CACHE_SIZE = 256


def sheet_for(wave: SurveyWave, language: str = "vi") -> Sheet:
    """The wave's sheet, built once per cached ``Form`` (``form_for`` decides freshness)."""
    form = form_for(wave)
    hit = _sheets.get((id(form), language))
    if hit is not None and hit[0] is form:
        return hit[1]
    sheet = sheet_build(form, language)
    if len(_sheets) > SHEET_CACHE_SIZE:
        _sheets.clear()
    _sheets[(id(form), language)] = (form, sheet)
    return sheet


# -- keys --------------------------------------------------------------------------------------


def _digits(value: str) -> bool:
    """Only 0–9 (``str.isdigit`` also accepts "²" and other digits ``int`` refuses)."""
    return bool(value) and set(value) <= ASCII_DIGITS


def _normalise_one(field: KeyField, value: str) -> str:
    if field.kind == TEXT:
        return clean_line(value)[:MAX_KEYED_CHARS]
    compact = "".join(nfc(value).split())[:MAX_KEYED_CHARS]
    if field.kind == DIGITS and _digits(compact):
        return "".join(sorted(set(compact)))
    return compact


def normalise(sheet: Sheet, posted: Mapping[str, str]) -> Keyed:
    """The sheet's values as keyed, normalised; blanks left out (a blank is no key)."""
    keyed: Keyed = {}
    for field in sheet.fields():
        value = _normalise_one(field, str(posted.get(field.name, "") or ""))
        if value:
            keyed[field.name] = value
    return keyed


def _key_error(field: KeyField, value: str) -> str | None:
    if field.kind == TEXT:
        return None
    if field.kind == SELECT:
        return None if _digits(value) and len(value) <= 12 else _("Lựa chọn không hợp lệ.")
    if not _digits(value) or (field.kind == DIGIT and len(value) != 1):
        if field.kind == DIGIT:
            return _("Gõ một chữ số (%(h)s), hoặc để trống.") % {"h": field.hint}
        return _("Gõ các chữ số của những phương án được đánh dấu, ví dụ 135.")
    if NA_KEY in value and NA_KEY not in field.keys:
        return _("Câu này không có lựa chọn «không áp dụng» (0).")
    return None


def to_raw(sheet: Sheet, keyed: Mapping[str, str]) -> tuple[dict[str, list[str]], dict[str, str]]:
    """Keys → the raw values a form posts (``{"q-CC1": ["4"]}``), and the key errors by field."""
    raw: dict[str, list[str]] = {}
    errors: dict[str, str] = {}
    for field in sheet.fields():
        value = keyed.get(field.name, "")
        if not value:
            continue
        error = _key_error(field, value)
        if error:
            errors[field.name] = error
        elif field.kind in {DIGIT, DIGITS}:
            raw[field.name] = [str(field.keys.get(k, k)) for k in value]
        else:
            raw[field.name] = [value]
    return raw, errors


def validate(sheet: Sheet, keyed: Mapping[str, str]) -> Cleaned:
    """Check the keys, then clean the whole form through the question-type registry.

    1. Key errors (letters, a 0 where there is no "not applicable") by field.
    2. ``clean_submission``: each applicable question by its type (options, required, reasons).
    3. Both kinds together in one ``EntryInvalid``, by field name.
    """
    raw, errors = to_raw(sheet, keyed)
    try:
        cleaned = clean_submission(sheet.form, raw)
    except SubmissionInvalid as invalid:
        main = {f.question: f.name for f in sheet.fields() if not f.name.endswith("-reason")}
        for code, message in invalid.errors.items():
            errors.setdefault(main.get(code, code), message)
        raise EntryInvalid(errors) from invalid
    if errors:
        raise EntryInvalid(errors)
    return cleaned


# -- comparing two entries ---------------------------------------------------------------------


@dataclass(frozen=True)
class Difference:
    field: KeyField
    first: str
    second: str


def differences(
    sheet: Sheet, first: Mapping[str, str], second: Mapping[str, str]
) -> list[Difference]:
    """The fields where two keyings of one form differ, in the order of the sheet."""
    return [
        Difference(field, first.get(field.name, ""), second.get(field.name, ""))
        for field in sheet.fields()
        if first.get(field.name, "") != second.get(field.name, "")
    ]


def changes(sheet: Sheet, old: Mapping[str, str], new: Mapping[str, str]) -> dict[str, list[str]]:
    """``{field name: [old, new]}`` for an edit, for the audit trail."""
    return {d.field.name: [d.first, d.second] for d in differences(sheet, old, new)}
