"""A rating scale (5-level satisfaction, 3-level per-dossier, 3-level priority …).

Options come from a ``rating`` scale in their listed order (5..1 or 1..5); values listed in the
scale's ``not_applicable`` are shown apart as "not applicable" and stored, but never counted as a
rating. An option with ``reason_required`` (e.g. "Không hài lòng") needs a written reason.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hailong.core.text import nfc
from hailong.surveys.definition import Item, Scale
from hailong.surveys.qtypes.base import (
    MAX_REASON_CHARS,
    Answer,
    AnswerError,
    QuestionType,
    RawData,
    StoredValue,
    Tally,
    clean_single,
    tally_options,
)


class ScaleType(QuestionType):
    kind = "scale"
    label = gettext_lazy("Thang đo mức độ")
    template_name = "surveys/qtypes/scale.html"
    scale_kinds = frozenset({"rating"})

    @staticmethod
    def reason_name(item: Item) -> str:
        return f"{QuestionType.field_name(item)}-reason"

    def context(
        self, item: Item, scale: Scale | None, answer: Answer | None, language: str
    ) -> dict[str, Any]:
        context = super().context(item, scale, answer, language)
        options = scale.options if scale else ()
        reasons = [o.label.get(language) for o in options if o.reason_required]
        context["reason_labels"] = ", ".join(reasons)
        return context

    def clean(self, item: Item, scale: Scale | None, data: RawData) -> Answer:
        value = clean_single(item, scale, data, blank_message=_("Vui lòng chọn một mức đánh giá."))
        if value is None:
            return Answer(None)
        assert scale is not None
        option = scale.option(value)
        reasons = [nfc(str(v)).strip() for v in data.getlist(self.reason_name(item), [])]
        reason = " ".join(r for r in reasons if r)
        if len(reason) > MAX_REASON_CHARS:
            raise AnswerError(_("Lý do dài quá %(n)d ký tự.") % {"n": MAX_REASON_CHARS})
        if option is not None and option.reason_required and not reason:
            raise AnswerError(
                _("Vui lòng cho biết lý do khi chọn «%(label)s».") % {"label": option.label.vi}
            )
        return Answer(value, reason)

    def aggregate(self, item: Item, scale: Scale | None, values: Iterable[StoredValue]) -> Tally:
        return tally_options(scale, values)
