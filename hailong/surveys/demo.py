"""Demo: the built-in methods, and Vĩnh Phúc's 2022 (2017 method) and 2023 (2023 method) waves."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from django.urls import reverse

from hailong.core.demo import DemoContext
from hailong.surveys import services
from hailong.surveys.models import (
    Method,
    MethodVersion,
    RespondentType,
    SurveyWave,
    VersionStatus,
    WaveChannel,
    WaveStatus,
)
from hailong.units.models import AdministrativeUnit


class DemoWave(NamedTuple):
    key: str
    method_code: str
    name: str
    opens_on: dt.date
    closes_on: dt.date
    target_sample: int
    respondent_types: list[str]
    channels: list[str]


WAVES = [
    DemoWave(
        "wave_2022",
        "sipas-2017",
        "Khảo sát sự hài lòng năm 2022",
        dt.date(2022, 8, 1),
        dt.date(2022, 10, 31),
        150,
        [RespondentType.INDIVIDUAL, RespondentType.ORGANISATION],
        [WaveChannel.PAPER, WaveChannel.KIOSK, WaveChannel.ONLINE],
    ),
    DemoWave(
        "wave_2023",
        "sipas-2023",
        "Khảo sát sự hài lòng năm 2023",
        dt.date(2023, 9, 1),
        dt.date(2023, 11, 30),
        200,
        [RespondentType.INDIVIDUAL],
        [WaveChannel.PAPER, WaveChannel.PHONE, WaveChannel.ONLINE],
    ),
]


def _published(code: str) -> MethodVersion:
    method = Method.objects.get(owner=None, code=code)
    return method.versions.get(status=VersionStatus.PUBLISHED)


def _wave(ward: AdministrativeUnit, row: DemoWave) -> SurveyWave:
    existing = SurveyWave.objects.filter(unit=ward, name=row.name).first()
    if existing is not None:
        return existing
    return services.wave_create(
        actor=None,
        unit=ward,
        method_version=_published(row.method_code),
        name=row.name,
        opens_on=row.opens_on,
        closes_on=row.closes_on,
        respondent_types=row.respondent_types,
        target_sample=row.target_sample,
        channels=row.channels,
        status=WaveStatus.CLOSED,
    )


def seed(ctx: DemoContext) -> None:
    created = services.methods_load_builtin()
    ward: AdministrativeUnit = ctx.objects["vinh_phuc"]
    for row in WAVES:
        ctx.objects[row.key] = _wave(ward, row)
    ctx.urls.append(("Phương pháp đo lường / methods", reverse("surveys:method_list")))
    ctx.urls.append(
        ("Đợt khảo sát Vĩnh Phúc / Vĩnh Phúc waves", reverse("surveys:wave_list", args=[ward.pk]))
    )
    ctx.log(
        f"phương pháp: {Method.objects.filter(owner=None).count()} dựng sẵn"
        f" ({len(created)} phiên bản mới); đợt khảo sát Vĩnh Phúc: {len(WAVES)}"
    )
