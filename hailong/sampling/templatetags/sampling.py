"""``{% sampling_progress wave %}`` (progress per stratum, on the wave page) and ``vi_decimal``."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django import template

from hailong.sampling.selectors import wave_progress
from hailong.surveys.models import SurveyWave

register = template.Library()


@register.inclusion_tag("sampling/_progress.html")
def sampling_progress(wave: SurveyWave) -> dict[str, Any]:
    return {"wave": wave, "progress": wave_progress(wave)}


@register.filter
def vi_decimal(value: object) -> str:
    """``"0.050"`` → ``"0,05"``: a stored decimal written the Vietnamese way, without padding."""
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return str(value)
    return format(number.normalize(), "f").replace(".", ",")
