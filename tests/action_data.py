"""A survey wave of Ngọc Hà with known answers, for the improvement-action and report tests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from zoneinfo import ZoneInfo

from hailong.responses.questionnaire import form_for
from hailong.responses.services import response_submit
from hailong.surveys.models import SurveyWave
from hailong.units.models import AdministrativeUnit
from tests.test_responses_factories import SIPAS_2017, open_wave, valid_raw

LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")


def answered_wave(
    unit: AdministrativeUnit,
    c11: Sequence[int] = (5, 4, 2, 1),
    *,
    method: str = SIPAS_2017,
    name: str = "Đợt thử trực tuyến",
    opens_on: dt.date | None = None,
    closes_on: dt.date | None = None,
    weak: str = "C1.1",
) -> SurveyWave:
    """An open wave with one response per value in ``c11``: item ``weak`` gets that value,
    every other item 5 (so ``weak`` is the weakest: C1.1 at 50 % with the default values)."""
    wave = open_wave(unit, method, name=name, opens_on=opens_on, closes_on=closes_on)
    answer(wave, c11, weak=weak)
    return wave


def answer(wave: SurveyWave, values: Sequence[int], *, weak: str = "C1.1") -> None:
    """One response per value, given on the wave's first day (10:00 in Vietnam)."""
    names = {q.code: q.name for _page, q in form_for(wave).questions()}
    moment = dt.datetime.combine(wave.opens_on, dt.time(10), tzinfo=LOCAL)
    for value in values:
        raw = valid_raw(wave, value=5)
        raw[names[weak]] = [str(value)]
        response_submit(wave=wave, channel="web", answers_raw=raw, respondent_raw={}, now=moment)
