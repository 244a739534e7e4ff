"""Template filters for citizen-facing text."""

from __future__ import annotations

from django import template

from hailong.responses.printing import unit_in_sentence

register = template.Library()


@register.filter
def in_sentence(name: str) -> str:
    """``Phường Ngọc Hà`` → ``phường Ngọc Hà``, as the name reads after "Ủy ban nhân dân"."""
    return unit_in_sentence(str(name))
