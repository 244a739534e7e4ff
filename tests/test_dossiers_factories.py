"""Factories the dossier tests share (imported from here), and checks that they make valid data."""

from __future__ import annotations

import csv
import datetime as dt
import io
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.cache import cache
from django.urls import reverse
from openpyxl import Workbook

from hailong.dossiers.catalogue import procedures_load_fixture
from hailong.dossiers.models import Dossier, Procedure
from hailong.units.models import AdministrativeUnit, Officer
from tests.conftest import Cast

HEADER = [
    "STT",
    "Mã hồ sơ",
    "Thủ tục",
    "Lĩnh vực",
    "Ngày tiếp nhận",
    "Ngày hẹn trả",
    "Ngày trả kết quả",
    "Cán bộ xử lý",
]


VALID_DATA = {
    "code": "000.04.01.H26-260302-0001",
    "procedure_code": "1.001193",
    "received_on": "02/03/2026",
    "due_on": "03/03/2026",
    "returned_on": "03/03/2026",
}


def load_catalogue() -> dict[str, Procedure]:
    procedures_load_fixture()
    return {p.code: p for p in Procedure.objects.select_related("field")}


@pytest.fixture
def catalogue(db: None) -> dict[str, Procedure]:
    return load_catalogue()


@pytest.fixture
def media(settings: object, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path  # type: ignore[attr-defined]
    return tmp_path


@pytest.fixture
def fresh_cache() -> Iterator[None]:
    cache.clear()
    yield
    cache.clear()


def make_dossier(
    unit: AdministrativeUnit,
    code: str,
    procedure: Procedure,
    *,
    received: dt.date = dt.date(2026, 3, 2),
    due: dt.date = dt.date(2026, 3, 5),
    returned: dt.date | None = dt.date(2026, 3, 4),
    officer: Officer | None = None,
) -> Dossier:
    return Dossier.objects.create(
        unit=unit,
        code=code,
        procedure=procedure,
        received_on=received,
        due_on=due,
        returned_on=returned,
        officer=officer,
        department=officer.department if officer else None,
    )


def row(n: int, **overrides: object) -> list[object]:
    """A valid export row for dossier number ``n`` (Đăng ký khai sinh, handled by Đỗ Quang Huy)."""
    values: dict[str, object] = {
        "STT": n,
        "Mã hồ sơ": f"000.04.01.H26-260302-{n:04d}",
        "Thủ tục": "Đăng ký khai sinh",
        "Lĩnh vực": "Hộ tịch",
        "Ngày tiếp nhận": "02/03/2026",
        "Ngày hẹn trả": "03/03/2026",
        "Ngày trả kết quả": "03/03/2026",
        "Cán bộ xử lý": "Đỗ Quang Huy",
    }
    values.update({k.replace("_", " "): v for k, v in overrides.items()})
    return [values[h] for h in HEADER]


def xlsx_bytes(rows: list[list[object]], header: list[str] | None = None) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(header or HEADER)
    for cells in rows:
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_bytes(
    rows: list[list[object]], header: list[str] | None = None, *, encoding: str = "utf-8"
) -> bytes:
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(header or HEADER)
    writer.writerows(rows)
    if encoding == "cp1258":
        return windows_1258(text.getvalue())
    return text.getvalue().encode(encoding)


def windows_1258(text: str) -> bytes:
    """Encode as Windows does: â ă ê ô ơ ư đ precomposed, tone marks as combining characters."""
    shape_marks = "\u0302\u0306\u031b"
    out: list[str] = []
    for ch in unicodedata.normalize("NFD", text):
        if not unicodedata.combining(ch):
            out.append(ch)
        elif ch in shape_marks:
            base, tones = out[-1][0], out[-1][1:]
            out[-1] = unicodedata.normalize("NFC", base + ch) + tones
        else:
            out[-1] += ch
    return "".join(out).encode("cp1258")


def upload(client: object, unit: AdministrativeUnit, name: str, content: bytes) -> object:
    """POST a file to the upload page; the response redirects to the mapping page."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    url = reverse("dossiers:import_upload", args=[unit.pk])
    return client.post(url, {"file": SimpleUploadedFile(name, content)})  # type: ignore[attr-defined]


def test_the_factories_make_a_dossier_the_database_accepts(
    cast: Cast, catalogue: dict[str, Procedure]
) -> None:
    dossier = make_dossier(cast.ngoc_ha, "A-1", catalogue["1.001193"], officer=cast.officer)
    dossier.refresh_from_db()
    assert dossier.on_time is True
    assert dossier.department == cast.department


def test_the_factory_rows_line_up_with_the_header() -> None:
    assert len(row(1)) == len(HEADER)
    assert row(2, Ngày_hẹn_trả="x")[HEADER.index("Ngày hẹn trả")] == "x"
