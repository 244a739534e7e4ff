"""Free text (an open comment, the field or procedure handled). Stored NFC, size-limited."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hailong.surveys.definition import Item, Scale
from hailong.surveys.qtypes.base import (
    Answer,
    AnswerError,
    QuestionType,
    RawData,
    StoredValue,
    Tally,
    raw_values,
)

DEFAULT_MAX_LENGTH = 2000
HARD_MAX_LENGTH = 10_000


class TextType(QuestionType):
    kind = "text"
    label = gettext_lazy("Trả lời bằng chữ")
    template_name = "surveys/qtypes/text.html"
    scale_kinds = frozenset()

    def check(self, item: Item, scale: Scale | None) -> list[tuple[str, str]]:
        problems = super().check(item, scale)
        if item.max_length is not None and not 1 <= item.max_length <= HARD_MAX_LENGTH:
            problems.append(("max_length", _("phải từ 1 đến %(n)d ký tự") % {"n": HARD_MAX_LENGTH}))
        return problems

    @staticmethod
    def limit(item: Item) -> int:
        return item.max_length or DEFAULT_MAX_LENGTH

    def context(
        self, item: Item, scale: Scale | None, answer: Answer | None, language: str
    ) -> dict[str, Any]:
        context = super().context(item, scale, answer, language)
        context["max_length"] = self.limit(item)
        return context

    def clean(self, item: Item, scale: Scale | None, data: RawData) -> Answer:
        values = raw_values(data, self.field_name(item))
        text = "\n".join(values).replace("\r\n", "\n").strip()
        if not text:
            if item.required:
                raise AnswerError(_("Vui lòng điền câu trả lời."))
            return Answer(None)
        if len(text) > self.limit(item):
            raise AnswerError(
                _("Câu trả lời dài quá %(n)d ký tự (hiện có %(len)d).")
                % {"n": self.limit(item), "len": len(text)}
            )
        return Answer(text)

    def aggregate(self, item: Item, scale: Scale | None, values: Iterable[StoredValue]) -> Tally:
        answered = blank = 0
        for value in values:
            if value is None or (isinstance(value, str) and not value.strip()):
                blank += 1
            elif isinstance(value, str):
                answered += 1
            else:
                raise ValueError(f"value {value!r} is not text")
        return Tally(answered=answered, blank=blank)
