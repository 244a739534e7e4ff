"""Zalo post (bài đăng nhóm Zalo): a short text with its own tracked link, and a share image.

The image is 1200 × 630 px PNG: the 1.91:1 link-preview ratio Zalo (like Facebook's Open Graph)
shows without cropping. Drawn with Pillow in a font that has every Vietnamese letter (the one
``hailong.reports.charts`` picks for charts: Liberation Sans from ``fonts-liberation2``, else
Noto Sans), with the tracked link's QR code (segno PNG) on the right.
"""

from __future__ import annotations

import io
import textwrap
from typing import TYPE_CHECKING

import segno
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from PIL import Image, ImageDraw, ImageFont

from hailong.campaigns.materials.base import FileSpec, Generated, MaterialKind
from hailong.campaigns.materials.broadcast import figures_sentence
from hailong.campaigns.materials.context import MaterialContext, context_for
from hailong.core.fonts import pil_font
from hailong.core.text import nfc
from hailong.responses.models import SourceKind

if TYPE_CHECKING:
    from hailong.campaigns.models import Material

SHARE_SIZE = (1200, 630)
RED = (163, 20, 27)
INK = (17, 17, 17)
WHITE = (255, 255, 255)


class ZaloPost(MaterialKind):
    key = "zalo"
    label = gettext_lazy("Bài đăng Zalo và ảnh chia sẻ")
    channel = "zalo"
    source_kind = SourceKind.ZALO
    source_label = gettext_lazy("Zalo")

    def generate(self, ctx: MaterialContext) -> Generated:
        lines = [
            _(
                "📣 Ủy ban nhân dân %(unit)s mời bà con cho ý kiến về sự phục vụ hành chính "
                "năm %(year)s."
            )
            % {"unit": ctx.unit_name, "year": ctx.plan.year},
            _(
                "Bà con đã làm thủ tục tại Bộ phận Một cửa của phường hãy dành 3 phút trả lời "
                "phiếu khảo sát. Phiếu không ghi tên, mọi ý kiến được giữ bí mật."
            ),
            figures_sentence(ctx),
            _("👉 Trả lời tại: %(url)s") % {"url": ctx.url} if ctx.url else "",
            _("Xin cảm ơn bà con!"),
        ]
        title = _("Mời tham gia khảo sát sự hài lòng – %(unit)s") % {"unit": ctx.unit.name}
        return Generated(title=title, text="\n\n".join(line for line in lines if line))

    def files(self) -> tuple[FileSpec, ...]:
        return (
            FileSpec(
                "anh-chia-se",
                gettext_lazy("Ảnh chia sẻ 1200×630 (PNG)"),
                "image/png",
                "png",
                share_image,
            ),
        )


def _font(size: int, *, bold: bool = False) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    return pil_font(size, bold=bold)


def _wrapped(
    draw: ImageDraw.ImageDraw,
    text: str,
    font: ImageFont.FreeTypeFont | ImageFont.ImageFont,
    width: int,
) -> list[str]:
    """Words wrapped to ``width`` pixels."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split():
            candidate = f"{line} {word}".strip()
            if draw.textlength(candidate, font=font) <= width:
                line = candidate
            else:
                if line:
                    lines.append(line)
                line = word
        if line:
            lines.append(line)
    return lines


def share_image(material: Material) -> bytes:
    """The 1200×630 PNG: a red band with the ward's name, the title, a call to action, the QR."""
    ctx = context_for(material, with_figures=False)
    width, height = SHARE_SIZE
    image = Image.new("RGB", SHARE_SIZE, WHITE)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, width, 92), fill=RED)
    band = nfc(_("ỦY BAN NHÂN DÂN %(unit)s") % {"unit": ctx.unit.name.upper()})
    draw.text((48, 26), band, font=_font(36, bold=True), fill=WHITE)
    text_width = width - 48 - 48 - (360 if ctx.url else 0)
    y = 130
    title_font = _font(54, bold=True)
    for line in _wrapped(draw, nfc(material.title), title_font, text_width)[:4]:
        draw.text((48, y), line, font=title_font, fill=INK)
        y += 66
    y += 16
    body_font = _font(32)
    cta = _("Phiếu không ghi tên · 3 phút · mọi ý kiến được giữ bí mật")
    for line in _wrapped(draw, nfc(cta), body_font, text_width)[:3]:
        draw.text((48, y), line, font=body_font, fill=INK)
        y += 42
    if ctx.url:
        qr = Image.open(io.BytesIO(_qr_png(ctx.url))).convert("RGB")
        qr = qr.resize((320, 320), Image.Resampling.NEAREST)
        image.paste(qr, (width - 48 - 320, 150))
        small = _font(22)
        label = textwrap.shorten(ctx.short_url, 40)
        draw.text((width - 48 - 320, 480), label, font=small, fill=INK)
    draw.rectangle((0, height - 12, width, height), fill=RED)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _qr_png(url: str) -> bytes:
    out = io.BytesIO()
    segno.make(url, error="m").save(out, kind="png", scale=10, border=2)
    return out.getvalue()
