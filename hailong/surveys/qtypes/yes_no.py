"""Yes or no (a ``choice`` scale with exactly two countable options, e.g. 1 Có, 2 Không)."""

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


class YesNoType(QuestionType):
    kind = "yes_no"
    label = gettext_lazy("Có / Không")
    template_name = "surveys/qtypes/yes_no.html"
    scale_kinds = frozenset({"choice"})

    def check(self, item: Item, scale: Scale | None) -> list[tuple[str, str]]:
        problems = super().check(item, scale)
        if not problems and scale is not None and len(scale.values) != 2:
            problems.append(
                ("scale", _("câu hỏi có/không cần thang đo đúng hai lựa chọn được tính"))
            )
        return problems

    def clean(self, item: Item, scale: Scale | None, data: RawData) -> Answer:
        return Answer(
            clean_single(item, scale, data, blank_message=_("Vui lòng chọn Có hoặc Không."))
        )

    def aggregate(self, item: Item, scale: Scale | None, values: Iterable[StoredValue]) -> Tally:
        return tally_options(scale, values)
