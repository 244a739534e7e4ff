"""Vietnamese text helpers: NFC at the boundary, diacritic-free search keys, dictionary order."""

from __future__ import annotations

import itertools
import unicodedata

import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from hailong.core.text import clean_line, nfc, normalize_data, search_key, vi_sort_key

VIETNAMESE_LETTERS = (
    "aàảãáạăằẳẵắặâầẩẫấậbcdđeèẻẽéẹêềểễếệghiìỉĩíịklmnoòỏõóọôồổỗốộơờởỡớợpqrstuùủũúụưừửữứựvxyỳỷỹýỵ"
)
VIETNAMESE_WORDS = st.text(alphabet=VIETNAMESE_LETTERS + VIETNAMESE_LETTERS.upper() + " 0123456789")
VIETNAMESE_TEXT = st.text(
    alphabet=VIETNAMESE_LETTERS + VIETNAMESE_LETTERS.upper() + " 0123456789-–.,"
)


def nfd(value: str) -> str:
    return unicodedata.normalize("NFD", value)


def test_it_composes_nfd_input_into_nfc() -> None:
    decomposed = nfd("Phường Vĩnh Phúc")
    assert decomposed != "Phường Vĩnh Phúc"
    assert nfc(decomposed) == "Phường Vĩnh Phúc"


def test_it_removes_zero_width_characters_and_the_bom() -> None:
    assert nfc("\ufeffTổ\u200b dân\u200c phố\u200d số\u2060 1") == "Tổ dân phố số 1"


def test_it_collapses_whitespace_in_a_line() -> None:
    assert clean_line(f"  {nfd('Ngọc')}\t\n  Hà  ") == "Ngọc Hà"


def test_it_normalises_every_string_in_nested_data() -> None:
    data = {nfd("tên"): [nfd("Hà"), (nfd("Đình"), 3)], "n": None}
    assert normalize_data(data) == {"tên": ["Hà", ("Đình", 3)], "n": None}


@pytest.mark.parametrize(
    ("value", "key"),
    [
        ("Phường Vĩnh Phúc", "phuong vinh phuc"),
        ("Quận Ba Đình", "quan ba dinh"),
        ("đường Độc Lập", "duong doc lap"),
        ("  Tổ   dân phố số 5 ", "to dan pho so 5"),
        ("Ủy ban Mặt trận Tổ quốc", "uy ban mat tran to quoc"),
    ],
)
def test_it_makes_a_diacritic_free_search_key(value: str, key: str) -> None:
    assert search_key(value) == key
    assert search_key(nfd(value)) == key


def _sorted(words: list[str]) -> list[str]:
    return sorted(words, key=vi_sort_key)


def test_it_orders_the_vowels_with_marks_after_the_plain_vowel() -> None:
    assert _sorted(["b", "â", "ă", "a"]) == ["a", "ă", "â", "b"]
    assert _sorted(["ơ", "ô", "o"]) == ["o", "ô", "ơ"]
    assert _sorted(["ư", "v", "u"]) == ["u", "ư", "v"]


def test_it_orders_d_before_dd() -> None:
    assert _sorted(["Đông", "Dương", "Ea"]) == ["Dương", "Đông", "Ea"]


def test_it_orders_the_tones_as_a_dictionary_does() -> None:
    # none, huyền, hỏi, ngã, sắc, nặng
    assert _sorted(["mạ", "má", "mã", "mả", "mà", "ma"]) == ["ma", "mà", "mả", "mã", "má", "mạ"]


def test_it_compares_the_letters_of_a_word_before_its_tone() -> None:
    assert _sorted(["han", "hàm", "ham"]) == ["ham", "hàm", "han"]
    assert _sorted(["Phường Cống Vị", "Phường Cổ Nhuế"]) == ["Phường Cổ Nhuế", "Phường Cống Vị"]


def test_it_compares_numbers_by_value() -> None:
    names = ["Tổ dân phố số 10", "Tổ dân phố số 2", "Tổ dân phố số 1"]
    assert _sorted(names) == ["Tổ dân phố số 1", "Tổ dân phố số 2", "Tổ dân phố số 10"]


def test_it_puts_a_shorter_name_before_a_longer_one_it_starts() -> None:
    assert _sorted(["Phường Ngọc Hà", "Phường Ngọc"]) == ["Phường Ngọc", "Phường Ngọc Hà"]


def test_it_sorts_the_same_whether_the_input_is_nfc_or_nfd() -> None:
    assert vi_sort_key(nfd("Phường Vĩnh Phúc")) == vi_sort_key("Phường Vĩnh Phúc")


@hypothesis_settings(database=None)
@given(st.text())
def test_nfc_is_idempotent(value: str) -> None:
    once = nfc(value)
    assert nfc(once) == once
    assert unicodedata.is_normalized("NFC", once)


@hypothesis_settings(database=None)
@given(VIETNAMESE_WORDS)
def test_it_makes_an_ascii_search_key_from_any_vietnamese_text(value: str) -> None:
    key = search_key(value)
    assert key.isascii()
    assert search_key(nfd(value)) == key


@hypothesis_settings(database=None)
@given(st.lists(VIETNAMESE_TEXT, min_size=2, max_size=8))
def test_it_sorts_any_vietnamese_text_the_same_whatever_the_input_order(
    values: list[str],
) -> None:
    keys = [vi_sort_key(value) for value in _sorted(values)]
    assert keys == [vi_sort_key(value) for value in _sorted(list(reversed(values)))]


@hypothesis_settings(database=None)
@given(st.lists(st.text(), min_size=2, max_size=8))
def test_it_gives_a_comparable_sort_key_for_any_text(values: list[str]) -> None:
    keys = [vi_sort_key(value) for value in _sorted(values)]
    assert all(a <= b for a, b in itertools.pairwise(keys))
