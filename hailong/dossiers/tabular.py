"""Streaming readers for the spreadsheets wards upload: XLSX (openpyxl read-only) and CSV.

A CSV file's encoding is detected (UTF-8 with or without BOM, UTF-16 with BOM, otherwise
Windows-1258, the Vietnamese Windows code page) and every cell is NFC-normalised, since
Windows-1258 decodes to decomposed (NFD) text. Rows come out one at a time as
``(row number, cells)`` with the spreadsheet's own 1-based row numbers, so memory stays flat
for any file size.
"""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
from collections.abc import Generator, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import IO, Any

from django.utils.translation import gettext as _

from hailong.core.text import nfc

Row = list[Any]
Rows = Generator[tuple[int, Row]]
_CHUNK = 1 << 16
_HEAD_BYTES = 1 << 15
_XLSX_MAGIC = b"PK\x03\x04"
_XLS_MAGIC = b"\xd0\xcf\x11\xe0"


class TableError(Exception):
    """The file cannot be read as a table; ``message`` is for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class TableFormat:
    kind: str  # "xlsx" | "csv"
    encoding: str = ""
    delimiter: str = ","


def sniff_format(file: IO[bytes]) -> TableFormat:
    """Tell XLSX from CSV by the first bytes; for CSV detect the encoding and delimiter."""
    file.seek(0)
    head = file.read(_HEAD_BYTES)
    file.seek(0)
    if not head.strip():
        raise TableError(_("Tệp rỗng, không có dữ liệu."))
    if head.startswith(_XLS_MAGIC):
        raise TableError(
            _("Tệp Excel 97–2003 (.xls) chưa được hỗ trợ: hãy mở bằng Excel và lưu lại dạng .xlsx.")
        )
    if head.startswith(_XLSX_MAGIC):
        return TableFormat(kind="xlsx")
    encoding = detect_encoding(file)
    return TableFormat(kind="csv", encoding=encoding, delimiter=_delimiter(head, encoding))


def detect_encoding(file: IO[bytes]) -> str:
    """``utf-8-sig`` / ``utf-16`` by BOM, else ``utf-8`` if the whole file decodes, else cp1258."""
    file.seek(0)
    head = file.read(4)
    file.seek(0)
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    for encoding in ("utf-8", "cp1258"):
        if _decodes(file, encoding):
            return encoding
    raise TableError(
        _("Không nhận ra bảng mã của tệp CSV: hãy lưu lại tệp dạng «CSV UTF-8» rồi tải lên.")
    )


def _decodes(file: IO[bytes], encoding: str) -> bool:
    decoder = codecs.getincrementaldecoder(encoding)()
    file.seek(0)
    try:
        while chunk := file.read(_CHUNK):
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    finally:
        file.seek(0)
    return True


def _delimiter(head: bytes, encoding: str) -> str:
    text = head.decode(encoding, errors="ignore")
    first_line = text.lstrip("\ufeff").splitlines()[0] if text.strip() else ""
    counts = {d: first_line.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


@dataclass
class Table:
    """An open table: its rows as a stream, and how many rows it says it has (0: unknown)."""

    rows: Rows
    estimate: int


@contextmanager
def open_table(file: IO[bytes], fmt: TableFormat) -> Iterator[Table]:
    """Open the first sheet once (an XLSX without a size costs a full pass to open)."""
    if fmt.kind == "xlsx":
        with _workbook(file) as sheet:
            estimate = int(sheet.max_row or 0) or _xlsx_count_rows(file, sheet)
            yield Table(rows=_xlsx_rows(sheet), estimate=estimate)
        return
    estimate = csv_row_estimate(file)
    rows = _csv_rows(file, fmt)
    try:
        yield Table(rows=rows, estimate=estimate)
    finally:
        rows.close()


def iter_rows(file: IO[bytes], fmt: TableFormat) -> Rows:
    """Every row of the first sheet as ``(row number, cells)``, from row 1."""
    if fmt.kind == "xlsx":
        with _workbook(file) as sheet:
            yield from _xlsx_rows(sheet)
    else:
        yield from _csv_rows(file, fmt)


@contextmanager
def _workbook(file: IO[bytes]) -> Iterator[Any]:
    from openpyxl import load_workbook

    file.seek(0)
    try:
        workbook = load_workbook(file, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise TableError(_("Tệp Excel bị hỏng hoặc không đọc được.")) from exc
    try:
        yield workbook.worksheets[0]
    finally:
        workbook.close()


def _xlsx_count_rows(file: IO[bytes], sheet: Any) -> int:
    """Count ``<row`` tags in the sheet's XML: a cheap estimate when the sheet omits its size."""
    member = getattr(sheet, "_worksheet_path", "xl/worksheets/sheet1.xml")
    count, tail = 0, b""
    try:
        with zipfile.ZipFile(file) as archive, archive.open(member) as xml:
            while chunk := xml.read(_CHUNK):
                data = tail + chunk
                count += data.count(b"<row ") + data.count(b":row ")
                tail = data[-5:]  # a tag cut by the chunk boundary is counted next time
                count -= tail.count(b"<row ") + tail.count(b":row ")
    except (zipfile.BadZipFile, KeyError, OSError):
        return 0
    return count + tail.count(b"<row ") + tail.count(b":row ")


def _xlsx_rows(sheet: Any) -> Rows:
    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        yield number, [nfc(v) if isinstance(v, str) else v for v in values]


def _csv_rows(file: IO[bytes], fmt: TableFormat) -> Rows:
    file.seek(0)
    text = io.TextIOWrapper(file, encoding=fmt.encoding, newline="")
    try:
        reader = csv.reader(text, delimiter=fmt.delimiter)
        for number, cells in enumerate(reader, start=1):
            yield number, [nfc(cell) for cell in cells]
    except csv.Error as exc:
        raise TableError(_("Tệp CSV sai định dạng: %(error)s") % {"error": exc}) from exc
    finally:
        if not file.closed:  # leave the caller's file open (a TextIOWrapper closes it)
            text.detach()


def csv_row_estimate(file: IO[bytes]) -> int:
    """Line breaks in the file: the number of rows unless cells hold line breaks."""
    file.seek(0)
    count = 0
    while chunk := file.read(_CHUNK):
        count += chunk.count(b"\n")
    file.seek(0)
    return count


def is_blank(cells: Row) -> bool:
    return all(c is None or (isinstance(c, str) and not c.strip()) for c in cells)


def head_rows(file: IO[bytes], fmt: TableFormat, limit: int) -> list[tuple[int, Row]]:
    """The first ``limit`` rows (for header detection and previews)."""
    rows: list[tuple[int, Row]] = []
    stream = iter_rows(file, fmt)
    try:
        for number, cells in stream:
            rows.append((number, cells))
            if len(rows) >= limit:
                break
    finally:
        stream.close()
    file.seek(0)
    return rows
