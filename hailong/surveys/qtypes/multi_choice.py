"""Any number of named options (e.g. Q2: the channels used to follow policy)."""

from __future__ import annotations

from collections.abc import Iterable

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
    parse_option,
    raw_values,
)


class MultiChoiceType(QuestionType):
    kind = "multi_choice"
    label = gettext_lazy("Chọn nhiều phương án")
    template_name = "surveys/qtypes/multi_choice.html"
    scale_kinds = frozenset({"choice"})

    def clean(self, item: Item, scale: Scale | None, data: RawData) -> Answer:
        assert scale is not None
        values = sorted(
            {parse_option(raw, scale) for raw in raw_values(data, self.field_name(item))}
        )
        if not values:
            if item.required:
                raise AnswerError(_("Vui lòng chọn ít nhất một phương án."))
            return Answer(None)
        if len(values) > 1 and set(values) & set(scale.not_applicable):
            raise AnswerError(_("Không thể vừa chọn «không áp dụng» vừa chọn phương án khác."))
        return Answer(values)

    def aggregate(self, item: Item, scale: Scale | None, values: Iterable[StoredValue]) -> Tally:
        """``counts[v]`` = answers that chose ``v``; ``answered`` = answers with any choice."""
        assert scale is not None
        counts = {o.value: 0 for o in scale.options}
        answered = blank = 0
        for value in values:
            if value is None or value == []:
                blank += 1
                continue
            if not isinstance(value, list) or any(v not in counts for v in value):
                raise ValueError(f"value {value!r} is not a choice list of scale {scale.code}")
            answered += 1
            for v in set(value):
                counts[v] += 1
        return Tally(answered=answered, blank=blank, counts=counts)
