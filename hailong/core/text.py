"""Vietnamese text helpers: NFC normalisation, search keys and a sort key."""

from __future__ import annotations

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
_VOWEL_MARKS = {"\u0306": "ă", "\u0302": "^", "\u031b": "ơ"}


def _letter_key(ch: str) -> tuple[int, int, str]:
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
    rank = _BASE_RANK.get(letter)
    if rank is None:
        return (1000 + ord(letter), tone, ch)
    return (rank, tone, ch)


def vi_sort_key(value: str) -> tuple[Any, ...]:
    """Sort key that orders Vietnamese words as a Vietnamese dictionary does.

    Letters compare first (a < ă < â < b … d < đ …), tones break ties, then case.
    Digit runs compare numerically so "Tổ dân phố số 2" sorts before "số 10".
    """
    text = nfc(value).strip()
    key: list[tuple[int, int, Any]] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch.isdigit():
            j = i
            while j < len(text) and text[j].isdigit():
                j += 1
            key.append((-1, int(text[i:j]), ""))
            i = j
            continue
        if ch.isspace():
            key.append((-2, 0, ""))
        else:
            letter, tone, original = _letter_key(ch)
            key.append((letter, tone, original))
        i += 1
    return tuple(key)
