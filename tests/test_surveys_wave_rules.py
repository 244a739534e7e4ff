"""A survey wave needs a published method version usable by its unit, and dates in order."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import IntegrityError, transaction

from hailong.core.errors import PermissionDenied, ServiceError
from hailong.surveys import services
from hailong.surveys.models import MethodVersion, SurveyWave, WaveStatus
from hailong.surveys.testing import ward_method
from tests.conftest import Cast


@pytest.fixture
def version(cast: Cast) -> MethodVersion:
    services.methods_load_builtin()
    return MethodVersion.objects.get(method__code="sipas-2023", method__owner=None)


def fields(version: MethodVersion, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "method_version": version,
        "name": "Khảo sát năm 2026",
        "opens_on": dt.date(2026, 9, 1),
        "closes_on": dt.date(2026, 11, 30),
        "respondent_types": ["individual"],
        "target_sample": 200,
        "channels": ["paper", "online"],
    }
    return {**data, **changes}


def test_a_leader_creates_a_wave_with_an_unguessable_token(
    cast: Cast, version: MethodVersion
) -> None:
    wave = services.wave_create(actor=cast.alice, unit=cast.ngoc_ha, **fields(version))
    other = services.wave_create(actor=cast.alice, unit=cast.ngoc_ha, **fields(version, name="B"))
    assert wave.status == WaveStatus.PLANNED
    assert wave.created_by == cast.alice
    assert len(wave.public_token) >= 20
    assert wave.public_token != other.public_token


def test_dates_out_of_order_are_refused_by_the_service(cast: Cast, version: MethodVersion) -> None:
    with pytest.raises(ServiceError, match="trước ngày bắt đầu") as info:
        services.wave_create(
            actor=cast.alice, unit=cast.ngoc_ha, **fields(version, closes_on=dt.date(2026, 8, 1))
        )
    assert info.value.field == "closes_on"


def test_dates_out_of_order_are_refused_by_the_database(cast: Cast, version: MethodVersion) -> None:
    wave = services.wave_create(actor=cast.alice, unit=cast.ngoc_ha, **fields(version))
    with pytest.raises(IntegrityError), transaction.atomic():
        SurveyWave.objects.filter(pk=wave.pk).update(closes_on=dt.date(2026, 1, 1))


def test_a_draft_method_version_is_refused(cast: Cast) -> None:
    draft = ward_method(cast.ngoc_ha).versions.get()
    with pytest.raises(ServiceError, match="đã ban hành") as info:
        services.wave_create(actor=cast.alice, unit=cast.ngoc_ha, **fields(draft))
    assert info.value.field == "method_version"


def test_another_wards_method_is_refused(cast: Cast) -> None:
    method = ward_method(cast.kinh_bac)
    published = services.method_version_publish(actor=None, version=method.versions.get())
    with pytest.raises(ServiceError, match="thuộc đơn vị khác"):
        services.wave_create(actor=cast.alice, unit=cast.ngoc_ha, **fields(published))


def test_a_city_method_may_be_used_by_its_wards(cast: Cast) -> None:
    method = ward_method(cast.hanoi, code="ha-noi-2025")
    published = services.method_version_publish(actor=None, version=method.versions.get())
    wave = services.wave_create(actor=cast.alice, unit=cast.ngoc_ha, **fields(published))
    assert wave.method_version == published


def test_empty_lists_unknown_words_and_a_zero_target_are_refused(
    cast: Cast, version: MethodVersion
) -> None:
    for changes, field in [
        ({"respondent_types": []}, "respondent_types"),
        ({"channels": ["fax"]}, "channels"),
        ({"target_sample": 0}, "target_sample"),
        ({"name": "  "}, "name"),
    ]:
        with pytest.raises(ServiceError) as info:
            services.wave_create(actor=cast.alice, unit=cast.ngoc_ha, **fields(version, **changes))
        assert info.value.field == field


def test_a_viewer_may_not_create_a_wave(cast: Cast, version: MethodVersion) -> None:
    with pytest.raises(PermissionDenied):
        services.wave_create(actor=cast.bob, unit=cast.ngoc_ha, **fields(version))


def test_updating_keeps_the_rules_and_freezes_the_method_once_open(
    cast: Cast, version: MethodVersion
) -> None:
    wave = services.wave_create(actor=cast.alice, unit=cast.ngoc_ha, **fields(version))
    services.wave_update(actor=cast.alice, wave=wave, status=WaveStatus.OPEN, target_sample=250)
    wave.refresh_from_db()
    assert (wave.status, wave.target_sample) == (WaveStatus.OPEN, 250)
    other = MethodVersion.objects.get(method__code="sipas-2017")
    with pytest.raises(ServiceError, match="còn đang chuẩn bị"):
        services.wave_update(actor=cast.alice, wave=wave, method_version=other)
    with pytest.raises(ServiceError, match="trước ngày bắt đầu"):
        services.wave_update(actor=cast.alice, wave=wave, closes_on=dt.date(2026, 1, 1))
