"""Fixtures of the materials and attribution tests: Ngọc Hà's plan tied to a wave whose form
asks how the respondent heard of the survey, and responses written with their aggregates."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from hailong.campaigns.models import CampaignPlan
from hailong.campaigns.recurrence import LOCAL
from hailong.indices import aggregates
from hailong.responses.models import Response, Source
from hailong.surveys.models import SurveyWave
from hailong.surveys.testing import minimal_definition
from hailong.units.models import AdministrativeUnit
from tests.campaigns_fixtures import plan  # noqa: F401
from tests.conftest import Cast

HEARD_OPTIONS = [
    (1, "Loa phát thanh của phường, xã, tổ dân phố, thôn"),
    (2, "Họp tổ dân phố, thôn, khu dân cư"),
    (8, "Tờ rơi, áp phích"),
    (6, "Internet, mạng xã hội"),
    (7, "Kênh khác"),
]


def heard_definition(code: str = "phieu-kenh") -> dict[str, Any]:
    data = minimal_definition(code)
    data["scales"].append(
        {
            "code": "heard_via",
            "kind": "choice",
            "options": [{"value": v, "label": {"vi": label}} for v, label in HEARD_OPTIONS],
        }
    )
    data["items"].append(
        {
            "code": "KS",
            "text": "Ông/Bà biết đến cuộc khảo sát này qua kênh nào?",
            "type": "multi_choice",
            "scale": "heard_via",
            "required": False,
        }
    )
    return data


def heard_wave(unit: AdministrativeUnit, *, target: int = 50) -> SurveyWave:
    from hailong.surveys import services
    from hailong.surveys.models import RespondentType, WaveChannel

    method = services.method_create(actor=None, unit=unit, definition=heard_definition())
    version = services.method_version_publish(actor=None, version=method.versions.get(number=1))
    return services.wave_create(
        actor=None,
        unit=unit,
        method_version=version,
        name="Khảo sát sự hài lòng quý IV/2026",
        opens_on=dt.date(2026, 10, 1),
        closes_on=dt.date(2026, 12, 31),
        respondent_types=[RespondentType.INDIVIDUAL],
        target_sample=target,
        channels=[WaveChannel.PAPER],
    )


@pytest.fixture
def wave_plan(cast: Cast, plan: CampaignPlan) -> CampaignPlan:  # noqa: F811
    """Ngọc Hà's approved plan, tied to a wave (target 50) that asks the heard-via item."""
    wave = heard_wave(cast.ngoc_ha)
    CampaignPlan.objects.filter(pk=plan.pk).update(wave=wave)
    plan.refresh_from_db()
    return plan


def add_responses(
    wave: SurveyWave,
    source: Source | None,
    day: dt.date,
    count: int = 1,
    *,
    rating: int = 4,
    heard: list[int] | None = None,
    status: str = "valid",
) -> list[Response]:
    """``count`` responses on ``day`` (10:00 Vietnam time), counted in the aggregates."""
    rows = []
    for i in range(count):
        answers: dict[str, Any] = {"C1.1": rating, "GY": None}
        if heard is not None:
            answers["KS"] = heard
        rows.append(
            Response.objects.create(
                wave=wave,
                method_version_id=wave.method_version_id,
                unit_id=wave.unit_id,
                channel="web",
                source=source,
                answers=answers,
                submitted_at=dt.datetime.combine(day, dt.time(10, i % 50), tzinfo=LOCAL),
                status=status,
            )
        )
    aggregates.record(rows)
    return rows
