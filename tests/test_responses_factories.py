"""Helpers for the response tests: open waves on the built-in methods, valid raw answers."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache
from django.test import Client

from hailong.responses.questionnaire import caches_clear, form_for
from hailong.surveys import services as survey_services
from hailong.surveys.models import (
    Method,
    RespondentType,
    SurveyWave,
    VersionStatus,
    WaveChannel,
    WaveStatus,
)
from hailong.units.models import AdministrativeUnit

TODAY = dt.datetime.now(tz=ZoneInfo("Asia/Ho_Chi_Minh")).date()
SHORT = "ward-short-2026"
SIPAS_2017 = "sipas-2017"
SIPAS_2023 = "sipas-2023"


@pytest.fixture
def fresh_cache() -> Iterator[None]:
    """Empty rate-limit counters and form caches before and after the test."""
    cache.clear()
    caches_clear()
    yield
    cache.clear()
    caches_clear()


def open_wave(
    unit: AdministrativeUnit,
    method: str = SHORT,
    *,
    name: str = "Đợt thử trực tuyến",
    respondent_types: list[str] | None = None,
    channels: list[str] | None = None,
    status: str = WaveStatus.OPEN,
    opens_on: dt.date | None = None,
    closes_on: dt.date | None = None,
) -> SurveyWave:
    """An open wave of ``unit`` on a built-in method (loaded once)."""
    if not Method.objects.filter(owner=None, code=method).exists():
        survey_services.methods_load_builtin()
    version = Method.objects.get(owner=None, code=method).versions.get(
        status=VersionStatus.PUBLISHED
    )
    return survey_services.wave_create(
        actor=None,
        unit=unit,
        method_version=version,
        name=name,
        opens_on=opens_on or TODAY - dt.timedelta(days=10),
        closes_on=closes_on or TODAY + dt.timedelta(days=30),
        respondent_types=respondent_types or [RespondentType.INDIVIDUAL],
        target_sample=100,
        channels=channels or [WaveChannel.ONLINE, WaveChannel.KIOSK],
        status=status,
    )


def valid_raw(
    wave: SurveyWave, *, value: int = 5, text: str = "Chứng thực bản sao"
) -> dict[str, list[str]]:
    """Raw answers that fill every question of every page (first option where not ``value``)."""
    form = form_for(wave)
    raw: dict[str, list[str]] = {}
    for _page, question in form.questions():
        if question.scale is None:
            raw[question.name] = [text]
            continue
        values = [o.value for o in question.scale.options]
        choice = value if value in values else values[0]
        if question.code == "about.transaction_channel":
            choice = 1
        raw[question.name] = [str(choice)]
    return raw


def scale_names(wave: SurveyWave) -> list[str]:
    return [q.name for _p, q in form_for(wave).questions() if q.item.type == "scale"]


STEP = re.compile(r"/d/(?P<key>[\w-]+)/(?P<step>\d+)/")


def start(client: Client, wave: SurveyWave, path: str | None = None, **data: Any) -> str:
    """POST the start page; return the first page's URL."""
    url = path or f"/k/{wave.public_token}/"
    response = client.post(url, data)
    assert response.status_code == 302, response.content[:500]
    return str(response["Location"])


def fill_all(client: Client, wave: SurveyWave, first_url: str, raw: dict[str, list[str]]) -> Any:
    """Answer page after page with ``raw`` until the last page; return the last page's URL."""
    url = first_url
    for _ in range(40):
        page = client.get(url)
        assert page.status_code == 200, (url, page.status_code)
        if b'value="submit"' in page.content:
            return url
        names = set(re.findall(r'name="(q-[^"]+)"', page.content.decode()))
        data: dict[str, Any] = {n: raw[n] for n in names if n in raw}
        response = client.post(url, {**data, "action": "next"})
        assert response.status_code == 302, (url, response.content.decode()[:2000])
        url = str(response["Location"])
    raise AssertionError("the form never reached its last page")


def submit(client: Client, last_url: str, **contact: Any) -> Any:
    return client.post(last_url, {"action": "submit", **contact})
