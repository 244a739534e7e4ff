"""Loading the built-in methods is idempotent; a changed file publishes the next version."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from hailong.surveys.builtin import BUILTIN_DIR
from hailong.surveys.models import Method, MethodVersion, VersionStatus
from hailong.surveys.services import methods_load_builtin

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
