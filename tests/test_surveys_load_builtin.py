"""Loading the built-in methods is idempotent; a changed file publishes the next version."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from hailong.campaigns import attribution
from hailong.surveys.builtin import BUILTIN_DIR
from hailong.surveys.models import (
    Method,
    MethodVersion,
    RespondentType,
    SurveyWave,
    VersionStatus,
    WaveChannel,
)
from hailong.surveys.services import methods_load_builtin, wave_create
from tests.conftest import Cast

pytestmark = pytest.mark.django_db


def test_loading_creates_one_published_version_per_builtin_method() -> None:
    created = methods_load_builtin()
    assert sorted(v.method.code for v in created) == [
        "dossier-766",
        "sipas-2017",
        "sipas-2023",
        "ward-short-2026",
    ]
    assert all(v.status == VersionStatus.PUBLISHED and v.number == 1 for v in created)
    assert Method.objects.filter(owner__isnull=True).count() == 4


def test_loading_twice_changes_nothing() -> None:
    methods_load_builtin()
    assert methods_load_builtin() == []
    assert MethodVersion.objects.count() == 4


def test_a_changed_file_publishes_version_2_and_retires_version_1(tmp_path: Path) -> None:
    methods_load_builtin()
    shutil.copy(BUILTIN_DIR / "sipas-2017.json", tmp_path / "sipas-2017.json")
    data = json.loads((tmp_path / "sipas-2017.json").read_text(encoding="utf-8"))
    data["items"][0]["text"]["vi"] = "Nơi ngồi chờ có đủ ghế ngồi."
    (tmp_path / "sipas-2017.json").write_text(json.dumps(data, ensure_ascii=False))

    (created,) = methods_load_builtin(directory=tmp_path)

    assert (created.method.code, created.number, created.status) == ("sipas-2017", 2, "published")
    first = MethodVersion.objects.get(method__code="sipas-2017", number=1)
    assert first.status == VersionStatus.RETIRED
    assert first.definition["items"][0]["text"]["vi"].startswith("Nơi ngồi chờ giải quyết")
    assert methods_load_builtin(directory=tmp_path) == []


def test_adding_the_heard_via_item_publishes_a_new_2023_version_and_waves_keep_theirs(
    tmp_path: Path, cast: Cast
) -> None:
    """A wave created on the 2023 form as it was before KS keeps that version when loading the
    shipped files publishes the form with KS as the next one."""
    for path in BUILTIN_DIR.glob("*.json"):
        shutil.copy(path, tmp_path / path.name)
    data = json.loads((tmp_path / "sipas-2023.json").read_text(encoding="utf-8"))
    data["items"] = [i for i in data["items"] if i["code"] != "KS"]
    data["groups"] = [g for g in data["groups"] if g["code"] != "KS"]
    data["scales"] = [s for s in data["scales"] if s["code"] != "heard_via"]
    (tmp_path / "sipas-2023.json").write_text(json.dumps(data, ensure_ascii=False))
    methods_load_builtin(directory=tmp_path)
    old = MethodVersion.objects.get(method__code="sipas-2023", number=1)
    wave = _wave(cast, old, "Đợt cũ")

    (created,) = methods_load_builtin()  # the shipped files: only sipas-2023 changed

    assert (created.method.code, created.number, created.status) == ("sipas-2023", 2, "published")
    old.refresh_from_db()
    assert old.status == VersionStatus.RETIRED
    wave.refresh_from_db()
    assert wave.method_version_id == old.pk  # the existing wave keeps its form …
    assert "KS" not in {i.code for i in wave.method_version.parsed().items}
    assert attribution.heard_via_item(wave) == ("", {})  # … and the page says it does not ask
    new_wave = _wave(cast, created, "Đợt mới")
    code, labels = attribution.heard_via_item(new_wave)
    assert (code, labels[8]) == ("KS", "Tờ rơi, áp phích")
    assert methods_load_builtin() == []


def _wave(cast: Cast, version: MethodVersion, name: str) -> SurveyWave:
    return wave_create(
        actor=None,
        unit=cast.ngoc_ha,
        method_version=version,
        name=name,
        opens_on=dt.date(2026, 9, 1),
        closes_on=dt.date(2026, 11, 30),
        respondent_types=[RespondentType.INDIVIDUAL],
        target_sample=100,
        channels=[WaveChannel.PAPER],
    )
