"""``dossier_import``: rows/s and peak memory of importing a one-stop export (XLSX).

The bench seeds the demo (catalogue, Phường Ngọc Hà with its officers), writes an XLSX export
of ``rows`` dossiers as a one-stop system would (title rows, Vietnamese headers, dd/mm/yyyy
dates, procedure names, officer names, 1% bad rows), then runs ``hailong import-dossiers`` in
its own process twice: the first import creates every dossier, the second (same file) updates
them all, which is what an idempotent re-import costs. Each run reports rows/s and the process's
peak resident memory (``ru_maxrss``) before and after the import.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path
from typing import Any

from hailong.core.bench.base import BenchError, Benchmark, Figures, Params
from hailong.core.bench.env import BenchEnv

UNIT_CODE = "00004"  # Phường Ngọc Hà in the demo seed
HEADER = [
    "STT",
    "Mã hồ sơ",
    "Mã thủ tục",
    "Tên thủ tục",
    "Lĩnh vực",
    "Ngày tiếp nhận",
    "Ngày hẹn trả",
    "Ngày trả kết quả",
    "Cán bộ xử lý",
    "Hình thức nộp",
]
PROCEDURES = [
    ("2.000815", "Chứng thực bản sao từ bản chính giấy tờ, văn bản", "Chứng thực", 0),
    ("2.000884", "Chứng thực chữ ký trong các giấy tờ, văn bản", "Chứng thực", 0),
    ("1.001193", "Đăng ký khai sinh", "Hộ tịch", 1),
    ("1.000894", "Đăng ký kết hôn", "Hộ tịch", 3),
    ("1.004873", "Cấp Giấy xác nhận tình trạng hôn nhân", "Hộ tịch", 3),
    ("2.000635", "Cấp bản sao trích lục hộ tịch", "Hộ tịch", 0),
]
OFFICERS = ["Đỗ Quang Huy", "Vũ Thị Ngọc Anh", "Hoàng Văn Nam", "Bùi Thị Hồng Nhung"]


def write_export(path: Path, rows: int, *, seed: int = 7) -> None:
    """An XLSX like a one-stop system's export: two title rows, then the header and rows."""
    from openpyxl import Workbook

    rng = random.Random(seed)  # noqa: S311 (test data)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Hồ sơ")
    sheet.append(["UBND PHƯỜNG NGỌC HÀ"])
    sheet.append(["DANH SÁCH HỒ SƠ ĐÃ TIẾP NHẬN"])
    sheet.append(HEADER)
    start = dt.date(2025, 7, 1)
    for n in range(1, rows + 1):
        code, name, field, days = rng.choice(PROCEDURES)
        received = start + dt.timedelta(days=rng.randrange(500))
        due = received + dt.timedelta(days=days)
        returned = due + dt.timedelta(days=rng.choice([0, 0, 0, 0, 0, 0, 0, 0, 0, 2]))
        bad = n % 100 == 0
        sheet.append(
            [
                n,
                f"BENCH.H26-{received:%y%m%d}-{n:06d}",
                code,
                name,
                field,
                "30/02/2026" if bad else received.strftime("%d/%m/%Y"),
                due.strftime("%d/%m/%Y"),
                returned,  # a real date cell, as Excel stores it
                rng.choice(OFFICERS),
                rng.choice(["Trực tiếp", "Trực tiếp", "Trực tuyến"]),
            ]
        )
    workbook.save(path)


def _import(env: BenchEnv, path: Path) -> dict[str, Any]:
    output = env.manage("import_dossiers", UNIT_CODE, str(path), "--json")
    result: dict[str, Any] = json.loads(output.strip().splitlines()[-1])
    if result["status"] != "complete":
        raise BenchError(f"import ended {result['status']}")
    return result


def run(env: BenchEnv, params: Params) -> Figures:
    env.manage("seed_demo", "--quiet")
    path = env.workdir / f"export-{params['rows']}.xlsx"
    write_export(path, params["rows"])
    first = _import(env, path)
    again = _import(env, path)
    return {
        "rows": params["rows"],
        "file_mb": round(path.stat().st_size / 1e6, 2),
        "create": first,
        "reimport": again,
    }


BENCHMARK = Benchmark(
    name="dossier_import",
    description="import a one-stop XLSX export, then re-import it: rows/s, peak RSS",
    run=run,
    params={"rows": 20_000},
    full_params={"rows": 100_000},
)
