"""``{% chart_svg chart %}``: inline a chart's SVG (built by us from our own data, so safe)."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString, mark_safe

from hailong.reports.charts import Chart

register = template.Library()


@register.simple_tag
def chart_svg(chart: Chart) -> SafeString:
    """The chart's SVG, labelled with its title and description.

    Safe to mark: ``hailong.reports.charts`` writes the markup itself, and every label in it has
    passed through matplotlib's XML escaping (and ``html.escape`` for the title and desc).
    """
    return mark_safe(chart.svg)  # noqa: S308
