"""``{{ value|pct }}`` (the project's one rounding: ``86,50``) and ``{{ value|points }}``."""

from __future__ import annotations

from decimal import Decimal

from django import template

from hailong.indices.engine import format_pct
from hailong.performance.points import format_points

register = template.Library()


@register.filter
def pct(value: float | Decimal | None) -> str:
    """``86.5049`` → ``"86,50"``; no data → ``"–"`` (never 0 or 100)."""
    return format_pct(float(value) if isinstance(value, Decimal) else value)


@register.filter
def points(value: Decimal | None) -> str:
    return format_points(value)


@register.filter
def count(value: float | None) -> str:
    """A count with dot thousands: ``1848`` → ``"1.848"``."""
    if value is None:
        return "–"
    return f"{round(value):,}".replace(",", ".")
