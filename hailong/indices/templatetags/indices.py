"""Template filters of the dashboards: every percentage through ``format_pct`` (the one rounding,
two decimals, decimal comma; a missing figure is "–", never 100)."""

from __future__ import annotations

from django import template

from hailong.indices.engine import format_pct

register = template.Library()


@register.filter
def pct(value: float | None) -> str:
    """``86.5049`` → ``86,50``; ``None`` → ``–``."""
    return format_pct(value)


@register.filter
def interval(value: tuple[float, float] | None) -> str:
    """``(80.1, 90.26)`` → ``80,10–90,26``; ``None`` → ``–``."""
    if value is None:
        return "–"
    return f"{format_pct(value[0])}–{format_pct(value[1])}"


@register.filter
def count(value: float | None) -> str:
    """A count with a dot for thousands; a weighted (mapped) count keeps one decimal."""
    if value is None:
        return "–"
    if abs(value - round(value)) < 1e-9:
        return f"{round(value):,}".replace(",", ".")
    whole = f"{value:,.1f}"
    return whole.replace(",", " ").replace(".", ",").replace(" ", ".")


@register.filter
def mean(value: float | None) -> str:
    """A mean score (1–5) with two decimals and a decimal comma."""
    return "–" if value is None else f"{value:.2f}".replace(".", ",")


@register.filter
def share(part: float | None, whole: float | None) -> str:
    """``part`` as a percentage of ``whole``, formatted; "–" when ``whole`` is 0."""
    if not whole or part is None:
        return "–"
    return format_pct(100 * part / whole)


@register.filter
def get_item(mapping: dict[str, object] | None, key: str) -> object:
    """``answers|get_item:"C1.1"`` (item codes contain dots, so no ``answers.C1.1``)."""
    return mapping.get(key) if isinstance(mapping, dict) else None
