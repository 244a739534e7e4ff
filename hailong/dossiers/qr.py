"""The public rating link of a dossier and its QR code (segno, inline SVG, no dependencies)."""

from __future__ import annotations

import segno
from django.conf import settings
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from hailong.dossiers.models import Dossier, DossierRatingPoint


def rating_path(point: DossierRatingPoint, dossier: Dossier | None = None) -> str:
    """Path of the unit's rating page, or of one dossier's."""
    if dossier is None:
        return reverse("dossier_rating:start", args=[point.token])
    return reverse("dossier_rating:dossier", args=[point.token, dossier.code])


def rating_url(point: DossierRatingPoint, dossier: Dossier | None = None) -> str:
    """Absolute URL of the rating page (what the receipt's QR code holds), from ``SITE_URL``."""
    return f"{str(settings.SITE_URL).rstrip('/')}{rating_path(point, dossier)}"


def qr_svg(url: str, *, label: str, scale: int = 4) -> SafeString:
    """An inline SVG QR code of ``url`` (error correction M), labelled for screen readers."""
    svg = segno.make(url, error="m").svg_inline(scale=scale, border=2, omitsize=False)
    # segno's output is generated markup with no user text in it.
    return format_html('<div class="qr" role="img" aria-label="{}">{}</div>', label, mark_safe(svg))  # noqa: S308
