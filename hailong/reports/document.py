"""An administrative document as data, laid out per Nghị định 30/2020/NĐ-CP, Phụ lục I.

``AdminDocument`` holds what a ward's document says (issuing body, number, place and date, kind,
title, body blocks, recipients, signature); ``hailong.reports.pdf`` and ``hailong.reports.word``
lay it out. Every string is normalised to NFC on construction, so NFD input (from Windows-1258
files, some keyboards) prints and extracts exactly like NFC input.

The national title, the motto and the "Nơi nhận:" label are fixed by the decree and stay in
Vietnamese whatever the interface language, so they are constants here, not translations.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, fields
from typing import ClassVar, Literal

from hailong.core.text import normalize_data
from hailong.reports.charts import Chart

NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
RECIPIENTS_LABEL = "Nơi nhận:"
Align = Literal["left", "center", "right"]
_PLACE_PREFIXES = ("Phường ", "Xã ", "Thị trấn ", "Đặc khu ", "Quận ", "Huyện ", "Thị xã ")
_ROMAN = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC")]
_ROMAN += [(50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]


class _Normalised:
    """Dataclass mixin: every string field (also inside lists and tuples) becomes NFC."""

    def __post_init__(self) -> None:
        for item in fields(self):  # type: ignore[arg-type]
            value = getattr(self, item.name)
            if isinstance(value, str | list | tuple):
                object.__setattr__(self, item.name, normalize_data(value))


@dataclass(frozen=True)
class Heading(_Normalised):
    """A section heading: level 1 "I. MỤC ĐÍCH", level 2 "1. Mục đích", level 3 "a) …"."""

    text: str
    level: int = 1
    numbered: bool = True
    template: ClassVar[str] = "reports/blocks/heading.html"

    @property
    def display_text(self) -> str:
        """Level-1 headings are written in capitals."""
        return self.text.upper() if self.level == 1 else self.text


@dataclass(frozen=True)
class Paragraph(_Normalised):
    text: str
    indent: bool = True
    italic: bool = False
    template: ClassVar[str] = "reports/blocks/paragraph.html"


@dataclass(frozen=True)
class BulletList(_Normalised):
    items: tuple[str, ...]
    marker: str = "-"
    template: ClassVar[str] = "reports/blocks/bullets.html"


@dataclass(frozen=True)
class Table(_Normalised):
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    caption: str = ""
    widths: tuple[float, ...] = ()  # relative column widths; empty = equal
    align: tuple[Align, ...] = ()  # per column; missing columns are left-aligned
    template: ClassVar[str] = "reports/blocks/table.html"

    def __post_init__(self) -> None:
        super().__post_init__()
        if any(len(row) != len(self.headers) for row in self.rows):
            raise ValueError("every table row needs one cell per header")

    def width_percents(self) -> list[float]:
        weights = list(self.widths) or [1.0] * len(self.headers)
        total = sum(weights)
        return [round(100 * w / total, 2) for w in weights]

    def column_alignments(self) -> list[Align]:
        padding: list[Align] = ["left"] * (len(self.headers) - len(self.align))
        return [*self.align, *padding]

    def aligned_rows(self) -> list[list[tuple[str, Align]]]:
        alignments = self.column_alignments()
        return [list(zip(row, alignments, strict=True)) for row in self.rows]


@dataclass(frozen=True)
class ChartBlock:
    chart: Chart
    width_cm: float = 16.0
    template: ClassVar[str] = "reports/blocks/chart.html"


Block = Heading | Paragraph | BulletList | Table | ChartBlock


@dataclass(frozen=True)
class Signer(_Normalised):
    """The signature block: authority lines (in capitals) then the signer's name."""

    authority: tuple[str, ...]
    name: str = ""


@dataclass(frozen=True)
class AdminDocument(_Normalised):
    issuing_body_parent: str
    issuing_body: str
    number_symbol: str
    place: str
    date: dt.date
    kind: str
    title: str
    sections: Sequence[Block] = ()
    recipients: tuple[str, ...] = ()
    signer: Signer = field(default_factory=lambda: Signer(authority=()))
    annexes: Sequence[Block] = ()  # "Phụ lục": after the signature, from a new page

    @property
    def number_line(self) -> str:
        """``"125/KH-UBND"`` or ``"Số: 125/KH-UBND"`` → ``"Số: 125/KH-UBND"``."""
        text = self.number_symbol.strip()
        return text if text.startswith("Số") else f"Số: {text}"

    @property
    def place_date(self) -> str:
        return place_date_line(self.place, self.date)

    @property
    def recipient_lines(self) -> list[str]:
        return recipient_lines(self.recipients)

    def outline(self) -> list[tuple[Block, str]]:
        """Each block with its heading number ("I.", "1.", "a)"; "" for other blocks)."""
        return list(zip(self.sections, heading_numbers(self.sections), strict=True))

    def annex_outline(self) -> list[tuple[Block, str]]:
        """The annex blocks, numbered like the body (annex headings are usually unnumbered)."""
        return list(zip(self.annexes, heading_numbers(self.annexes), strict=True))


def place_date_line(place: str, day: dt.date) -> str:
    """``"Vĩnh Phúc, ngày 05 tháng 10 năm 2023"``.

    The decree: days under 10 and the months 1 and 2 take a leading zero ("ngày 05 tháng 02"),
    other months do not ("tháng 3", "tháng 10").
    """
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


def place_name(unit_name: str) -> str:
    """The place of a body's seat: "Phường Vĩnh Phúc" → "Vĩnh Phúc"; "Phường 1" stays whole.

    The decree writes the unit's plain name, except a name that is a number, which keeps its kind.
    """
    for prefix in _PLACE_PREFIXES:
        rest = unit_name.removeprefix(prefix)
        if rest != unit_name:
            return unit_name if rest[:1].isdigit() else rest
    return unit_name


def roman(number: int) -> str:
    if number <= 0:
        raise ValueError("Roman numerals start at 1")
    digits = []
    for value, symbol in _ROMAN:
        count, number = divmod(number, value)
        digits.append(symbol * count)
    return "".join(digits)


def heading_numbers(blocks: Sequence[Block]) -> list[str]:
    """Numbers for numbered headings: I., II. → 1., 2. → a), b); restart below each parent."""
    counters = [0, 0, 0]
    numbers = []
    for block in blocks:
        if not isinstance(block, Heading) or not block.numbered:
            numbers.append("")
            continue
        level = min(max(block.level, 1), 3)
        counters[level - 1] += 1
        counters[level:] = [0] * (3 - level)
        numbers.append(_NUMBERING[level - 1](counters[level - 1]))
    return numbers


_NUMBERING: tuple[Callable[[int], str], ...] = (
    lambda n: f"{roman(n)}.",
    lambda n: f"{n}.",
    lambda n: f"{chr(ord('a') + (n - 1) % 26)})",
)


_ENDS_WITH_PUNCTUATION = re.compile(r"[.;:,]$")


def recipient_lines(recipients: Sequence[str]) -> list[str]:
    """ "- Như trên;" … "- Lưu: VT." : a dash first, ";" after each, "." after the last."""
    lines = []
    for i, recipient in enumerate(recipients):
        text = _ENDS_WITH_PUNCTUATION.sub("", recipient.strip().lstrip("-").strip())
        end = "." if i == len(recipients) - 1 else ";"
        lines.append(f"- {text}{end}")
    return lines
