"""Find the header row, map it to our columns, and turn each row's cells into typed values."""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field

from django.utils import translation
from django.utils.translation import gettext as _

from hailong.core.text import search_key
from hailong.units.importing.issues import IssueList
from hailong.units.importing.reading import Cell, Row, Table
from hailong.units.models import AdministrativeUnit, UnitKind

# Our column names first, then the aliases a header may use instead (compared without case,
# diacritics, punctuation or a parenthesised note: "Mã cấp trên (*)" is "ma_cap_tren").
COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "ma": ("mã đơn vị", "mã ĐVHC", "code"),
    "ten": ("tên đơn vị", "tên ĐVHC", "name"),
    "loai": ("loại đơn vị", "cấp", "kind", "type"),
    "ma_cap_tren": ("mã đơn vị cấp trên", "mã cấp trên", "parent code", "parent"),
    "hieu_luc_tu": ("hiệu lực từ ngày", "từ ngày", "valid from"),
    "hieu_luc_den": ("hiệu lực đến ngày", "đến ngày", "valid to"),
    "dan_so": ("dân số", "population"),
    "so_ho": ("số hộ", "households"),
}
REQUIRED = ("ten", "loai")
HEADER_WINDOW = 20  # title rows allowed above the header
MAX_NAME, MAX_CODE, MAX_COUNT = 200, 20, 100_000_000


def header_key(text: str) -> str:
    key = re.sub(r"\(.*?\)", " ", search_key(text))
    return " ".join(re.sub(r"[^0-9a-z]+", " ", key).split())


_ALIASES = {
    header_key(alias): column
    for column, aliases in COLUMN_ALIASES.items()
    for alias in (column, *aliases)
}


@dataclass
class Columns:
    index: dict[str, int]
    labels: dict[str, str]  # our name → the header as the file writes it
    header_row: int
    ignored: list[str] = field(default_factory=list)

    def label(self, column: str) -> str:
        return self.labels.get(column, column)

    def cell(self, cells: list[Cell], column: str) -> Cell:
        position = self.index.get(column)
        return cells[position] if position is not None and position < len(cells) else None


def find_header(table: Table, issues: IssueList) -> Columns | None:
    """The columns of the header row, or ``None`` with the problems in ``issues``.

    1. The header is the first of the first ``HEADER_WINDOW`` rows that names two known columns
       (a title above it is fine), else the first row.
    2. A column named twice is an error; unknown columns are ignored and listed.
    3. Missing required columns are reported before any data row is read.
    """
    candidates = table.rows[:HEADER_WINDOW]
    if not candidates:
        issues.add(_("Tệp rỗng."))
        return None
    before = issues.total
    number, cells = next(
        (row for row in candidates if sum(_column_of(c) is not None for c in row[1]) >= 2),
        candidates[0],
    )
    columns = Columns(index={}, labels={}, header_row=number)
    for position, cell in enumerate(cells):
        column = _column_of(cell)
        written = str(cell or "").strip()
        if column is None:
            if written:
                columns.ignored.append(written)
        elif column in columns.index:
            issues.add(_("cột «%(column)s» có hai lần.") % {"column": written}, row=number)
        else:
            columns.index[column], columns.labels[column] = position, written
    missing = [c for c in REQUIRED if c not in columns.index]
    if missing:
        names = ", ".join(f"«{c}»" for c in missing)
        issues.add(
            _("thiếu cột bắt buộc %(names)s. Dòng tiêu đề cần có: %(all)s.")
            % {"names": names, "all": ", ".join(COLUMN_ALIASES)},
            row=number,
        )
    return None if issues.total > before else columns


def _column_of(cell: Cell) -> str | None:
    return _ALIASES.get(header_key(cell)) if isinstance(cell, str) else None


@dataclass(eq=False, slots=True)
class ParsedRow:
    """One data row, then what the checks learn about it. Compared by identity."""

    number: int
    name: str = ""
    kind: str = ""
    code: str = ""
    parent_code: str = ""
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    population: int | None = None
    households: int | None = None
    ok: bool = True
    parent: ParsedRow | AdministrativeUnit | None = None
    existing: AdministrativeUnit | None = None
    draft: AdministrativeUnit | None = None
    changes: dict[str, object] = field(default_factory=dict)
    depth: int = 0


class RowParser:
    """Parses the data rows below the header; each error names its row and column."""

    def __init__(self, columns: Columns, issues: IssueList, *, has_root: bool) -> None:
        self.columns, self.issues, self.has_root = columns, issues, has_root

    def fail(self, row: ParsedRow, column: str, message: str) -> None:
        self.issues.add(message, row=row.number, column=self.columns.label(column))
        row.ok = False

    def parse(self, number: int, cells: list[Cell]) -> ParsedRow:
        get = functools.partial(self.columns.cell, cells)
        row = ParsedRow(number, code=text(get("ma")), parent_code=text(get("ma_cap_tren")))
        row.name = self._name(row, text(get("ten")))
        if len(row.code) > MAX_CODE:
            self.fail(row, "ma", _("mã đơn vị dài quá %(n)s ký tự.") % {"n": MAX_CODE})
        row.kind = self._kind(row, get("loai"))
        row.valid_from = self._date(row, "hieu_luc_tu", get("hieu_luc_tu"))
        row.valid_to = self._date(row, "hieu_luc_den", get("hieu_luc_den"))
        if row.valid_from and row.valid_to and row.valid_to < row.valid_from:
            self.fail(
                row,
                "hieu_luc_den",
                _("Ngày hết hiệu lực (%(to)s) trước ngày bắt đầu hiệu lực (%(start)s).")
                % {"to": _fmt(row.valid_to), "start": _fmt(row.valid_from)},
            )
        row.population = self._count(row, "dan_so", get("dan_so"))
        row.households = self._count(row, "so_ho", get("so_ho"))
        return row

    def _name(self, row: ParsedRow, name: str) -> str:
        if not name:
            self.fail(row, "ten", _("thiếu tên đơn vị."))
        elif len(name) > MAX_NAME:
            self.fail(row, "ten", _("tên dài quá %(n)s ký tự.") % {"n": MAX_NAME})
        return name

    def _kind(self, row: ParsedRow, cell: Cell) -> str:
        written = text(cell)
        kind = parse_kind(written, has_parent=bool(row.parent_code) or self.has_root)
        if not written:
            self.fail(row, "loai", _("thiếu loại đơn vị."))
        elif kind is None:
            self.fail(row, "loai", _("loại đơn vị «%(value)s» không hợp lệ.") % {"value": written})
        return kind or ""

    def _date(self, row: ParsedRow, column: str, cell: Cell) -> dt.date | None:
        try:
            return parse_date(cell)
        except ValueError:
            self.fail(
                row,
                column,
                _("ngày «%(value)s» không hợp lệ (ghi theo dạng dd/mm/yyyy).")
                % {"value": text(cell)},
            )
            return None

    def _count(self, row: ParsedRow, column: str, cell: Cell) -> int | None:
        try:
            return parse_count(cell)
        except ValueError:
            self.fail(
                row,
                column,
                _("«%(value)s» không phải là một số nguyên từ 0 đến %(max)s.")
                % {"value": text(cell), "max": f"{MAX_COUNT:,}".replace(",", ".")},
            )
            return None


def parse_rows(
    table: Table, columns: Columns, issues: IssueList, *, max_rows: int, has_root: bool
) -> list[ParsedRow]:
    """Parse the rows below the header; refuse an empty list or one over ``max_rows``."""
    data: list[Row] = [row for row in table.rows if row[0] > columns.header_row]
    if table.truncated or len(data) > max_rows:
        limit = f"{max_rows:,}".replace(",", ".")
        issues.add(_("Tệp có quá nhiều dòng: tối đa %(max)s dòng dữ liệu.") % {"max": limit})
        return []
    if not data:
        issues.add(_("Tệp không có dòng dữ liệu nào dưới dòng tiêu đề."))
        return []
    parser = RowParser(columns, issues, has_root=has_root)
    return [parser.parse(number, cells) for number, cells in data]


def text(cell: Cell) -> str:
    """A cell as text; an XLSX number that is whole loses its ``.0``."""
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return cell if isinstance(cell, str) else str(cell)


def _fmt(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


@functools.cache
def _kinds() -> dict[str, str]:
    """Kind by key: our codes (``to_dan_pho``) and the Vietnamese labels (``Tổ dân phố``)."""
    with translation.override(None):  # the source (Vietnamese) labels, whatever the language
        labels = {str(kind.label): kind.value for kind in UnitKind}
    table = {_kind_key(label): value for label, value in labels.items()}
    table |= {_kind_key(kind.value): kind.value for kind in UnitKind}
    table |= {
        "thanh pho truc thuoc tw": UnitKind.CITY,
        "tp truc thuoc trung uong": UnitKind.CITY,
        "tp truc thuoc tw": UnitKind.CITY,
        "tp thuoc tinh": UnitKind.PROVINCIAL_CITY,
        "tx": UnitKind.TOWN,
        "tt": UnitKind.TOWNSHIP,
        "tdp": UnitKind.RESIDENTIAL_GROUP,
    }
    return table


_AMBIGUOUS_CITY = {"thanh pho", "tp"}


def _kind_key(value: str) -> str:
    return " ".join(re.sub(r"[_\-.]+", " ", search_key(value)).split())


def parse_kind(value: str, *, has_parent: bool) -> str | None:
    """The kind code for ``value``; a bare "Thành phố" is centrally run when it has no parent
    (a province-level city such as Hà Nội) and a provincial city otherwise."""
    if value == UnitKind.PROVINCIAL_CITY.value:
        return value
    key = _kind_key(value)
    if key in _AMBIGUOUS_CITY:
        return UnitKind.PROVINCIAL_CITY if has_parent else UnitKind.CITY
    return _kinds().get(key)


_DMY = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})")
_YMD = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?")
_EXCEL_DAYS = range(1, 2_958_466)  # 1900-01-01 … 9999-12-31 as Excel serial numbers


def parse_date(cell: Cell) -> dt.date | None:
    """dd/mm/yyyy (also ``-`` or ``.``), yyyy-mm-dd, an XLSX date or its serial number."""
    if cell is None or cell == "":
        return None
    if isinstance(cell, dt.date):
        return cell
    if isinstance(cell, int | float):
        return _excel_day(cell)
    if match := _DMY.fullmatch(cell):
        day, month, year = map(int, match.groups())
        return dt.date(year, month, day)
    if match := _YMD.fullmatch(cell):
        year, month, day = map(int, match.groups())
        return dt.date(year, month, day)
    raise ValueError(cell)


def _excel_day(serial: float) -> dt.date:
    from openpyxl.utils.datetime import from_excel

    if int(serial) not in _EXCEL_DAYS:
        raise ValueError(serial)
    value = from_excel(serial)
    return value.date() if isinstance(value, dt.datetime) else dt.date.fromisoformat(str(value))


_GROUPED = re.compile(r"\d{1,3}(?:[., \u00a0]\d{3})+")


def parse_count(cell: Cell) -> int | None:
    """A whole number ≥ 0; ``12.345``, ``12,345`` and ``12 345`` are twelve thousand …"""
    if cell is None or cell == "":
        return None
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    if isinstance(cell, str) and ((cell.isascii() and cell.isdigit()) or _GROUPED.fullmatch(cell)):
        cell = int(re.sub(r"\D", "", cell))
    if isinstance(cell, int) and 0 <= cell <= MAX_COUNT:
        return cell
    raise ValueError(cell)
