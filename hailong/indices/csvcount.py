"""Count a CSV of responses (one row a response, one column per item code) for the engine.

Streams the file: memory does not grow with the number of rows. Used by ``hailong compute``.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import IO

from django.utils.translation import gettext as _

from hailong.core.text import nfc
from hailong.surveys.definition import Definition

MAX_ERRORS = 50
MULTI_SEPARATORS = (";", "|")


@dataclass
class GroupCounts:
    n: int = 0
    items: dict[str, Counter[int | str | None]] = field(default_factory=dict)


@dataclass
class CsvCounts:
    columns: list[str]
    missing_items: list[str]
    groups: dict[str, GroupCounts]
    errors: list[str]
    rows: int = 0


@dataclass(frozen=True)
class _Column:
    index: int
    code: str
    accepted: dict[str, int]
    multi: bool


def open_text(path: Path) -> IO[str]:
    """Open ``path`` as text: UTF-8 (with or without BOM), else Windows-1258, NFC per cell."""
    raw = path.open("rb")
    head = raw.read(1 << 16)
    raw.seek(0)
    try:
        head.decode("utf-8-sig")
        encoding = "utf-8-sig"
    except UnicodeDecodeError as exc:
        # A character cut by the sample's end is still UTF-8; anything else is Windows-1258.
        encoding = "utf-8-sig" if exc.start > len(head) - 4 else "cp1258"
    return io.TextIOWrapper(raw, encoding=encoding, newline="")


def _columns(header: list[str], definition: Definition) -> tuple[list[_Column], list[str]]:
    position = {nfc(name).strip(): i for i, name in enumerate(header)}
    columns: list[_Column] = []
    missing: list[str] = []
    for item in definition.items:
        scale = definition.scale_of(item)
        if scale is None:
            continue
        if item.code not in position:
            missing.append(item.code)
            continue
        accepted = {}
        for option in scale.options:
            accepted[str(option.value)] = option.value
            accepted[f"{option.value}.0"] = option.value
        columns.append(
            _Column(position[item.code], item.code, accepted, item.type == "multi_choice")
        )
    return columns, missing


def _parse(cell: str, column: _Column) -> list[int | None] | None:
    """The values in one cell (``[None]`` for blank); ``None`` if the cell is invalid."""
    text = cell.strip()
    if not text:
        return [None]
    if column.multi:
        for sep in MULTI_SEPARATORS:
            text = text.replace(sep, ",")
        parts = [p.strip() for p in text.split(",") if p.strip()]
        values = [column.accepted.get(p) for p in parts]
        return None if any(v is None for v in values) else list(values)
    value = column.accepted.get(text)
    return None if value is None else [value]


def count_rows(stream: IO[str], definition: Definition, *, by: str | None = None) -> CsvCounts:
    """Count every scaled item per breakdown group.

    1. Read the header; find the item columns (missing ones are reported, not fatal) and the
       ``by`` column if asked.
    2. Read rows in chunks; per group and column count the raw cell texts (``Counter`` over a
       transposed chunk runs in C, so a million rows take seconds).
    3. Turn raw texts into scale values; if any text is outside its scale, read the file's rows
       again only to name the rows and columns in error (at most ``MAX_ERRORS``).
    """
    reader = csv.reader(stream)
    header = next(reader, None)
    if header is None:
        return CsvCounts([], [], {}, [_("Tệp CSV trống.")])
    columns, missing = _columns(header, definition)
    result = CsvCounts(header, missing, {}, [])
    if not columns:
        result.errors.append(
            _("Tệp không có cột nào trùng mã câu hỏi của phương pháp «%(code)s».")
            % {"code": definition.code}
        )
        return result
    by_index = _by_index(header, by, result)
    if result.errors:
        return result
    raw: dict[str, tuple[int, list[Counter[str]]]] = {}
    width = len(header)
    while chunk := list(islice(reader, CHUNK_ROWS)):
        for key, rows in _split(chunk, by_index, width).items():
            n, counters = raw.setdefault(key, (0, [Counter() for _ in columns]))
            raw[key] = (n + len(rows), counters)
            transposed = list(zip(*rows, strict=True))
            for column, counter in zip(columns, counters, strict=True):
                counter.update(transposed[column.index])
    bad = _convert(raw, columns, result)
    if bad:
        _name_errors(stream, columns, bad, result)
    return result


CHUNK_ROWS = 20_000


def _split(chunk: list[list[str]], by_index: int | None, width: int) -> dict[str, list[list[str]]]:
    """Pad short rows, drop empty ones, and group the chunk by the breakdown column."""
    groups: dict[str, list[list[str]]] = {}
    for row in chunk:
        if len(row) < width:
            row = row + [""] * (width - len(row))
        elif len(row) > width:
            row = row[:width]
        if not any(cell.strip() for cell in row):
            continue
        key = "*" if by_index is None else (nfc(row[by_index]).strip() or "—")
        groups.setdefault(key, []).append(row)
    return groups


def _convert(
    raw: dict[str, tuple[int, list[Counter[str]]]], columns: list[_Column], result: CsvCounts
) -> set[tuple[int, str]]:
    """Fill ``result.groups`` from raw texts; return the (column, text) pairs out of scale."""
    bad: set[tuple[int, str]] = set()
    for key, (n, counters) in raw.items():
        group = result.groups.setdefault(key, GroupCounts())
        group.n = n
        result.rows += n
        for column, counter in zip(columns, counters, strict=True):
            counted: Counter[int | str | None] = Counter()
            for text, count in counter.items():
                values = _parse(text, column)
                if values is None:
                    bad.add((column.index, text))
                    continue
                for value in values:
                    counted[value] += count
            group.items[column.code] = counted
    return bad


def _name_errors(
    stream: IO[str], columns: list[_Column], bad: set[tuple[int, str]], result: CsvCounts
) -> None:
    stream.seek(0)
    reader = csv.reader(stream)
    next(reader, None)
    for row_number, row in enumerate(reader, start=2):
        for column in columns:
            cell = row[column.index] if column.index < len(row) else ""
            if (column.index, cell) in bad:
                _error(result, row_number, column.code, cell)
        if len(result.errors) > MAX_ERRORS:
            return


def _by_index(header: list[str], by: str | None, result: CsvCounts) -> int | None:
    if by is None:
        return None
    names = [nfc(h).strip() for h in header]
    if by not in names:
        result.errors.append(_("Không có cột «%(col)s» để chia nhóm.") % {"col": by})
        return None
    return names.index(by)


def _error(result: CsvCounts, row: int, column: str, cell: str) -> None:
    if len(result.errors) < MAX_ERRORS:
        result.errors.append(
            _("Dòng %(row)d, cột «%(col)s»: giá trị «%(value)s» không có trong thang đo.")
            % {"row": row, "col": column, "value": cell.strip()[:20]}
        )
    elif len(result.errors) == MAX_ERRORS:
        result.errors.append(_("… và các lỗi khác."))


def iter_groups(counts: CsvCounts) -> Iterator[tuple[str, GroupCounts]]:
    yield from sorted(counts.groups.items())
