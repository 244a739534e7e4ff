"""Helpers for tests (and the scope test's examples): small methods and waves of a unit."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from hailong.surveys.models import Method, SurveyWave
    from hailong.units.models import AdministrativeUnit


def minimal_definition(code: str = "phieu-thu", **changes: Any) -> dict[str, Any]:
    """A valid two-item definition: one element of a 5-level scale, one open comment."""
    levels = ["Rất không hài lòng", "Không hài lòng", "Bình thường", "Hài lòng", "Rất hài lòng"]
    data: dict[str, Any] = {
        "code": code,
        "name": {"vi": "Phiếu thử", "en": "Test form"},
        "scales": [
            {
                "code": "hl5",
                "kind": "rating",
                "options": [{"value": i, "label": {"vi": v}} for i, v in enumerate(levels, 1)],
            }
        ],
        "elements": [{"code": "E1", "name": "Công chức", "items": ["C1.1"]}],
        "items": [
            {"code": "C1.1", "text": "Công chức lịch sự.", "type": "scale", "scale": "hl5"},
            {"code": "GY", "text": "Ý kiến khác", "type": "text", "scale": None},
        ],
    }
    data.update(changes)
    return data


def ward_method(unit: AdministrativeUnit, code: str = "phieu-thu") -> Method:
    """The unit's method ``code`` with a draft v1 (created once)."""
    from hailong.surveys import services
    from hailong.surveys.models import Method

    existing = Method.objects.filter(owner=unit, code=code).first()
    if existing is not None:
        return existing
    return services.method_create(actor=None, unit=unit, definition=minimal_definition(code))


def ward_wave(unit: AdministrativeUnit, name: str = "Đợt thử") -> SurveyWave:
    """A wave of the unit on its own published method (created once)."""
    from hailong.surveys import services
    from hailong.surveys.models import RespondentType, SurveyWave, WaveChannel

    existing = SurveyWave.objects.filter(unit=unit, name=name).first()
    if existing is not None:
        return existing
    method = ward_method(unit)
    version = method.versions.get(number=1)
    if version.is_draft:
        version = services.method_version_publish(actor=None, version=version)
    return services.wave_create(
        actor=None,
        unit=unit,
        method_version=version,
        name=name,
        opens_on=dt.date(2026, 9, 1),
        closes_on=dt.date(2026, 11, 30),
        respondent_types=[RespondentType.INDIVIDUAL],
        target_sample=100,
        channels=[WaveChannel.PAPER],
    )
