"""One answer among named options (e.g. Q6 "direct / online / both")."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hailong.surveys.definition import Item, Scale
from hailong.surveys.qtypes.base import (
    Answer,
    QuestionType,
    RawData,
    StoredValue,
    Tally,
    clean_single,
    tally_options,
)


class SingleChoiceType(QuestionType):
    kind = "single_choice"
    label = gettext_lazy("Chọn một phương án")
    template_name = "surveys/qtypes/single_choice.html"
    scale_kinds = frozenset({"choice", "rating"})

    def clean(self, item: Item, scale: Scale | None, data: RawData) -> Answer:
        return Answer(
            clean_single(item, scale, data, blank_message=_("Vui lòng chọn một phương án."))
        )

    def aggregate(self, item: Item, scale: Scale | None, values: Iterable[StoredValue]) -> Tally:
        return tally_options(scale, values)
