"""Tiny hand-built SVG bar charts (a few hundred bytes per bar), for the public pages.

matplotlib's SVGs are ~9 KB each with paths for every glyph's box; a public page carries several
charts and must stay under 50 KB, so these are drawn directly: one ``<rect>`` and two ``<text>``
per bar, a scale of 0–100 %, an optional reference line (the city average). The chart is an
image with a title and a description (``role="img"``); the data table beside it is the accessible
alternative and carries every figure.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from hailong.indices.engine import format_pct

WIDTH = 320  # viewBox units; the SVG scales to the column's width
LABEL_W = 64
BAR_H = 18
GAP = 8
TOP = 6
VALUE_W = 44
INK = "#1b1f24"
BAR = "#0b4f9c"
MUTED = "#4a5560"
REF = "#a3141b"


@dataclass(frozen=True)
class Bar:
    label: str  # short: a code, a month, a year (the table has the full words)
    value: float | None  # percent 0..100; None = no figure (suppressed or no data)
    note: str = ""  # what to print instead of a figure ("–", "< 10")


def bar_chart(
    chart_id: str,
    title: str,
    description: str,
    bars: Sequence[Bar],
    *,
    reference: float | None = None,
    reference_label: str = "",
) -> SafeString:
    """Horizontal bars, 0–100 %, labels left, values right; ``reference`` draws a dashed line."""
    plot_w = WIDTH - LABEL_W - VALUE_W
    height = TOP * 2 + len(bars) * (BAR_H + GAP) + (14 if reference is not None else 0)
    parts = [
        f'<svg class="bars" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-labelledby="{chart_id}-t {chart_id}-d" xmlns="http://www.w3.org/2000/svg" '
        f'font-size="11" font-family="system-ui,sans-serif">',
        f'<title id="{chart_id}-t">{escape(title)}</title>',
        f'<desc id="{chart_id}-d">{escape(description)}</desc>',
    ]
    y = TOP
    for bar in bars:
        mid = y + BAR_H / 2 + 4
        parts.append(
            f'<text x="{LABEL_W - 4}" y="{mid:g}" text-anchor="end" fill="{INK}">'
            f"{escape(bar.label[:12])}</text>"
        )
        if bar.value is not None:
            w = max(0.0, min(100.0, bar.value)) * plot_w / 100
            parts.append(
                f'<rect x="{LABEL_W}" y="{y}" width="{w:.1f}" height="{BAR_H}" fill="{BAR}"/>'
            )
            text = format_pct(bar.value)
            parts.append(f'<text x="{LABEL_W + w + 3:.1f}" y="{mid:g}" fill="{INK}">{text}</text>')
        else:
            note = escape(bar.note or "–")
            parts.append(f'<text x="{LABEL_W + 3}" y="{mid:g}" fill="{MUTED}">{note}</text>')
        y += BAR_H + GAP
    if reference is not None:
        x = LABEL_W + max(0.0, min(100.0, reference)) * plot_w / 100
        parts.append(
            f'<line x1="{x:.1f}" y1="{TOP - 2}" x2="{x:.1f}" y2="{y - GAP + 2}" stroke="{REF}" '
            f'stroke-width="2" stroke-dasharray="4 3"/>'
        )
        anchor = "end" if x > WIDTH - 60 else "middle"
        parts.append(
            f'<text x="{x:.1f}" y="{y + 8}" text-anchor="{anchor}" fill="{REF}">'
            f"{escape(reference_label)} {format_pct(reference)}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 (every text above is escaped)
