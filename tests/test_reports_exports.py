"""Streaming CSV and XLSX exports: formula injection neutralised, meta written, flat memory."""

from __future__ import annotations

import csv
import datetime as dt
import io
import tracemalloc
import zipfile
from collections.abc import Iterator
from decimal import Decimal

import openpyxl
import pytest

from hailong.reports.exports import (
    BOM,
    ExportMeta,
    TableStream,
    csv_chunks,
    csv_response,
    csv_write,
    neutralise,
    xlsx_write,
)

DANGEROUS = ["=", "+", "-", "@", "\t", "\r"]
META = ExportMeta(method="sipas-2017 v1", filters={"Đơn vị": "Phường Vĩnh Phúc", "Đợt": "2023"})


def table(rows: list[list[object]] | Iterator[list[object]]) -> TableStream:
    return TableStream(headers=["TT", "Ý kiến", "Tỷ lệ"], rows=rows, meta=META)  # type: ignore[arg-type]


def csv_text(stream: TableStream) -> str:
    out = io.BytesIO()
    csv_write(stream, out)
    return out.getvalue().decode("utf-8")


def xlsx_book(stream: TableStream) -> openpyxl.Workbook:
    out = io.BytesIO()
    xlsx_write(stream, out)
    out.seek(0)
    return openpyxl.load_workbook(out)


@pytest.mark.parametrize("prefix", DANGEROUS, ids=repr)
def test_csv_quotes_a_cell_that_starts_like_a_formula(prefix: str) -> None:
    text = csv_text(table([[1, f'{prefix}HYPERLINK("http://x")', 86.5]]))

    rows = list(csv.reader(io.StringIO(text.removeprefix(BOM))))
    assert rows[-1] == ["1", f'\'{prefix}HYPERLINK("http://x")', "86.5"]


@pytest.mark.parametrize("prefix", DANGEROUS, ids=repr)
def test_xlsx_stores_a_formula_like_cell_as_quoted_text_never_a_formula(prefix: str) -> None:
    sheet = xlsx_book(table([[1, f"{prefix}1+1", 86.5]])).worksheets[0]

    cell = sheet.cell(row=2, column=2)
    assert cell.value == f"'{prefix}1+1"
    assert cell.data_type == "s"


def test_no_xlsx_cell_is_written_as_a_formula_even_after_control_characters_go() -> None:
    out = io.BytesIO()
    xlsx_write(table([[1, "=SUM(A1:A9)", "\x01=cmd|' /C calc'!A0"]]), out)

    with zipfile.ZipFile(out) as archive:
        sheet_xml = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml
    assert "'=SUM(A1:A9)" in sheet_xml
    assert "'=cmd" in sheet_xml


def test_numbers_stay_numbers_and_dates_are_dd_mm_yyyy() -> None:
    row = [7, Decimal("86.50"), -3, dt.date(2023, 10, 5)]
    sheet = xlsx_book(table([row])).worksheets[0]
    text = csv_text(table([row]))

    assert [c.value for c in sheet[2]][:3] == [7, 86.5, -3]
    assert sheet.cell(row=2, column=4).number_format == "DD/MM/YYYY"
    assert text.splitlines()[-1] == "7,86.50,-3,05/10/2023"
    assert neutralise(-3) == -3
    assert neutralise("-3") == "'-3"


def test_csv_starts_with_a_bom_then_the_method_and_filters_then_the_header() -> None:
    text = csv_text(table([[1, "Hài lòng", 90]]))

    assert text.startswith(BOM)
    lines = text.removeprefix(BOM).splitlines()
    assert lines[0] == "# Phương pháp: sipas-2017 v1"
    assert lines[1] == "# Bộ lọc: Đơn vị: Phường Vĩnh Phúc; Đợt: 2023"
    assert lines[2] == "TT,Ý kiến,Tỷ lệ"


def test_xlsx_puts_the_method_and_filters_on_a_separate_information_sheet() -> None:
    book = xlsx_book(table([[1, "Hài lòng", 90]]))

    data, info = book.worksheets
    assert info.title == "Thông tin"
    assert [[c.value for c in row] for row in info.iter_rows()] == [
        ["Phương pháp", "sipas-2017 v1"],
        ["Bộ lọc", "Đơn vị: Phường Vĩnh Phúc; Đợt: 2023"],
    ]
    assert [c.value for c in data[1]] == ["TT", "Ý kiến", "Tỷ lệ"]


def test_text_is_normalised_to_nfc() -> None:
    assert neutralise("Ha\u0300i lo\u0300ng") == "H\u00e0i l\u00f2ng"


def test_the_csv_response_streams_with_a_download_name() -> None:
    response = csv_response(table([[1, "x", 2]]), "y-kien.csv")

    assert response.streaming
    assert response["Content-Disposition"] == 'attachment; filename="y-kien.csv"'
    assert b"".join(response.streaming_content).startswith(BOM.encode())


def rows(count: int) -> Iterator[list[object]]:
    for i in range(count):
        yield [i, f"Người trả lời số {i}", 86.5 if i % 3 else "=1+1"]


def peak_mb(write: object, count: int) -> float:
    tracemalloc.start()
    try:
        sink = io.BytesIO() if write is xlsx_write else _Discard()
        write(table(rows(count)), sink)  # type: ignore[operator]
        return tracemalloc.get_traced_memory()[1] / 1e6
    finally:
        tracemalloc.stop()


class _Discard(io.RawIOBase):
    def write(self, data: object) -> int:
        return len(data)  # type: ignore[arg-type]


def test_csv_of_200000_rows_stays_in_constant_memory() -> None:
    assert peak_mb(csv_write, 200_000) < 50


def test_csv_chunks_are_produced_lazily() -> None:
    chunks = csv_chunks(table(rows(10**9)))

    first = [next(chunks) for _ in range(5)]
    assert first[0] == BOM.encode()


def test_xlsx_memory_does_not_grow_with_rows() -> None:
    xlsx_write(table(rows(10)), io.BytesIO())  # imports and caches outside the measurement

    assert peak_mb(xlsx_write, 20_000) < 50


@pytest.mark.slow
def test_xlsx_of_200000_rows_stays_in_constant_memory() -> None:
    xlsx_write(table(rows(10)), io.BytesIO())

    assert peak_mb(xlsx_write, 200_000) < 50
