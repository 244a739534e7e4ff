"""The upload page guesses which column of the export feeds which of our fields."""

from __future__ import annotations

import pytest

from hailong.core.errors import ServiceError
from hailong.dossiers.imports import column_letter, find_header, guess_mapping, mapping_missing


def test_it_maps_the_usual_vietnamese_headers() -> None:
    header = [
        "STT",
        "Mã hồ sơ",
        "Thủ tục",
        "Lĩnh vực",
        "Ngày tiếp nhận",
        "Ngày hẹn trả",
        "Ngày trả kết quả",
        "Cán bộ xử lý",
    ]
    assert guess_mapping(header) == {
        "code": 1,
        "procedure_name": 2,
        "field_name": 3,
        "received_on": 4,
        "due_on": 5,
        "returned_on": 6,
        "officer": 7,
    }


def test_it_ignores_diacritics_case_and_spacing() -> None:
    header = ["MA HO SO", "  ngay tiep nhan ", "NGÀY HẸN TRẢ", "ma thu tuc", "Ngay tra ket qua"]
    mapping = guess_mapping(header)
    assert mapping == {
        "code": 0,
        "received_on": 1,
        "due_on": 2,
        "procedure_code": 3,
        "returned_on": 4,
    }


def test_it_prefers_an_exact_name_to_a_partial_one_and_uses_each_column_once() -> None:
    header = ["Mã thủ tục hành chính", "Tên thủ tục hành chính", "Ngày hẹn trả kết quả"]
    mapping = guess_mapping(header)
    assert mapping["procedure_code"] == 0
    assert mapping["procedure_name"] == 1
    assert mapping["due_on"] == 2
    assert "returned_on" not in mapping


def test_it_tells_which_required_fields_have_no_column() -> None:
    assert mapping_missing({"code": 0, "received_on": 1}) == [
        "Mã thủ tục / Tên thủ tục",
        "Ngày hẹn trả",
    ]
    assert mapping_missing({"code": 0, "procedure_code": 1, "received_on": 2, "due_on": 3}) == []


def test_it_finds_the_header_below_a_title_block() -> None:
    rows = [
        (1, ["UBND PHƯỜNG NGỌC HÀ", None, None]),
        (2, ["DANH SÁCH HỒ SƠ ĐÃ TRẢ KẾT QUẢ", None, None]),
        (3, [None, None, None]),
        (4, ["Mã hồ sơ", "Ngày tiếp nhận", None, "Ngày hẹn trả", None]),
        (5, ["H-1", "02/03/2026", "x", "03/03/2026", None]),
    ]
    number, header = find_header(rows)
    assert number == 4
    assert header == ["Mã hồ sơ", "Ngày tiếp nhận", "Cột C", "Ngày hẹn trả"]


def test_an_empty_sheet_has_no_header() -> None:
    with pytest.raises(ServiceError):
        find_header([(1, [None, ""])])


@pytest.mark.parametrize(("index", "letter"), [(0, "A"), (25, "Z"), (26, "AA"), (701, "ZZ")])
def test_columns_are_named_as_in_a_spreadsheet(index: int, letter: str) -> None:
    assert column_letter(index) == letter
