"""How fast the national list (34 provinces, 3,321 communes) imports. Not in the default run:

    .venv/bin/pytest -p no:cacheprovider -m slow -s tests/test_units_import_speed.py

Each test prints one JSON line with the timing.
"""

from __future__ import annotations

import io
import json
import time
from typing import Any

import openpyxl
import pytest

from hailong.units.importing import ImportResult, units_import
from hailong.units.models import AdministrativeUnit

pytestmark = pytest.mark.slow

PROVINCES, COMMUNES = 34, 3321
LIMIT_SECONDS = 10.0  # "a few seconds" with room for a busy 2-core machine


@pytest.fixture(autouse=True)
def _only_when_asked(request: pytest.FixtureRequest) -> None:
    if "slow" not in (request.config.getoption("markexpr") or ""):
        pytest.skip("benchmark: run with -m slow")


def national_rows() -> list[list[str]]:
    rows = [["ma", "ten", "loai", "ma_cap_tren", "hieu_luc_tu", "dan_so", "so_ho"]]
    for p in range(1, PROVINCES + 1):
        rows.append([f"{p:02}", f"Tỉnh Thử Nghiệm {p}", "Tỉnh", "", "01/07/2025", "", ""])
    for c in range(1, COMMUNES + 1):
        kind = "Phường" if c % 3 else "Xã"
        parent = f"{c % PROVINCES + 1:02}"
        name = f"{kind} Đông Hưng {c}"
        rows.append([f"{c:05}", name, kind, parent, "01/07/2025", f"{c * 7:,}", str(c * 2)])
    return rows


def as_csv(rows: list[list[str]]) -> bytes:
    lines = [",".join(f'"{cell}"' for cell in row) for row in rows]
    return "\r\n".join(lines).encode("utf-8-sig")


def as_xlsx(rows: list[list[str]]) -> bytes:
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet()
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def timed(data: bytes, label: str) -> tuple[ImportResult, float]:
    started = time.perf_counter()
    result = units_import(source=io.BytesIO(data), actor=None)
    seconds = time.perf_counter() - started
    report = {
        "bench": label,
        "rows": result.rows,
        "created": result.created,
        "unchanged": result.unchanged,
        "seconds": round(seconds, 2),
        "rows_per_second": round(result.rows / seconds),
    }
    print(json.dumps(report))
    return result, seconds


def test_the_national_csv_imports_in_a_few_seconds(db: Any) -> None:
    result, seconds = timed(as_csv(national_rows()), "units_import_csv")

    assert result.created == PROVINCES + COMMUNES == AdministrativeUnit.objects.count()
    assert seconds < LIMIT_SECONDS
    commune = AdministrativeUnit.objects.get(code="00035")
    assert commune.path == f"{commune.parent.path}{commune.pk}/"  # type: ignore[union-attr]


def test_the_national_xlsx_imports_in_a_few_seconds(db: Any) -> None:
    result, seconds = timed(as_xlsx(national_rows()), "units_import_xlsx")

    assert result.created == PROVINCES + COMMUNES
    assert seconds < LIMIT_SECONDS


def test_re_importing_the_national_list_is_as_quick_and_changes_nothing(db: Any) -> None:
    data = as_csv(national_rows())
    timed(data, "units_import_csv_first")

    result, seconds = timed(data, "units_import_csv_again")

    assert (result.created, result.updated, result.unchanged) == (0, 0, PROVINCES + COMMUNES)
    assert seconds < LIMIT_SECONDS
