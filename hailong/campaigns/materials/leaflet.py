"""Leaflet (A5) and poster (A4) PDFs: the wave's source-specific QR code, the questions in
brief, the confidentiality promise and the ward's contacts.

The QR code and its link come from ``hailong.responses.printing`` (segno), the PDF from
WeasyPrint, as the sources' own posters do; only the layout here is the campaign's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hailong.campaigns.materials.base import FileSpec, Generated, MaterialKind
from hailong.campaigns.materials.context import MaterialContext, context_for
from hailong.responses.models import SourceKind
from hailong.responses.printing import qr_svg_markup

if TYPE_CHECKING:
    from hailong.campaigns.models import Material
    from hailong.surveys.models import SurveyWave

PAGES = {"a5": ("A5", "12mm"), "a4": ("A4", "16mm")}
MAX_QUESTIONS = 10


def promise(unit_name: str) -> str:
    return _(
        "Phiếu không ghi tên. Ý kiến của Ông/Bà được giữ bí mật, chỉ được tổng hợp thành số "
        "liệu chung và chỉ dùng để Ủy ban nhân dân %(unit)s phục vụ người dân tốt hơn."
    ) % {"unit": unit_name}


def questions_in_brief(wave: SurveyWave | None) -> list[str]:
    """What the form asks, in a few lines: its elements (or groups) with their number of
    questions, from the exact method version the wave uses."""
    if wave is None:
        return []
    definition = wave.method_version.parsed()
    lines = []
    for element in definition.elements[:MAX_QUESTIONS]:
        lines.append(
            _("%(name)s (%(n)s câu)") % {"name": element.name.get("vi"), "n": len(element.items)}
        )
    return lines


def contacts(ctx: MaterialContext) -> list[tuple[str, str]]:
    unit = ctx.unit
    rows = [
        (_("Địa chỉ"), unit.address),
        (_("Điện thoại"), unit.phone),
        (_("Thư điện tử"), unit.email),
        (_("Trang thông tin điện tử"), unit.website),
    ]
    return [(label, value) for label, value in rows if value]


class Leaflet(MaterialKind):
    key = "leaflet"
    label = gettext_lazy("Tờ rơi, áp phích (PDF)")
    channel = "leaflet"
    source_kind = SourceKind.TO_ROI
    source_label = gettext_lazy("Tờ rơi, áp phích")

    def generate(self, ctx: MaterialContext) -> Generated:
        intro = _(
            "Ủy ban nhân dân %(unit)s trân trọng mời Ông/Bà cho ý kiến về sự phục vụ hành chính "
            "của phường: thái độ của cán bộ, thủ tục, thời gian và kết quả giải quyết. Quét mã "
            "QR bằng điện thoại, chỉ mất khoảng 3 phút."
        ) % {"unit": ctx.unit_name}
        wave_name = ctx.wave.name if ctx.wave is not None else _("Khảo sát sự hài lòng")
        return Generated(title=wave_name, text=f"{intro}\n\n{promise(ctx.unit_name)}")

    def files(self) -> tuple[FileSpec, ...]:
        return (
            FileSpec(
                "to-roi-a5",
                gettext_lazy("Tờ rơi A5 (PDF)"),
                "application/pdf",
                "pdf",
                lambda m: leaflet_pdf(m, "a5"),
            ),
            FileSpec(
                "ap-phich-a4",
                gettext_lazy("Áp phích A4 (PDF)"),
                "application/pdf",
                "pdf",
                lambda m: leaflet_pdf(m, "a4"),
            ),
        )


def leaflet_context(material: Material, size: str) -> dict[str, Any]:
    ctx = context_for(material, with_figures=False)
    paragraphs = [p.strip() for p in material.text.split("\n\n") if p.strip()]
    page, margin = PAGES[size]
    return {
        "material": material,
        "unit": ctx.unit,
        "paragraphs": paragraphs,
        "questions": questions_in_brief(ctx.wave),
        "contacts": contacts(ctx),
        "url": ctx.url,
        "short_url": ctx.short_url,
        "qr": mark_safe(qr_svg_markup(ctx.url, scale=10)) if ctx.url else "",  # noqa: S308
        "source": ctx.source,
        "page_size": page,
        "page_margin": margin,
        "size": size,
    }


def leaflet_pdf(material: Material, size: str) -> bytes:
    """The leaflet (``a5``) or poster (``a4``) of ``material`` as PDF bytes."""
    from weasyprint import HTML

    html = render_to_string(
        "campaigns/materials/leaflet_print.html", leaflet_context(material, size)
    )
    pdf: bytes = HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()
    return pdf
