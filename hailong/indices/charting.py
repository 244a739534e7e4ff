"""The dashboards' charts, drawn by ``hailong.reports.charts`` and kept in the cache.

Drawing a chart with matplotlib costs 0.1–0.6 s; the same data always gives the same SVG, so a
chart is cached under a hash of its kind, arguments and language, and a page whose figures did
not change is served without drawing anything.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.utils.translation import get_language

from hailong.reports import charts

TIMEOUT_S = 24 * 3600
BUILDERS: dict[str, Callable[..., charts.Chart]] = {
    "bar": charts.bar_chart,
    "stacked": charts.stacked_distribution,
    "line": charts.line_chart,
}


@dataclass(frozen=True)
class ChartView:
    """What a page needs of a chart (``{% chart_svg %}`` and ``reports/_chart_table.html``)."""

    svg: str
    title: str
    description: str
    table: charts.ChartTable


def chart(kind: str, *args: Any, **kwargs: Any) -> ChartView:
    """``charts.<kind>(*args, **kwargs)``, from the cache when it was drawn before."""
    spec = repr((kind, args, sorted(kwargs.items()), get_language()))
    key = "indices-chart:" + hashlib.sha256(spec.encode()).hexdigest()
    found = cache.get(key)
    if isinstance(found, ChartView):
        return found
    drawn = BUILDERS[kind](*args, **kwargs)
    view = ChartView(drawn.svg, drawn.title, drawn.description, drawn.table)
    cache.set(key, view, TIMEOUT_S)
    return view
