"""A wave of Ngọc Hà on the short ward form with known answers, for the publication tests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from zoneinfo import ZoneInfo

from hailong.responses.services import response_submit
from hailong.surveys.models import SurveyWave
from hailong.units.models import AdministrativeUnit
from tests.test_responses_factories import open_wave, valid_raw

LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")


def ward_wave(unit: AdministrativeUnit, values: Sequence[int] = (5, 5, 4, 2)) -> SurveyWave:
    """An open wave of ``unit`` with one response per value (every scale item gets it)."""
    wave = open_wave(unit)
    add_responses(wave, values)
    return wave


def add_responses(
    wave: SurveyWave, values: Sequence[int], text: str = "Chứng thực bản sao"
) -> None:
    moment = dt.datetime.combine(wave.opens_on, dt.time(10), tzinfo=LOCAL)
    for value in values:
        response_submit(
            wave=wave,
            channel="web",
            answers_raw=valid_raw(wave, value=value, text=text),
            respondent_raw={},
            now=moment,
        )


def scope_key(wave: SurveyWave) -> str:
    return f"dot-{wave.pk}"
