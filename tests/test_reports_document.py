"""The administrative document as data: date line, numbering, recipients, NFC."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest

from hailong.reports.document import (
    AdminDocument,
    BulletList,
    Heading,
    Paragraph,
    Signer,
    Table,
    heading_numbers,
    place_date_line,
    place_name,
    recipient_lines,
    roman,
)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2023, 10, 5), "Vĩnh Phúc, ngày 05 tháng 10 năm 2023"),
        (dt.date(2023, 1, 30), "Vĩnh Phúc, ngày 30 tháng 01 năm 2023"),
        (dt.date(2024, 2, 9), "Vĩnh Phúc, ngày 09 tháng 02 năm 2024"),
        (dt.date(2023, 3, 1), "Vĩnh Phúc, ngày 01 tháng 3 năm 2023"),
        (dt.date(2023, 9, 20), "Vĩnh Phúc, ngày 20 tháng 9 năm 2023"),
        (dt.date(2023, 12, 10), "Vĩnh Phúc, ngày 10 tháng 12 năm 2023"),
    ],
)
def test_the_date_line_pads_days_under_10_and_months_1_and_2(day: dt.date, expected: str) -> None:
    assert place_date_line("Vĩnh Phúc", day) == expected


@pytest.mark.parametrize(
    ("name", "place"),
    [
        ("Phường Vĩnh Phúc", "Vĩnh Phúc"),
        ("Xã Đông Anh", "Đông Anh"),
        ("Thị trấn Sóc Sơn", "Sóc Sơn"),
        ("Phường 1", "Phường 1"),
        ("Thành phố Hà Nội", "Thành phố Hà Nội"),
    ],
)
def test_the_place_is_the_plain_name_unless_the_name_is_a_number(name: str, place: str) -> None:
    assert place_name(name) == place


def test_roman_numerals() -> None:
    assert [roman(n) for n in (1, 2, 4, 9, 14, 40, 1990)] == [
        "I",
        "II",
        "IV",
        "IX",
        "XIV",
        "XL",
        "MCMXC",
    ]
    with pytest.raises(ValueError, match="start at 1"):
        roman(0)


def test_headings_number_i_1_a_and_restart_under_each_parent() -> None:
    blocks = [
        Heading("Mục đích, yêu cầu"),
        Heading("Mục đích", level=2),
        Paragraph("…"),
        Heading("Yêu cầu", level=2),
        Heading("Chi tiết", level=3),
        Heading("Khác", level=3),
        Heading("Nội dung thực hiện"),
        Heading("Nội dung", level=2),
        Heading("Không đánh số", level=2, numbered=False),
        Heading("Hình thức", level=2),
    ]

    assert heading_numbers(blocks) == ["I.", "1.", "", "2.", "a)", "b)", "II.", "1.", "", "2."]
    assert blocks[0].display_text == "MỤC ĐÍCH, YÊU CẦU"
    assert blocks[1].display_text == "Mục đích"


def test_recipients_get_a_dash_a_semicolon_and_a_full_stop_at_the_end() -> None:
    assert recipient_lines(["UBND quận Ba Đình;", "- Như trên", "Lưu: VT."]) == [
        "- UBND quận Ba Đình;",
        "- Như trên;",
        "- Lưu: VT.",
    ]


def test_the_number_line_adds_so_only_when_missing() -> None:
    kwargs = {
        "issuing_body_parent": "UBND QUẬN BA ĐÌNH",
        "issuing_body": "UBND PHƯỜNG VĨNH PHÚC",
        "place": "Vĩnh Phúc",
        "date": dt.date(2023, 10, 5),
        "kind": "KẾ HOẠCH",
        "title": "T",
    }
    assert AdminDocument(number_symbol="125/KH-UBND", **kwargs).number_line == "Số: 125/KH-UBND"
    assert AdminDocument(number_symbol="Số: 125/KH-UBND", **kwargs).number_line == (
        "Số: 125/KH-UBND"
    )


def test_every_string_becomes_nfc_even_inside_tables_and_lists() -> None:
    def nfd(text: str) -> str:
        return unicodedata.normalize("NFD", text)

    document = AdminDocument(
        issuing_body_parent=nfd("UBND QUẬN BA ĐÌNH"),
        issuing_body=nfd("UBND PHƯỜNG VĨNH PHÚC"),
        number_symbol="125/KH-UBND",
        place=nfd("Vĩnh Phúc"),
        date=dt.date(2023, 10, 5),
        kind=nfd("KẾ HOẠCH"),
        title=nfd("Tuyên truyền"),
        recipients=(nfd("Lưu: VT"),),
        signer=Signer(authority=(nfd("TM. ỦY BAN NHÂN DÂN"),), name=nfd("Trần Thị Thu Hà")),
    )
    table = Table(headers=(nfd("Họ và tên"),), rows=((nfd("Đỗ Quang Huy"),),))
    bullets = BulletList(items=(nfd("Phổ biến"),))

    assert document.issuing_body == "UBND PHƯỜNG VĨNH PHÚC"
    assert document.place_date == "Vĩnh Phúc, ngày 05 tháng 10 năm 2023"
    assert document.signer.name == "Trần Thị Thu Hà"
    assert document.recipients == ("Lưu: VT",)
    assert table.rows == (("Đỗ Quang Huy",),)
    assert bullets.items == ("Phổ biến",)


def test_a_table_row_must_have_one_cell_per_header() -> None:
    with pytest.raises(ValueError, match="one cell per header"):
        Table(headers=("TT", "Tên"), rows=(("1",),))


def test_table_widths_become_percentages_and_alignment_defaults_to_left() -> None:
    table = Table(headers=("TT", "Tên", "Số"), rows=(), widths=(1, 2, 1), align=("center",))

    assert table.width_percents() == [25.0, 50.0, 25.0]
    assert table.column_alignments() == ["center", "left", "left"]
