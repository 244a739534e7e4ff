"""Recognise text typed in the pre-Unicode Vietnamese encodings TCVN3 (ABC) and VNI.

Such files have no codec: read as Windows-1258 (or shown through a ".VnTime" font in Excel) they
turn into mojibake such as ``"Ph­êng Ngäc Hµ"`` (TCVN3) or ``"Phöôøng Ngoïc Haø"`` (VNI). We do
not convert them; we refuse them with a message that says how to re-save the file as Unicode.

The test is statistical: among the non-ASCII characters, count Vietnamese letters and characters
that never occur in Vietnamese text (Latin-1 symbols like ``µ ¸ ©``, foreign letters like
``ä ø ñ``, combining marks left over after NFC). Mojibake is mostly the latter.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
_SHAPES = {"a": {"\u0302", "\u0306"}, "e": {"\u0302"}, "o": {"\u0302", "\u031b"}, "u": {"\u031b"}}
# Punctuation that Vietnamese files legitimately contain.
_HARMLESS = set("\u00a0«»°·–—‘’“”…•№₫€")


def _is_vietnamese_letter(ch: str) -> bool:
    if ch in "đĐ":
        return True
    decomposed = unicodedata.normalize("NFD", ch)
    base, marks = decomposed[0].lower(), decomposed[1:]
    if base not in "aeiouy" or not marks:
        return False
    tones = [m for m in marks if m in _TONES]
    shapes = [m for m in marks if m not in _TONES]
    allowed = _SHAPES.get(base, set())
    return len(tones) <= 1 and len(shapes) <= 1 and all(m in allowed for m in shapes)


def _charset(ranges: Iterable[range], *, vietnamese: bool) -> str:
    """The characters of ``ranges`` that are (or, with ``vietnamese=False``, are not) letters
    of the Vietnamese alphabet, leaving out harmless punctuation."""
    chars = {chr(code) for r in ranges for code in r} - _HARMLESS
    return "".join(sorted(ch for ch in chars if _is_vietnamese_letter(ch) is vietnamese))


_LATIN = (range(0xA1, 0x250), range(0x1E00, 0x1F00))
_VIETNAMESE = re.compile("[" + re.escape(_charset(_LATIN, vietnamese=True)) + "]")
# Foreign: other Latin letters and Latin-1 symbols, combining marks NFC could not attach, and
# the replacement character of an undecodable byte.
_FOREIGN = re.compile("[" + re.escape(_charset(_LATIN, vietnamese=False)) + "\u0300-\u036f\ufffd]")
# Signatures: TCVN3 puts its most common letters (ư â ê ô ơ đ à á ả ã ạ) on Latin-1 symbols;
# VNI writes ư đ as "ö ñ" and tones as separate letters ("aø" = à, "oï" = ọ).
_TCVN3 = re.compile("[\u00a1-\u00bf]")
_VNI = re.compile("[öÖñÑ]|[aeiouyAEIOUY][øûïåäëüØÛÏÅÄËÜ]")

MIN_FOREIGN = 3
MIN_SHARE = 0.2


@dataclass(frozen=True, slots=True)
class LegacyGuess:
    encoding: str  # "TCVN3", "VNI" or "" when both look alike
    row: int  # the first row that shows it
    sample: str


def guess_legacy(rows: Iterable[tuple[int, list[str]]]) -> LegacyGuess | None:
    """Return a guess when the text looks like TCVN3 or VNI mojibake, else ``None``.

    1. Count foreign and Vietnamese characters over every non-ASCII cell.
    2. Mojibake when foreign characters are at least ``MIN_FOREIGN`` and ``MIN_SHARE`` of both.
    3. Name the encoding by its signature and keep the first affected row as an example.
    """
    foreign = vietnamese = tcvn3 = vni = 0
    first: tuple[int, str] | None = None
    for number, cells in rows:
        text = " | ".join(cell for cell in cells if cell and not cell.isascii())
        if not text:
            continue
        found = len(_FOREIGN.findall(text))
        foreign += found
        vietnamese += len(_VIETNAMESE.findall(text))
        tcvn3 += len(_TCVN3.findall(text))
        vni += len(_VNI.findall(text))
        if found and first is None:
            first = (number, " | ".join(c for c in cells if c))
    if first is None or foreign < MIN_FOREIGN or foreign < MIN_SHARE * (foreign + vietnamese):
        return None
    encoding = ""
    if tcvn3 > 2 * vni:
        encoding = "TCVN3"
    elif vni > 2 * tcvn3:
        encoding = "VNI"
    return LegacyGuess(encoding=encoding, row=first[0], sample=first[1][:80])
