"""The interface every question type implements, and helpers they share.

A question type knows, for one item of a method definition:

- ``check``: whether the item and its scale fit this type (used when a definition is parsed);
- ``render``: how to show it (a template under ``templates/surveys/qtypes/``: big, labelled
  radio buttons or check boxes in a ``fieldset``, working without JavaScript);
- ``clean``: how to turn raw POST values into a stored ``Answer`` (NFC, size limits, Vietnamese
  errors raised as ``AnswerError``);
- ``aggregate``: how to count a list of stored values into a ``Tally``.

How to add a question type
--------------------------

1. Create ``hailong/surveys/qtypes/<kind>.py`` with a ``QuestionType`` subclass: set ``kind``
   (the word used in definitions' ``items[].type``), ``label``, ``template_name`` and
   ``scale_kinds`` (the scale kinds it accepts; empty if it takes no scale).
2. Implement ``clean`` and ``aggregate``; extend ``check`` if the type has extra rules (the base
   already checks scale presence and kind). Never default a blank answer to a value.
3. Write ``hailong/templates/surveys/qtypes/<kind>.html``: a ``fieldset`` with a ``legend``, inputs
   with visible labels of at least 44 px, the error linked by ``aria-describedby``, no JavaScript.
4. Register the class in ``REGISTRY`` in ``hailong/surveys/qtypes/__init__.py``.
5. Add ``tests/test_surveys_qtype_<kind>.py``: a valid answer, a blank (required and optional),
   each refusal with its Vietnamese message, NFC, size limits, aggregation with zero-filled counts.
6. If the index engine must treat it specially, say so in the method schema docs; otherwise it is
   counted like any other item.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from hailong.core.text import nfc

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise

    from hailong.surveys.definition import Item, Scale

StoredValue = int | list[int] | str | None

MAX_RAW_VALUES = 50
MAX_CHOICE_CHARS = 12
MAX_REASON_CHARS = 1000


class RawData(Protocol):
    """What a form POST offers (``QueryDict``, ``MultiValueDict``)."""

    def getlist(self, key: str, default: list[Any] | None = None) -> list[Any]: ...


class AnswerError(ValueError):
    """A raw answer was refused; ``message`` is Vietnamese and shown next to the question."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Answer:
    """A normalised answer: ``value`` is ``None`` when the item was left blank."""

    value: StoredValue
    reason: str = ""

    @property
    def is_blank(self) -> bool:
        return self.value is None


@dataclass(frozen=True)
class Tally:
    """Counts over stored answers: per option value (zero-filled, in option order)."""

    answered: int
    blank: int
    counts: dict[int, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Choice:
    """One input of a rendered question."""

    value: int
    label: str
    input_id: str
    checked: bool
    reason_required: bool = False


class QuestionType(ABC):
    kind: ClassVar[str]
    label: ClassVar[str | _StrPromise]
    template_name: ClassVar[str]
    scale_kinds: ClassVar[frozenset[str]] = frozenset()

    # -- definition --------------------------------------------------------------------------
    def check(self, item: Item, scale: Scale | None) -> list[tuple[str, str]]:
        """Problems as ``(field, message)``; the base checks scale presence and kind."""
        if not self.scale_kinds:
            if scale is not None:
                return [("scale", _("loại «%(type)s» không dùng thang đo") % {"type": self.kind})]
            return []
        if scale is None:
            return [("scale", _("loại «%(type)s» cần một thang đo") % {"type": self.kind})]
        if scale.kind not in self.scale_kinds:
            return [
                (
                    "scale",
                    _("thang đo «%(scale)s» (%(kind)s) không dùng được cho loại «%(type)s»")
                    % {"scale": scale.code, "kind": scale.kind, "type": self.kind},
                )
            ]
        return []

    # -- form --------------------------------------------------------------------------------
    @staticmethod
    def field_name(item: Item) -> str:
        return f"q-{item.code}"

    def context(
        self, item: Item, scale: Scale | None, answer: Answer | None, language: str
    ) -> dict[str, Any]:
        name = self.field_name(item)
        return {
            "item": item,
            "name": name,
            "text": item.text.get(language),
            "note": item.note.get(language) if item.note else "",
            "choices": self.choices(item, scale, answer, language, na=False),
            "na_choices": self.choices(item, scale, answer, language, na=True),
            "answer": answer,
        }

    def choices(
        self, item: Item, scale: Scale | None, answer: Answer | None, language: str, *, na: bool
    ) -> list[Choice]:
        if scale is None:
            return []
        selected = _selected(answer)
        return [
            Choice(
                value=o.value,
                label=o.label.get(language),
                input_id=f"{self.field_name(item)}-{o.value}",
                checked=o.value in selected,
                reason_required=o.reason_required,
            )
            for o in scale.options
            if (o.value in scale.not_applicable) == na
        ]

    def render(
        self,
        item: Item,
        scale: Scale | None,
        *,
        answer: Answer | None = None,
        error: str = "",
        language: str = "vi",
    ) -> SafeString:
        context = self.context(item, scale, answer, language)
        context["error"] = error
        return SafeString(render_to_string(self.template_name, context))

    @abstractmethod
    def clean(self, item: Item, scale: Scale | None, data: RawData) -> Answer:
        """Validate and normalise the raw values posted for ``item``; raise ``AnswerError``."""

    # -- counting ----------------------------------------------------------------------------
    @abstractmethod
    def aggregate(self, item: Item, scale: Scale | None, values: Iterable[StoredValue]) -> Tally:
        """Count stored values; a value that is not an option raises ``ValueError``."""


def _selected(answer: Answer | None) -> set[int]:
    if answer is None or answer.value is None:
        return set()
    if isinstance(answer.value, list):
        return set(answer.value)
    return {answer.value} if isinstance(answer.value, int) else set()


def raw_values(data: RawData, name: str) -> list[str]:
    """The non-empty raw strings posted under ``name`` (NFC, stripped), size-limited."""
    values = [nfc(str(v)).strip() for v in data.getlist(name, [])]
    values = [v for v in values if v]
    if len(values) > MAX_RAW_VALUES:
        raise AnswerError(_("Câu trả lời có quá nhiều giá trị."))
    return values


def parse_option(raw: str, scale: Scale) -> int:
    """One raw string → an option value of ``scale``, or ``AnswerError``."""
    if len(raw) > MAX_CHOICE_CHARS or not (raw.isascii() and raw.lstrip("-").isdigit()):
        raise AnswerError(_("Lựa chọn không hợp lệ."))
    value = int(raw)
    if scale.option(value) is None:
        raise AnswerError(_("Lựa chọn không hợp lệ."))
    return value


def clean_single(
    item: Item, scale: Scale | None, data: RawData, *, blank_message: str
) -> int | None:
    """Shared by one-answer types: at most one value, a valid option, required respected."""
    assert scale is not None
    values = raw_values(data, QuestionType.field_name(item))
    if not values:
        if item.required:
            raise AnswerError(blank_message)
        return None
    if len(set(values)) > 1:
        raise AnswerError(_("Chỉ được chọn một phương án."))
    return parse_option(values[0], scale)


def tally_options(scale: Scale | None, values: Iterable[StoredValue]) -> Tally:
    """Counts of single-valued answers over ``scale``'s options (blank = ``None``)."""
    assert scale is not None
    counts = {o.value: 0 for o in scale.options}
    blank = 0
    for value in values:
        if value is None:
            blank += 1
        elif isinstance(value, int) and not isinstance(value, bool) and value in counts:
            counts[value] += 1
        else:
            raise ValueError(f"value {value!r} is not an option of scale {scale.code}")
    return Tally(answered=sum(counts.values()), blank=blank, counts=counts)
