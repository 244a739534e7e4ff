"""Helpers for the index dashboard tests: responses with chosen answers, pages as text."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.test import Client

from hailong.responses.models import Response
from hailong.responses.services import response_submit
from hailong.surveys.models import SurveyWave
from hailong.units.models import AdministrativeUnit


def answer(
    wave: SurveyWave,
    value: int = 5,
    *,
    items: dict[str, int] | None = None,
    channel: str = "web",
    gender: int | None = None,
    when: dt.datetime | None = None,
    text: str = "Chứng thực bản sao",
    **kwargs: Any,
) -> Response:
    """Submit one response through ``response_submit``: every scale item ``value`` except
    ``items`` (code → value), optionally a gender, at ``when``."""
    from tests.test_responses_factories import valid_raw

    raw = valid_raw(wave, value=value, text=text)
    for code, item_value in (items or {}).items():
        raw[f"q-{code}"] = [str(item_value)]
    if gender is not None:
        raw["q-r.gender"] = [str(gender)]
    return response_submit(
        wave=wave, channel=channel, answers_raw=raw, respondent_raw={}, now=when, **kwargs
    )


def dashboard_url(unit: AdministrativeUnit, **params: Any) -> str:
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return f"/staff/don-vi/{unit.pk}/chi-so/" + (f"?{query}" if query else "")


def text_of(response: Any) -> str:
    """The page's visible text, tags dropped and spaces squeezed (for ``in`` checks)."""
    html = response.content.decode()
    html = re.sub(r"<(script|style|svg)\b.*?</\1>", " ", html, flags=re.DOTALL)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def get(client: Client, url: str, **headers: Any) -> Any:
    response = client.get(url, **headers)
    assert response.status_code == 200, response.content[:500]
    return response
