"""Short links, QR codes and printable PDFs (A4 poster, A6 desk card) of a wave's sources.

QR codes are segno SVG (no dependencies, error correction M so a creased leaflet still scans);
PDFs are WeasyPrint from HTML templates with fonts that carry every Vietnamese letter
(Liberation Sans / Noto Sans from ``fonts-liberation2`` and ``fonts-noto-core``).
"""

from __future__ import annotations

import segno
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from hailong.responses.models import Source
from hailong.surveys.models import SurveyWave

POSTER = "poster"
CARD = "card"
FORMATS = {POSTER: "responses/print/poster.html", CARD: "responses/print/card.html"}


def wave_path(wave: SurveyWave) -> str:
    return reverse("survey_form:start", args=[wave.public_token])


def source_path(source: Source) -> str:
    return reverse("survey_form:start_source", args=[source.wave.public_token, source.token])


def absolute(path: str) -> str:
    return f"{str(settings.SITE_URL).rstrip('/')}{path}"


def qr_svg_markup(url: str, *, scale: int = 4) -> str:
    """The bare ``<svg>`` of ``url``'s QR code (generated markup, no user text inside)."""
    svg: str = segno.make(url, error="m").svg_inline(scale=scale, border=2, omitsize=False)
    return svg


def qr_svg(url: str, *, label: str, scale: int = 4) -> SafeString:
    """An inline QR code labelled for screen readers."""
    svg = mark_safe(qr_svg_markup(url, scale=scale))  # noqa: S308 (segno output, no user text)
    return format_html('<div class="qr" role="img" aria-label="{}">{}</div>', label, svg)


def qr_svg_file(url: str) -> bytes:
    """A standalone SVG file of the QR code, for designers and print shops."""
    svg: str = segno.make(url, error="m").svg_inline(scale=10, border=4)
    return ('<?xml version="1.0" encoding="utf-8"?>\n' + svg).encode()


def call_to_action(wave: SurveyWave) -> str:
    return _(
        "Quét mã để đánh giá sự phục vụ của UBND %(unit)s — chỉ mất 3 phút, không cần ghi tên"
    ) % {"unit": unit_in_sentence(wave.unit.name)}


def unit_in_sentence(name: str) -> str:
    """ "Phường Ngọc Hà" → "phường Ngọc Hà" (the kind is not a proper noun mid-sentence)."""
    return name[:1].lower() + name[1:] if name else name


def printable_pdf(source: Source, kind: str) -> bytes:
    """The A4 poster or the A6 desk card of ``source`` as PDF bytes."""
    from weasyprint import HTML

    url = absolute(source_path(source))
    html = render_to_string(
        FORMATS[kind],
        {
            "wave": source.wave,
            "unit": source.wave.unit,
            "source": source,
            "url": url,
            "short_url": url.split("://", 1)[-1],
            "qr": mark_safe(qr_svg_markup(url, scale=10)),  # noqa: S308 (segno output)
            "call_to_action": call_to_action(source.wave),
        },
    )
    pdf: bytes = HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()
    return pdf
