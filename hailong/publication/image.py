"""A PNG of a publication's headline, sized for a Zalo (or Facebook) post: 1200×630.

Drawn with Pillow in Noto Sans (Debian ``fonts-noto-core``; Liberation Sans as a fallback), which
carry every Vietnamese letter; the text is NFC so each letter is one glyph. No figure that the
snapshot does not hold can appear: the image is drawn from the stored figures only.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image, ImageDraw, ImageFont

from hailong.core.fonts import pil_font
from hailong.core.text import nfc
from hailong.indices.engine import format_pct

if TYPE_CHECKING:
    from hailong.publication.models import Snapshot
    from hailong.publication.presenters import ResultsView

SIZE = (1200, 630)
BRAND = (163, 20, 27)
INK = (27, 31, 36)
MUTED = (74, 85, 96)
BAR = (11, 79, 156)
TRACK = (229, 233, 238)


def font(weight: str, size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    return pil_font(size, bold=weight == "bold")


def _fit(draw: ImageDraw.ImageDraw, text: str, weight: str, size: int, width: int) -> str:
    text = nfc(text)
    face = font(weight, size)
    if draw.textlength(text, font=face) <= width:
        return text
    while text and draw.textlength(text + "…", font=face) > width:
        text = text[:-1]
    return text + "…"


def results_png(view: ResultsView, snapshot: Snapshot, *, corrected: bool) -> bytes:
    """1. A red band with the committee's name. 2. The overall index, its interval and n.
    3. One bar per element. 4. Publication date (and "corrected"), method, where to read more."""
    img = Image.new("RGB", SIZE, "white")
    draw = ImageDraw.Draw(img)
    width, _height = SIZE
    draw.rectangle((0, 0, width, 92), fill=BRAND)
    title = _("UBND %(unit)s") % {"unit": view.unit_name}
    draw.text(
        (48, 22), _fit(draw, title, "bold", 40, width - 96), font=font("bold", 40), fill="white"
    )
    heading = _("Chỉ số hài lòng về sự phục vụ hành chính năm %(year)s") % {"year": view.year}
    draw.text(
        (48, 116), _fit(draw, heading, "bold", 34, width - 96), font=font("bold", 34), fill=INK
    )
    overall = view.overall
    if overall.value is not None:
        big = f"{format_pct(overall.value)}%"
        sub = _("Khoảng tin cậy 95%%: %(a)s–%(b)s%%") % {
            "a": format_pct(overall.ci[0]) if overall.ci else "–",
            "b": format_pct(overall.ci[1]) if overall.ci else "–",
        }
        sub2 = _("%(n)s phiếu hợp lệ") % {"n": f"{overall.n:,.0f}".replace(",", ".")}
    else:
        big = "–"
        sub = _("Dưới %(n)s phiếu: không công bố") % {"n": view.threshold}
        sub2 = ""
    draw.text((48, 170), big, font=font("bold", 120), fill=BAR)
    draw.text((52, 320), _fit(draw, sub, "regular", 26, 540), font=font("regular", 26), fill=MUTED)
    draw.text((52, 356), _fit(draw, sub2, "regular", 26, 540), font=font("regular", 26), fill=MUTED)
    _element_bars(draw, view, left=620, top=180, right=width - 48)
    date = f"{timezone.localtime(snapshot.published_at):%d/%m/%Y}"
    footer = (_("Đính chính ngày %(d)s") if corrected else _("Công bố ngày %(d)s")) % {"d": date}
    footer += f" · {view.method_label}"
    draw.line((48, 520, width - 48, 520), fill=TRACK, width=2)
    draw.text(
        (48, 540), _fit(draw, footer, "regular", 26, width - 96), font=font("regular", 26), fill=INK
    )
    if view.city and view.city.get("wards", 0) > 1:
        city = _("Trung bình %(city)s: %(v)s%%") % {
            "city": view.city["unit"]["name"],
            "v": format_pct(view.city["average"]),
        }
        wards = _("(%(k)s phường, xã đã công bố)") % {"k": view.city["wards"]}
        draw.text((52, 410), _fit(draw, city, "bold", 26, 540), font=font("bold", 26), fill=INK)
        draw.text(
            (52, 446), _fit(draw, wards, "regular", 26, 540), font=font("regular", 26), fill=INK
        )
    out = io.BytesIO()
    img.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _element_bars(
    draw: ImageDraw.ImageDraw, view: ResultsView, *, left: int, top: int, right: int
) -> None:
    rows = view.elements[:6]
    if not rows:
        return
    step = min(56, 320 // len(rows))
    label_w = 80
    for i, row in enumerate(rows):
        y = top + i * step
        draw.text((left, y + 4), row.code[:6], font=font("bold", 24), fill=INK)
        x0, x1 = left + label_w, right - 110
        draw.rectangle((x0, y + 6, x1, y + step - 16), fill=TRACK)
        if row.value is not None:
            x = x0 + (x1 - x0) * max(0.0, min(100.0, row.value)) / 100
            draw.rectangle((x0, y + 6, x, y + step - 16), fill=BAR)
            text = format_pct(row.value)
        else:
            text = "–"
        draw.text((x1 + 10, y + 4), text, font=font("regular", 24), fill=INK)
