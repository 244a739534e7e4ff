"""Turn an uploaded file into numbered rows of cleaned cells: CSV (any common encoding) or XLSX.

Rows are numbered as a spreadsheet shows them (the first line of the file is row 1), blank rows
are dropped, every text cell is NFC-normalised with its whitespace collapsed.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import logging
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Protocol

from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from hailong.core.text import clean_line
from hailong.units.importing.issues import IssueList
from hailong.units.importing.legacy import guess_legacy

logger = logging.getLogger(__name__)

Cell = str | int | float | dt.date | None
Row = tuple[int, list[Cell]]

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls (Excel 97–2003)
_DELIMITERS = ",;\t|"
MAX_COLUMNS = 60
UNZIP_FACTOR = 20  # an XLSX may inflate to this many times the upload limit


class Source(Protocol):
    def read(self, size: int = ..., /) -> bytes: ...


@dataclass
class Table:
    rows: list[Row] = field(default_factory=list)
    truncated: bool = False  # more than ``max_rows`` non-blank rows were left unread
    encoding: str = ""


def read_table(source: Source, *, max_bytes: int, max_rows: int, issues: IssueList) -> Table:
    """Read at most ``max_rows`` non-blank rows; file-level problems go to ``issues``.

    1. Refuse a file over ``max_bytes``, an empty file and an old .xls workbook.
    2. Read a zip as XLSX, anything else as CSV (decoding it first).
    3. Refuse text that looks like TCVN3 or VNI mojibake.
    """
    data = source.read(max_bytes + 1)
    if len(data) > max_bytes:
        issues.add(_("Tệp lớn hơn giới hạn %(limit)s.") % {"limit": filesizeformat(max_bytes)})
        return Table()
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        issues.add(_("Tệp rỗng."))
        return Table()
    if data.startswith(_OLE_MAGIC):
        issues.add(
            _(
                "Tệp .xls (Excel 97–2003) chưa được hỗ trợ. Hãy mở bằng Excel và lưu lại dưới "
                "dạng «Excel Workbook (.xlsx)» hoặc «CSV UTF-8»."
            )
        )
        return Table()
    if data.startswith(_ZIP_MAGIC):
        table = _read_xlsx(data, max_bytes, max_rows, issues)
    else:
        table = _read_csv(data, max_rows, issues)
    if table is None:
        return Table()
    _refuse_legacy(table, issues)
    return table


def _take(rows: Iterator[Row], max_rows: int, table: Table) -> Table:
    for row in rows:
        if len(table.rows) == max_rows:
            table.truncated = True
            break
        table.rows.append(row)
    return table


def decode(data: bytes) -> tuple[str, str]:
    """``(text, encoding)``: UTF-8 (BOM or not), UTF-16 with a BOM, else Windows-1258."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1258", errors="replace"), "cp1258"


def _read_csv(data: bytes, max_rows: int, issues: IssueList) -> Table | None:
    text, encoding = decode(data)
    if "\x00" in text:
        issues.add(_("Không đọc được tệp: bảng mã không rõ. Hãy lưu lại dưới dạng «CSV UTF-8»."))
        return None
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_sniff_delimiter(text))
    try:
        return _take(_csv_rows(reader), max_rows, Table(encoding=encoding))
    except csv.Error as exc:
        issues.add(_("Tệp CSV sai định dạng: %(error)s") % {"error": exc}, row=reader.line_num)
        return None


def _csv_rows(reader: Iterator[list[str]]) -> Iterator[Row]:
    for number, cells in enumerate(reader, start=1):
        cleaned: list[Cell] = [clean_line(cell) for cell in cells[:MAX_COLUMNS]]
        if any(cleaned):
            yield number, cleaned


def _sniff_delimiter(text: str) -> str:
    """The most frequent of ``, ; tab |`` on the first non-blank line (Excel in Vietnamese
    writes ``;`` when the list separator is set so)."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    counts = {d: first.count(d) for d in _DELIMITERS}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _read_xlsx(data: bytes, max_bytes: int, max_rows: int, issues: IssueList) -> Table | None:
    """The first worksheet of an XLSX workbook, values only (formulas give their last result)."""
    import openpyxl

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            inflated = sum(info.file_size for info in archive.infolist())
        if inflated > UNZIP_FACTOR * max_bytes:
            issues.add(_("Tệp XLSX giải nén ra quá lớn."))
            return None
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds of errors on a malformed file
        logger.info("unreadable xlsx upload", exc_info=True)
        issues.add(
            _("Không đọc được tệp XLSX. Hãy mở bằng Excel và lưu lại (.xlsx) hoặc xuất ra CSV.")
        )
        return None
    try:
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()
        values = sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS)
        return _take(_xlsx_rows(values), max_rows, Table(encoding="xlsx"))
    finally:
        workbook.close()


def _xlsx_rows(values: Iterator[tuple[object, ...]]) -> Iterator[Row]:
    for number, raw in enumerate(values, start=1):
        cells = [_xlsx_cell(value) for value in raw]
        if any(cell not in (None, "") for cell in cells):
            yield number, cells


def _xlsx_cell(value: object) -> Cell:
    if value is None or (isinstance(value, int | float) and not isinstance(value, bool)):
        return value
    if isinstance(value, dt.datetime):
        return value.date() if value.time() == dt.time() else clean_line(value.isoformat(" "))
    if isinstance(value, dt.date):
        return value
    return clean_line(str(value))


def _refuse_legacy(table: Table, issues: IssueList) -> None:
    texts = ((n, [c for c in cells if isinstance(c, str)]) for n, cells in table.rows)
    guess = guess_legacy(texts)
    if guess is None:
        return
    names = {"TCVN3": _("TCVN3 (ABC)"), "VNI": _("VNI"), "": _("TCVN3 (ABC) hoặc VNI")}
    issues.add(
        _(
            "Tệp có vẻ được gõ bằng bảng mã cũ %(encoding)s, không phải Unicode (ví dụ dòng "
            "%(row)s: «%(sample)s»). Hãy chuyển sang Unicode (Unikey: Công cụ chuyển mã, hoặc "
            "mở bằng Excel với phông Unicode) rồi lưu lại dưới dạng «CSV UTF-8» hoặc .xlsx."
        )
        % {"encoding": names[guess.encoding], "row": guess.row, "sample": guess.sample}
    )
