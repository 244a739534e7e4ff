"""Website article draft (bài trên trang thông tin điện tử): a summary article inviting people
to take part, or the results article of the seed's "báo cáo kết quả", with a chart.

The body is HTML the officer edits, sanitised with nh3 (a short allow-list: paragraphs,
headings, lists, emphasis, links) every time it is saved. The public site turns a draft into
an Article through ``hailong.campaigns.materials.article_draft`` (see ``draft``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import nh3
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hailong.campaigns.materials.base import MAX_TEXT, FileSpec, Generated, MaterialKind
from hailong.campaigns.materials.broadcast import figures_sentence
from hailong.campaigns.materials.context import MaterialContext, context_for
from hailong.core.errors import ServiceError
from hailong.core.text import nfc
from hailong.responses.models import SourceKind

if TYPE_CHECKING:
    from hailong.campaigns.models import Material
    from hailong.reports.charts import Chart

SUMMARY = "summary"
RESULTS = "results"
VARIANTS = (SUMMARY, RESULTS)
ALLOWED_TAGS = {"p", "h2", "h3", "ul", "ol", "li", "strong", "em", "a", "br", "blockquote"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}


def sanitise(html: str) -> str:
    """The allow-listed part of ``html``; links get ``rel="noopener noreferrer"``."""
    cleaned: str = nh3.clean(
        nfc(html),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener noreferrer",
    )
    return cleaned.strip()


def _p(text: str) -> str:
    return f"<p>{escape(text)}</p>"


class Article(MaterialKind):
    key = "article"
    label = gettext_lazy("Bài viết trên trang thông tin điện tử (bản nháp)")
    channel = "website"
    source_kind = SourceKind.WEBSITE
    source_label = gettext_lazy("Bài trên trang thông tin")
    html = True

    def generate(self, ctx: MaterialContext) -> Generated:
        variant = ctx.options.get("variant", SUMMARY)
        return self.generate_variant(ctx, variant if variant in VARIANTS else SUMMARY)

    def generate_variant(self, ctx: MaterialContext, variant: str) -> Generated:
        year, unit = ctx.plan.year, ctx.unit_name
        figures = figures_sentence(ctx)
        link = (
            f"<p>{escape(_('Trả lời phiếu khảo sát tại:'))} "
            f'<a href="{escape(ctx.url)}">{escape(ctx.short_url)}</a></p>'
            if ctx.url
            else ""
        )
        if variant == RESULTS and ctx.figures is not None:
            title = _(
                "Kết quả khảo sát sự hài lòng về sự phục vụ hành chính của %(unit)s năm %(year)s"
            ) % {
                "unit": unit,
                "year": year,
            }
            summary = figures
            body = [
                _p(
                    _(
                        "Thực hiện Kế hoạch tuyên truyền năm %(year)s, Ủy ban nhân dân %(unit)s đã "
                        "tổ chức lấy ý kiến của người dân, tổ chức về sự phục vụ hành chính."
                    )
                    % {"year": year, "unit": unit}
                ),
                _p(figures),
                f"<h2>{escape(_('Kết quả theo từng yếu tố'))}</h2>",
                _p(_("Biểu đồ dưới đây cho thấy chỉ số hài lòng theo từng yếu tố của phiếu.")),
                _p(
                    _(
                        "Ủy ban nhân dân %(unit)s cảm ơn bà con đã dành thời gian cho ý kiến và "
                        "sẽ khắc phục những nội dung còn hạn chế."
                    )
                    % {"unit": unit}
                ),
                link,
            ]
        else:
            title = _("%(Unit)s lấy ý kiến người dân về sự phục vụ hành chính năm %(year)s") % {
                "Unit": ctx.unit.name,
                "year": year,
            }
            summary = _(
                "Ủy ban nhân dân %(unit)s mời người dân, tổ chức cho ý kiến về sự phục vụ hành "
                "chính; phiếu không ghi tên, chỉ mất khoảng 3 phút."
            ) % {"unit": unit}
            topics = "".join(f"<li>{escape(str(t))}</li>" for t in ctx.plan.content_topics or [])
            body = [
                _p(summary),
                f"<h2>{escape(_('Nội dung tuyên truyền'))}</h2>",
                f"<ul>{topics}</ul>" if topics else "",
                _p(figures) if figures else "",
                f"<h2>{escape(_('Cách tham gia'))}</h2>",
                _p(
                    _(
                        "Quét mã QR trên tờ rơi, áp phích hoặc mở đường dẫn dưới đây bằng điện "
                        "thoại. Mọi ý kiến được giữ bí mật."
                    )
                ),
                link,
            ]
        return Generated(title=title, summary=summary, text="\n".join(b for b in body if b))

    def clean_text(self, text: str) -> str:
        if len(text) > MAX_TEXT:
            raise ServiceError(
                _("Nội dung quá dài (tối đa %(n)s ký tự).") % {"n": MAX_TEXT}, field="text"
            )
        return sanitise(text)

    def files(self) -> tuple[FileSpec, ...]:
        return (
            FileSpec("bieu-do-svg", gettext_lazy("Biểu đồ (SVG)"), "image/svg+xml", "svg", _svg),
            FileSpec("bieu-do-png", gettext_lazy("Biểu đồ (PNG)"), "image/png", "png", _png),
        )


def article_chart(material: Material) -> Chart | None:
    """The element indices of the wave as a bar chart, or ``None`` without figures."""
    from hailong.indices import selectors as index_selectors
    from hailong.reports import charts

    ctx = context_for(material, with_figures=True)
    if ctx.wave is None or ctx.figures is None:
        return None
    result = index_selectors.figures(
        version_id=ctx.wave.method_version_id, wave_ids=[ctx.wave.pk], units=[ctx.wave.unit]
    )
    definition = ctx.wave.method_version.parsed()
    rows = [
        (element.name.get("vi"), result["elements"].get(element.code))
        for element in definition.elements
    ]
    return charts.bar_chart(
        _("Chỉ số hài lòng theo yếu tố"),
        rows,
        reference=ctx.figures.overall,
        reference_label=_("Chỉ số chung"),
        label_header=_("Yếu tố"),
        value_header=_("Chỉ số (%)"),
    )


def _svg(material: Material) -> bytes:
    chart = article_chart(material)
    if chart is None:
        raise ServiceError(_("Đợt khảo sát chưa có số liệu để vẽ biểu đồ."))
    return chart.svg.encode()


def _png(material: Material) -> bytes:
    chart = article_chart(material)
    if chart is None:
        raise ServiceError(_("Đợt khảo sát chưa có số liệu để vẽ biểu đồ."))
    return chart.png(dpi=150)


def draft(material: Material) -> dict[str, Any]:
    """What the public site needs to make an Article of this draft.

    ``{"title", "summary", "body_html" (sanitised again), "image_bytes" (PNG or None),
    "image_svg" (str or None), "image_alt", "tracked_url"}``.
    """
    if material.kind != Article.key:
        raise ValueError(f"material {material.pk} is a {material.kind}, not an article")
    chart = article_chart(material)
    ctx = context_for(material, with_figures=False)
    return {
        "title": material.title,
        "summary": material.summary,
        "body_html": sanitise(material.text),
        "image_bytes": chart.png(dpi=150) if chart is not None else None,
        "image_svg": chart.svg if chart is not None else None,
        "image_alt": chart.description if chart is not None else "",
        "tracked_url": ctx.url,
    }
