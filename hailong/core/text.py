"""Vietnamese text helpers: NFC normalisation, search keys and a sort key."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))


def nfc(value: str) -> str:
    """Return ``value`` in Unicode NFC with zero-width characters and the BOM removed."""
    return unicodedata.normalize("NFC", value.translate(_ZERO_WIDTH))


def clean_line(value: str) -> str:
    """NFC, collapse inner whitespace, strip. For names, titles, codes."""
    return " ".join(nfc(value).split())


def normalize_data(value: Any) -> Any:
    """Recursively NFC-normalise every string in nested dicts, lists and tuples."""
    if isinstance(value, str):
        return nfc(value)
    if isinstance(value, dict):
        return {normalize_data(k): normalize_data(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(normalize_data(v) for v in value)
    return value


def search_key(value: str) -> str:
    """A diacritic-free, case-folded key: ``"Phường Vĩnh Phúc"`` → ``"phuong vinh phuc"``."""
    decomposed = unicodedata.normalize("NFD", nfc(value))
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return " ".join(stripped.replace("đ", "d").replace("Đ", "D").casefold().split())


# Vietnamese alphabetical order: a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y,
# then tones: none, huyền (grave), hỏi (hook), ngã (tilde), sắc (acute), nặng (dot below).
_BASE_ORDER = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
_BASE_RANK = {ch: i for i, ch in enumerate(_BASE_ORDER)}
_TONE_RANK = {"": 0, "\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_TOKEN = re.compile(r"(\d+)|(\s+)|([^\W\d_]+)|(.)", re.DOTALL)


def _letter_key(ch: str) -> tuple[int, int]:
    """(rank of the base letter, tone) of one character."""
    decomposed = unicodedata.normalize("NFD", ch.lower())
    base = decomposed[0]
    marks = decomposed[1:]
    tone = 0
    letter = base
    for mark in marks:
        if mark in _TONE_RANK:
            tone = _TONE_RANK[mark]
        elif mark == "\u0306" and base == "a":
            letter = "ă"
        elif mark == "\u0302" and base in "aeo":
            letter = {"a": "â", "e": "ê", "o": "ô"}[base]
        elif mark == "\u031b" and base in "ou":
            letter = {"o": "ơ", "u": "ư"}[base]
    if base == "đ":
        letter = "đ"
    return (_BASE_RANK.get(letter, 1000 + ord(letter)), tone)


def vi_sort_key(value: str) -> tuple[Any, ...]:
    """Sort key that orders Vietnamese words as a Vietnamese dictionary does.

    Word by word: letters compare first (a < ă < â < b … d < đ …), so "ham" < "hàm" < "han";
    tones break ties (none, huyền, hỏi, ngã, sắc, nặng), then case.
    Digit runs compare numerically so "Tổ dân phố số 2" sorts before "số 10".
    """
    key: list[tuple[Any, ...]] = []
    for match in _TOKEN.finditer(nfc(value).strip()):
        token = match.group()
        if match.lastindex == 1:
            key.append((-1, int(token)))
        elif match.lastindex == 2:
            key.append((-2,))
        elif match.lastindex == 3:
            letters = [_letter_key(ch) for ch in token]
            key.append((0, [r for r, _ in letters], [t for _, t in letters], token))
        else:
            key.append((1000 + ord(token),))
    return tuple(key)
