"""Broadcast script for the loudspeakers (kịch bản phát thanh): a short text per content topic
of the plan, optionally with the latest participation and result figures, and its audio
(espeak-ng, a background job) or a human recording the officer uploads."""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hailong.campaigns.materials.base import FileSpec, Generated, MaterialKind
from hailong.responses.models import SourceKind

if TYPE_CHECKING:
    from hailong.campaigns.materials.context import MaterialContext
    from hailong.campaigns.models import Material

# What each of the template's four topics means for a listener, in one or two sentences.
TOPIC_SENTENCES = (
    "Ủy ban nhân dân {unit} đang lấy ý kiến của người dân, tổ chức về sự phục vụ hành chính: "
    "thái độ của cán bộ, thủ tục, thời gian giải quyết và kết quả trả cho bà con.",
    "Cấp ủy, người đứng đầu các cơ quan, đoàn thể của {unit} cam kết chịu trách nhiệm về cải "
    "cách hành chính và giải quyết thủ tục hành chính cho người dân.",
    "Bộ phận Một cửa của {unit} tiếp nhận và trả kết quả thủ tục hành chính công khai, minh "
    "bạch; ý kiến của bà con giúp Bộ phận Một cửa phục vụ tốt hơn.",
    "Người dân có quyền tham gia và giám sát cải cách hành chính, góp phần xây dựng nền hành "
    "chính phục vụ, vì dân.",
)


def figures_sentence(ctx: MaterialContext) -> str:
    """ "Đến ngày …, đã có … ý kiến …; chỉ số hài lòng chung …" or "" when there are none."""
    figures = ctx.figures
    if figures is None:
        return ""
    sentence = _("Đến ngày %(day)s, đã có %(n)s lượt người dân, tổ chức gửi ý kiến") % {
        "day": figures.as_of.strftime("%d/%m/%Y"),
        "n": figures.responses,
    }
    if figures.target:
        sentence += _(" trên tổng số %(target)s phiếu cần thu") % {"target": figures.target}
    if figures.overall is not None:
        sentence += _("; chỉ số hài lòng chung hiện đạt %(pct)s%%") % {"pct": figures.overall_text}
    return sentence + "."


class Broadcast(MaterialKind):
    key = "broadcast"
    label = gettext_lazy("Kịch bản phát thanh (loa truyền thanh)")
    channel = "loudspeaker"
    source_kind = SourceKind.LOA
    source_label = gettext_lazy("Loa truyền thanh")
    uses_topic = True
    has_audio = True

    def generate(self, ctx: MaterialContext) -> Generated:
        topic = ctx.topic or 1
        template = TOPIC_SENTENCES[(topic - 1) % len(TOPIC_SENTENCES)]
        parts = [
            _("Thưa toàn thể nhân dân %(unit)s!") % {"unit": ctx.unit_name},
            _(
                "Thực hiện Kế hoạch tuyên truyền hoạt động khảo sát sự hài lòng năm %(year)s "
                "của Ủy ban nhân dân %(unit)s, Đài truyền thanh phường xin thông báo."
            )
            % {"year": ctx.plan.year, "unit": ctx.unit_name},
            template.format(unit=ctx.unit_name),
            figures_sentence(ctx),
            _(
                "Bà con hãy quét mã QR trên tờ rơi, áp phích tại trụ sở Ủy ban nhân dân hoặc "
                "tại tổ dân phố để trả lời phiếu khảo sát. Phiếu không ghi tên, chỉ mất khoảng "
                "3 phút; mọi ý kiến đều được giữ bí mật."
            ),
            _("Xin trân trọng cảm ơn!"),
        ]
        # Whole words, with "…" when cut: a title ending in "tro" reads as a typo.
        topic_title = textwrap.shorten(ctx.topic_text.rstrip("."), 120, placeholder="…") or _(
            "Mời tham gia khảo sát"
        )
        return Generated(
            title=_("Phát thanh – nội dung %(n)s: %(topic)s") % {"n": topic, "topic": topic_title},
            text="\n\n".join(p for p in parts if p),
        )

    def files(self) -> tuple[FileSpec, ...]:
        return (
            FileSpec("kich-ban", gettext_lazy("Kịch bản (văn bản)"), "text/plain", "txt", _txt),
        )


def _txt(material: Material) -> bytes:
    return (material.text + "\n").encode("utf-8")
