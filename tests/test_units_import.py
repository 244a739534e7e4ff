"""Importing the unit tree from CSV and XLSX: all or nothing, every error with row and column."""

from __future__ import annotations

import datetime as dt
import io
import unicodedata
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError

from hailong.accounts.models import User
from hailong.accounts.roles import Role
from hailong.accounts.services import role_assign
from hailong.core.errors import PermissionDenied
from hailong.jobs.base import JobStatus
from hailong.units.importing import ImportRefused, ImportResult, units_import
from hailong.units.models import AdministrativeUnit, UnitImport, UnitKind, UnitLevel
from tests.conftest import Cast, make_user

HEADER = "ma,ten,loai,ma_cap_tren,hieu_luc_tu,hieu_luc_den,dan_so,so_ho"
EXAMPLE = Path(__file__).resolve().parent.parent / "docs" / "examples" / "units-example.csv"


def csv_file(*rows: str, header: str = HEADER) -> bytes:
    return ("\r\n".join([header, *rows]) + "\r\n").encode()


def xlsx_file(rows: list[list[Any]]) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def run(data: bytes, **kwargs: Any) -> ImportResult:
    kwargs.setdefault("actor", None)
    return units_import(source=io.BytesIO(data), **kwargs)


def snapshot() -> list[tuple[Any, ...]]:
    fields = ("pk", "name", "code", "kind", "valid_to", "population", "path")
    return list(AdministrativeUnit.objects.order_by("pk").values_list(*fields))


def refusal(data: bytes, **kwargs: Any) -> list[str]:
    """The error lines of a refused import, once checked that nothing at all was written."""
    before = snapshot()
    with pytest.raises(ImportRefused) as info:
        run(data, **kwargs)
    assert snapshot() == before
    return info.value.lines()


def unit(code: str = "", name: str = "") -> AdministrativeUnit:
    return AdministrativeUnit.objects.get(**({"code": code} if code else {"name": name}))


def to_cp1258(text: str) -> bytes:
    """Encode as Windows-1258 does: shaped letters precomposed, tones as combining marks."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            marks = unicodedata.normalize("NFD", ch)
            tone = "".join(m for m in marks if m in "\u0300\u0301\u0303\u0309\u0323")
            base = unicodedata.normalize("NFC", "".join(m for m in marks if m not in tone))
            out += (base + tone).encode("cp1258")
    return bytes(out)


# A new province listed children first: the import must still insert parents first.
NEW_PROVINCE = (
    ",Tổ dân phố Đông,Tổ dân phố,90001,01/07/2025,,1200,300",
    "90001,Phường Thử Nghiệm,Phường,90,01/07/2025,,25.000,7.000",
    "90002,Xã Thử Nghiệm,xa,90,01/07/2025,,,",
    "90,Tỉnh Thử Nghiệm,Tỉnh,,01/07/2025,,,",
)


# Good files


def test_a_good_csv_creates_the_units_parents_first_with_right_paths_and_levels(
    cast: Cast,
) -> None:
    result = run(csv_file(*NEW_PROVINCE))

    assert (result.created, result.updated, result.unchanged, result.rows) == (4, 0, 0, 4)
    province, ward, commune = unit("90"), unit("90001"), unit("90002")
    hamlet = unit(name="Tổ dân phố Đông")
    assert (province.parent, province.level, province.depth) == (None, UnitLevel.PROVINCE, 0)
    assert province.path == f"/{province.pk}/"
    assert ward.path == f"{province.path}{ward.pk}/"
    assert (ward.parent, ward.level, ward.depth, ward.kind) == (province, 3, 1, UnitKind.WARD)
    assert (commune.kind, commune.parent) == (UnitKind.COMMUNE, province)
    assert hamlet.path == f"{ward.path}{hamlet.pk}/"
    assert (hamlet.level, hamlet.depth) == (UnitLevel.HAMLET, 2)
    assert (ward.population, ward.households) == (25_000, 7_000)
    assert ward.valid_from == dt.date(2025, 7, 1)
    assert ward.search_key == "phuong thu nghiem"
    assert ward.created_at is not None


def test_a_good_xlsx_with_real_date_cells_imports_like_the_csv(cast: Cast) -> None:
    start = dt.datetime(2025, 7, 1)  # noqa: DTZ001 - what openpyxl hands back for a date cell
    data = xlsx_file(
        [
            ["Danh sách đơn vị hành chính (minh hoạ)"],
            [],
            ["Mã", "Tên", "Loại", "Mã cấp trên", "Hiệu lực từ", "Dân số"],
            ["90", "Tỉnh Thử Nghiệm", "tinh", None, start, None],
            ["90001", "Phường Thử Nghiệm", "Phường", "90", start, 25000],
            [None, "Tổ dân phố Đông", "Tổ dân phố", "90001", "01/07/2025", 1200.0],
        ]
    )

    result = run(data)

    assert result.created == 3
    ward, hamlet = unit("90001"), unit(name="Tổ dân phố Đông")
    assert ward.path == f"{unit('90').path}{ward.pk}/"
    assert (hamlet.parent, hamlet.depth, hamlet.population) == (ward, 2, 1200)
    assert hamlet.valid_from == dt.date(2025, 7, 1)


def test_an_xlsx_error_names_the_row_that_excel_shows(cast: Cast) -> None:
    data = xlsx_file(
        [
            ["Danh sách (minh hoạ)"],
            [],
            ["ten", "loai", "ma_cap_tren", "hieu_luc_tu"],
            ["Tổ dân phố A", "Tổ dân phố", "00004", dt.date(2025, 7, 1)],
            [],
            ["Tổ dân phố B", "Tổ dân phố", "00004", "hôm nay"],
        ]
    )

    lines = refusal(data)

    assert lines == [
        "Dòng 6, cột «hieu_luc_tu»: ngày «hôm nay» không hợp lệ (ghi theo dạng dd/mm/yyyy)."
    ]


def test_rows_without_a_parent_code_go_under_the_unit_imported_into(cast: Cast) -> None:
    data = csv_file(",Tổ dân phố số 2,Tổ dân phố,,01/07/2025,,,")

    run(data, actor=cast.carol, root=cast.ngoc_ha)

    hamlet = unit(name="Tổ dân phố số 2")
    assert hamlet.parent == cast.ngoc_ha
    assert hamlet.path == f"{cast.ngoc_ha.path}{hamlet.pk}/"


def test_a_parent_code_may_name_a_unit_already_in_the_database(cast: Cast) -> None:
    run(csv_file("00099,Phường Mới,phuong,01,01/07/2025,,,"), actor=cast.carol, root=cast.hanoi)

    assert unit("00099").parent == cast.hanoi


def test_re_importing_the_same_file_writes_nothing_new(cast: Cast) -> None:
    data = csv_file(
        "00004,Phường Ngọc Hà,Phường,,01/07/2025,,,",
        ",Tổ dân phố số 1,Tổ dân phố,00004,01/07/2025,,,",
        ",Tổ dân phố số 2,Tổ dân phố,00004,01/07/2025,,,",
    )
    first = run(data, actor=cast.carol, root=cast.hanoi)
    after_first = snapshot()

    second = run(data, actor=cast.carol, root=cast.hanoi)

    assert (first.created, first.unchanged) == (1, 2)
    assert (second.created, second.updated, second.unchanged) == (0, 0, 3)
    assert snapshot() == after_first


def test_re_importing_a_whole_new_province_is_idempotent(cast: Cast) -> None:
    run(csv_file(*NEW_PROVINCE))
    before = snapshot()

    result = run(csv_file(*NEW_PROVINCE))

    assert (result.created, result.unchanged) == (0, 4)
    assert snapshot() == before


def test_re_importing_updates_the_names_and_numbers_that_changed(cast: Cast) -> None:
    run(csv_file(*NEW_PROVINCE))
    changed = [row.replace("25.000", "26.500") for row in NEW_PROVINCE]
    changed[2] = "90002,Xã Thử Nghiệm Mới,xa,90,01/07/2025,,,"

    result = run(csv_file(*changed))

    assert (result.created, result.updated, result.unchanged) == (0, 2, 2)
    assert unit("90001").population == 26_500
    assert unit("90002").name == "Xã Thử Nghiệm Mới"


def test_an_empty_optional_cell_keeps_what_the_unit_already_has(cast: Cast) -> None:
    run(csv_file(*NEW_PROVINCE))

    run(csv_file("90001,Phường Thử Nghiệm,Phường,90,01/07/2025,,,"))

    assert (unit("90001").population, unit("90001").households) == (25_000, 7_000)


def test_headers_may_be_vietnamese_with_a_title_row_above_and_extra_columns(cast: Cast) -> None:
    data = (
        "DANH SÁCH ĐƠN VỊ,,,,\r\n"
        "Mã đơn vị,Tên đơn vị,Loại đơn vị,Mã cấp trên (*),Ghi chú\r\n"
        "00099,Phường Mới,Phường,01,xem lại\r\n"
    ).encode()

    result = run(data, actor=cast.carol, root=cast.hanoi)

    assert result.created == 1
    assert result.ignored_columns == ["Ghi chú"]


@pytest.mark.parametrize(
    ("written", "kind"),
    [
        ("phuong", UnitKind.WARD),
        ("PHƯỜNG", UnitKind.WARD),
        ("Phuong", UnitKind.WARD),
        ("Xã", UnitKind.COMMUNE),
        ("dac_khu", UnitKind.SPECIAL_ZONE),
        ("Đặc khu", UnitKind.SPECIAL_ZONE),
        ("Thị trấn", UnitKind.TOWNSHIP),
    ],
)
def test_kinds_may_be_written_as_codes_or_vietnamese_labels(
    cast: Cast, written: str, kind: str
) -> None:
    run(csv_file(f"00099,Đơn vị Mới,{written},01,01/07/2025,,,"))

    assert unit("00099").kind == kind


@pytest.mark.parametrize(
    ("written", "kind"),
    [
        ("Tổ dân phố", UnitKind.RESIDENTIAL_GROUP),
        ("to_dan_pho", UnitKind.RESIDENTIAL_GROUP),
        ("Thôn", UnitKind.VILLAGE),
        ("Ấp", UnitKind.HAMLET),
        ("Bản", UnitKind.HIGHLAND_VILLAGE),
    ],
)
def test_hamlet_kinds_may_be_written_as_codes_or_labels(
    cast: Cast, written: str, kind: str
) -> None:
    run(csv_file(f",Đơn vị Mới,{written},00004,01/07/2025,,,"))

    assert unit(name="Đơn vị Mới").kind == kind


@pytest.mark.parametrize(
    ("written", "kind"),
    [
        ("Thành phố trực thuộc trung ương", UnitKind.CITY),
        ("thanh_pho_tw", UnitKind.CITY),
        ("Thành phố", UnitKind.CITY),
        ("Tỉnh", UnitKind.PROVINCE),
    ],
)
def test_a_top_level_row_may_be_a_province_or_a_centrally_run_city(
    cast: Cast, written: str, kind: str
) -> None:
    run(csv_file(f"90,Đơn vị Mới,{written},,,,,"))

    assert unit("90").kind == kind


def test_a_bare_thanh_pho_under_a_province_is_a_provincial_city(cast: Cast) -> None:
    run(csv_file("901,Thành phố Thử,Thành phố,24,,30/06/2025,,"))

    assert unit("901").kind == UnitKind.PROVINCIAL_CITY


@pytest.mark.parametrize("written", ["01/07/2025", "1/7/2025", "01-07-2025", "2025-07-01"])
def test_dates_may_be_day_first_or_iso(cast: Cast, written: str) -> None:
    run(csv_file(f",Tổ dân phố mới,Tổ dân phố,00004,{written},,,"))

    assert unit(name="Tổ dân phố mới").valid_from == dt.date(2025, 7, 1)


@pytest.mark.parametrize("written", ["12345", "12.345", "12,345", "12 345"])
def test_counts_accept_vietnamese_thousand_separators(cast: Cast, written: str) -> None:
    run(csv_file(f',Tổ dân phố mới,Tổ dân phố,00004,01/07/2025,,"{written}",'))

    assert unit(name="Tổ dân phố mới").population == 12_345


def test_a_utf8_file_with_a_bom_imports(cast: Cast) -> None:
    data = b"\xef\xbb\xbf" + csv_file(",Tổ dân phố mới,Tổ dân phố,00004,01/07/2025,,,")

    run(data)

    assert unit(name="Tổ dân phố mới").parent == cast.ngoc_ha


def test_a_utf16_file_with_a_bom_imports(cast: Cast) -> None:
    text = csv_file(",Tổ dân phố mới,Tổ dân phố,00004,01/07/2025,,,").decode()

    run(text.replace(",", "\t").encode("utf-16"))

    assert unit(name="Tổ dân phố mới").parent == cast.ngoc_ha


def test_a_windows_1258_file_is_decoded_and_normalised_to_nfc(cast: Cast) -> None:
    name = "Tổ dân phố Hưng Thịnh"
    data = to_cp1258(f"{HEADER}\r\n,{name},Tổ dân phố,00004,01/07/2025,,,\r\n")
    assert unicodedata.normalize("NFC", data.decode("cp1258")) != data.decode("cp1258")

    run(data)

    stored = AdministrativeUnit.objects.get(parent=cast.ngoc_ha, code="", name__contains="Hưng")
    assert stored.name == name
    assert unicodedata.is_normalized("NFC", stored.name)


def test_a_semicolon_separated_csv_imports(cast: Cast) -> None:
    data = csv_file(
        ";Tổ dân phố mới;Tổ dân phố;00004;01/07/2025;;;", header=HEADER.replace(",", ";")
    )

    run(data)

    assert unit(name="Tổ dân phố mới").parent == cast.ngoc_ha


def test_blank_rows_and_stray_spaces_are_ignored(cast: Cast) -> None:
    data = csv_file(",,,,,,,", "  ,  Tổ dân phố   mới ,Tổ dân phố, 00004 ,01/07/2025,,,", "")

    result = run(data)

    assert result.rows == 1
    assert unit(name="Tổ dân phố mới").parent == cast.ngoc_ha


def test_a_dry_run_checks_everything_but_writes_nothing(cast: Cast) -> None:
    before = snapshot()

    result = run(csv_file(*NEW_PROVINCE), dry_run=True)

    assert (result.created, result.dry_run) == (4, True)
    assert snapshot() == before


def test_the_same_code_may_return_after_the_old_unit_ended(cast: Cast) -> None:
    run(
        csv_file(
            "90,Tỉnh Thử Nghiệm,tinh,,,,,",
            "90001,Phường Cũ,phuong,90,,30/06/2025,,",
            "90001,Phường Mới,phuong,90,01/07/2025,,,",
        )
    )

    assert AdministrativeUnit.objects.filter(code="90001").count() == 2


def test_the_documented_example_imports_into_an_empty_tree(db: None) -> None:
    result = run(EXAMPLE.read_bytes())

    assert result.created == result.rows == 9
    hamlet = unit(name="Tổ dân phố số 1")
    assert (hamlet.parent, hamlet.population) == (unit("00008"), 1250)
    assert unit("00001").parent == unit("001")


# Bad files: each names its row and column, and nothing is written


def test_missing_required_columns_are_named_before_any_row_is_read(cast: Cast) -> None:
    lines = refusal(csv_file("01,,,,", header="ma,ten_day_du,kieu,ma_cap_tren"))

    assert len(lines) == 1
    assert lines[0].startswith("Dòng 1: thiếu cột bắt buộc «ten», «loai».")


def test_a_column_named_twice_is_refused(cast: Cast) -> None:
    lines = refusal(csv_file("01,A,B,tinh", header="ma,ten,ten don vi,loai"))

    assert lines == ["Dòng 1: cột «ten don vi» có hai lần."]


def test_an_unknown_kind_is_refused_with_its_row_and_column(cast: Cast) -> None:
    lines = refusal(csv_file(*NEW_PROVINCE, "90003,Phường Lỗi,phuongg,90,01/07/2025,,,"))

    assert lines == ["Dòng 6, cột «loai»: loại đơn vị «phuongg» không hợp lệ."]


def test_a_column_is_named_as_the_file_writes_it(cast: Cast) -> None:
    header = "Mã đơn vị,Tên đơn vị,Loại đơn vị,Mã cấp trên"

    lines = refusal(csv_file("00099,Phường Lỗi,phuongg,01", header=header))

    assert lines == ["Dòng 2, cột «Loại đơn vị»: loại đơn vị «phuongg» không hợp lệ."]


@pytest.mark.parametrize("written", ["31/02/2025", "2025/07/01", "hôm qua", "01/07/25"])
def test_a_bad_date_is_refused(cast: Cast, written: str) -> None:
    lines = refusal(csv_file(f",Tổ dân phố mới,Tổ dân phố,00004,{written},,,"))

    assert lines == [
        f"Dòng 2, cột «hieu_luc_tu»: ngày «{written}» không hợp lệ (ghi theo dạng dd/mm/yyyy)."
    ]


def test_an_end_before_the_start_is_refused(cast: Cast) -> None:
    lines = refusal(csv_file(",Tổ dân phố mới,Tổ dân phố,00004,01/07/2025,30/06/2025,,"))

    assert lines == [
        "Dòng 2, cột «hieu_luc_den»: ngày hết hiệu lực (30/06/2025) trước ngày bắt đầu hiệu "
        "lực (01/07/2025)."
    ]


@pytest.mark.parametrize("written", ["-5", "12,5", "nhiều", "999999999999"])
def test_a_bad_count_is_refused(cast: Cast, written: str) -> None:
    lines = refusal(csv_file(f',Tổ dân phố mới,Tổ dân phố,00004,01/07/2025,,,"{written}"'))

    assert len(lines) == 1
    assert lines[0].startswith(f"Dòng 2, cột «so_ho»: «{written}» không phải là một số nguyên")


def test_a_missing_name_is_refused(cast: Cast) -> None:
    lines = refusal(csv_file("00099,,Phường,01,01/07/2025,,,"))

    assert lines == ["Dòng 2, cột «ten»: thiếu tên đơn vị."]


def test_a_code_twice_in_the_file_at_overlapping_times_is_refused(cast: Cast) -> None:
    lines = refusal(
        csv_file(
            "90,Tỉnh Thử Nghiệm,tinh,,,,,",
            "90001,Phường A,phuong,90,01/07/2025,,,",
            "90001,Phường A mới,phuong,90,01/01/2026,,,",
        )
    )

    assert lines == ["Dòng 4, cột «ma»: mã «90001» trùng với dòng 3 trong cùng thời gian hiệu lực."]


def test_a_code_that_clashes_with_an_existing_unit_at_an_overlapping_time_is_refused(
    cast: Cast,
) -> None:
    lines = refusal(
        csv_file("00004,Phường Khác,phuong,,01/01/2026,,,"), actor=cast.carol, root=cast.hanoi
    )

    assert lines == [
        "Dòng 2, cột «ma»: mã đơn vị 00004 đã dùng cho «Phường Ngọc Hà» trong cùng thời gian "
        "hiệu lực."
    ]


def test_a_parent_code_found_nowhere_is_refused(cast: Cast) -> None:
    lines = refusal(csv_file(",Tổ dân phố mới,Tổ dân phố,77777,01/07/2025,,,"))

    assert lines == [
        "Dòng 2, cột «ma_cap_tren»: không tìm thấy đơn vị cấp trên có mã «77777» trong tệp "
        "hay trong phạm vi bạn được xem."
    ]


def test_a_cycle_among_parent_codes_is_refused_on_every_row_of_the_cycle(cast: Cast) -> None:
    lines = refusal(
        csv_file(
            "90001,Phường A,phuong,90002,,,,",
            "90002,Phường B,phuong,90001,,,,",
            ",Tổ dân phố C,to_dan_pho,90001,,,,",
            "90003,Phường D,phuong,90003,,,,",
        )
    )

    chain = "90001 (dòng 2) → 90002 (dòng 3) → 90001 (dòng 2)"
    assert lines == [
        f"Dòng 2, cột «ma_cap_tren»: đơn vị cấp trên tạo thành vòng lặp: {chain}.",
        f"Dòng 3, cột «ma_cap_tren»: đơn vị cấp trên tạo thành vòng lặp: {chain}.",
        "Dòng 5, cột «ma_cap_tren»: đơn vị cấp trên tạo thành vòng lặp: 90003 (dòng 5) → "
        "90003 (dòng 5).",
    ]


def test_a_wrong_parent_level_is_refused_by_the_tree_rules(cast: Cast) -> None:
    lines = refusal(
        csv_file(",Tổ dân phố lạc,Tổ dân phố,,01/07/2025,,,"), actor=cast.carol, root=cast.hanoi
    )

    assert lines == [
        "Dòng 2, cột «ma_cap_tren»: «Thành phố Hà Nội» không thể là đơn vị cấp trên của một "
        "đơn vị cấp «Tổ dân phố / thôn»."
    ]


def test_a_child_valid_outside_its_parent_is_refused(cast: Cast) -> None:
    lines = refusal(csv_file(",Tổ dân phố cũ,Tổ dân phố,00004,01/01/2020,,,"))

    assert lines == [
        "Dòng 2, cột «hieu_luc_tu»: thời gian hiệu lực (01/01/2020 – …) nằm ngoài thời gian "
        "hiệu lực của đơn vị cấp trên «Phường Ngọc Hà» (01/07/2025 – …)."
    ]


def test_a_child_valid_outside_its_parent_in_the_same_file_is_refused(cast: Cast) -> None:
    lines = refusal(
        csv_file(
            "90,Tỉnh Thử Nghiệm,tinh,,01/07/2025,,,",
            "90001,Phường A,phuong,90,01/01/2025,,,",
        )
    )

    assert lines[0].startswith("Dòng 3, cột «hieu_luc_tu»: thời gian hiệu lực (01/01/2025 – …)")


def test_a_parent_outside_the_unit_imported_into_is_refused(cast: Cast) -> None:
    lines = refusal(
        csv_file(",Tổ dân phố mới,Tổ dân phố,00006,,30/06/2025,,"),
        actor=cast.carol,
        root=cast.ngoc_ha,
    )

    assert lines == [
        "Dòng 2, cột «ma_cap_tren»: đơn vị cấp trên «Phường Vĩnh Phúc» không thuộc «Phường "
        "Ngọc Hà», đơn vị đang nhập vào."
    ]


def test_a_parent_the_actor_may_see_but_not_manage_is_refused(cast: Cast) -> None:
    dana = make_user("dana")
    role_assign(actor=None, user=dana, unit=cast.hanoi, role=Role.VIEWER)
    role_assign(actor=None, user=dana, unit=cast.ngoc_ha, role=Role.ADMIN)

    lines = refusal(csv_file("00099,Phường Mới,phuong,01,01/07/2025,,,"), actor=dana)

    assert lines == [
        "Dòng 2, cột «ma_cap_tren»: bạn không có quyền quản lý đơn vị cấp trên «Thành phố Hà Nội»."
    ]


def test_a_parent_outside_what_the_actor_may_see_is_not_found(cast: Cast) -> None:
    lines = refusal(
        csv_file("00099,Phường Mới,phuong,24,01/07/2025,,,"), actor=cast.carol, root=cast.hanoi
    )

    assert lines == [
        "Dòng 2, cột «ma_cap_tren»: không tìm thấy đơn vị cấp trên có mã «24» trong tệp hay "
        "trong phạm vi bạn được xem."
    ]


def test_only_a_superuser_may_add_provinces(cast: Cast) -> None:
    lines = refusal(csv_file("90,Tỉnh Thử Nghiệm,tinh,,,,,"), actor=cast.carol)

    run(csv_file("90,Tỉnh Thử Nghiệm,tinh,,,,,"), actor=cast.root)

    assert lines == [
        "Dòng 2, cột «ma_cap_tren»: thiếu mã đơn vị cấp trên (chỉ quản trị hệ thống mới thêm "
        "được đơn vị cấp tỉnh)."
    ]
    assert unit("90").level == UnitLevel.PROVINCE


def test_a_user_who_may_only_view_the_unit_cannot_import_into_it(cast: Cast) -> None:
    with pytest.raises(PermissionDenied):
        run(csv_file(",Tổ dân phố mới,Tổ dân phố,,,,,"), actor=cast.bob, root=cast.ngoc_ha)


def test_a_unit_imported_before_keeps_its_level(cast: Cast) -> None:
    lines = refusal(csv_file("00004,Phường Ngọc Hà,Tỉnh,01,01/07/2025,,,"))

    assert lines == [
        "Dòng 2, cột «loai»: «Phường Ngọc Hà» đã có trong hệ thống ở cấp «Xã / phường / đặc "
        "khu»; không đổi cấp đơn vị bằng cách nhập tệp."
    ]


def test_ending_a_unit_before_its_children_end_is_refused(cast: Cast) -> None:
    lines = refusal(csv_file("00004,Phường Ngọc Hà,Phường,01,01/07/2025,31/12/2025,,"))

    assert lines == [
        "Dòng 2, cột «hieu_luc_den»: đơn vị cấp dưới «Tổ dân phố số 1» còn hiệu lực sau 31/12/2025."
    ]


def test_two_unnamed_twins_under_one_parent_are_refused(cast: Cast) -> None:
    lines = refusal(
        csv_file(
            ",Tổ dân phố số 5,Tổ dân phố,00004,01/07/2025,,,",
            ",TỔ DÂN PHỐ SỐ 5,Tổ dân phố,00004,01/07/2025,,,",
        )
    )

    assert lines == [
        "Dòng 3, cột «ten»: đơn vị «TỔ DÂN PHỐ SỐ 5» không có mã và trùng tên với dòng 2 (cùng "
        "đơn vị cấp trên, cùng thời gian hiệu lực)."
    ]


def test_a_broken_parent_row_does_not_flood_its_children_with_errors(cast: Cast) -> None:
    lines = refusal(
        csv_file(
            "90,Tỉnh Thử Nghiệm,tinhh,,,,,",
            *[f"9{i:04},Phường {i},phuong,90,,,," for i in range(1, 6)],
        )
    )

    assert lines == ["Dòng 2, cột «loai»: loại đơn vị «tinhh» không hợp lệ."]


def test_every_error_is_collected_and_the_list_is_capped(cast: Cast) -> None:
    rows = [f",Tổ {i},loai_sai,00004,,,," for i in range(250)]

    lines = refusal(csv_file(*rows))

    assert len(lines) == 201
    assert lines[0] == "Dòng 2, cột «loai»: loại đơn vị «loai_sai» không hợp lệ."
    assert lines[-1] == "… và 50 lỗi khác."


def test_one_bad_row_keeps_every_good_row_out(cast: Cast) -> None:
    lines = refusal(csv_file(*NEW_PROVINCE, ",Tổ lỗi,Tổ dân phố,90001,32/13/2025,,,"))

    assert len(lines) == 1
    assert not AdministrativeUnit.objects.filter(code="90").exists()


# Encodings and file-level refusals


def test_a_tcvn3_file_is_refused_with_a_clear_vietnamese_message(cast: Cast) -> None:
    # "Phường Ngọc Hà", "Tổ dân phố số 1" typed with the TCVN3 (ABC) table.
    data = f"{HEADER}\r\n,Tæ d©n phè sè 1,Tæ d©n phè,,,,,\r\n,Ph\xadêng Ngäc Hµ,Ph\xadêng,,,,,\r\n"

    lines = refusal(data.encode("cp1252"))

    assert len(lines) == 1
    assert "bảng mã cũ TCVN3 (ABC)" in lines[0]
    assert "dòng 2: «Tæ d©n phè sè 1" in lines[0]
    assert "«CSV UTF-8»" in lines[0]


def test_tcvn3_text_saved_as_utf8_from_excel_is_refused_too(cast: Cast) -> None:
    data = f"{HEADER}\r\n,Ph\xadêng Ngäc Hµ,Ph\xadêng,,,,,\r\n".encode()

    lines = refusal(data)

    assert "TCVN3" in lines[0]


def test_tcvn3_text_in_an_xlsx_is_refused(cast: Cast) -> None:
    data = xlsx_file([["ten", "loai"], ["Tæ d©n phè sè 1", "Tæ d©n phè"]])

    assert "TCVN3" in refusal(data)[0]


def test_a_vni_file_is_refused_with_a_clear_vietnamese_message(cast: Cast) -> None:
    # "Phường Ngọc Hà", "Tổ dân phố" typed with the VNI table.
    data = f"{HEADER}\r\n,Phöôøng Ngoïc Haø,Phöôøng,,,,,\r\n,Toå daân phoá,Toå daân phoá,,,,,\r\n"

    lines = refusal(data.encode("cp1252"))

    assert len(lines) == 1
    assert "bảng mã cũ VNI" in lines[0]
    assert "dòng 2" in lines[0]


def test_an_empty_file_is_refused(cast: Cast) -> None:
    assert refusal(b"") == ["Tệp rỗng."]
    assert refusal(b"\xef\xbb\xbf\r\n\r\n") == ["Tệp rỗng."]


def test_a_header_without_rows_is_refused(cast: Cast) -> None:
    assert refusal(csv_file()) == ["Tệp không có dòng dữ liệu nào dưới dòng tiêu đề."]


def test_a_file_over_the_size_limit_is_refused(cast: Cast) -> None:
    lines = refusal(csv_file(*NEW_PROVINCE), max_bytes=100)

    assert len(lines) == 1
    assert lines[0].startswith("Tệp lớn hơn giới hạn 100")


def test_the_size_limit_comes_from_the_settings(cast: Cast, settings: Any) -> None:
    settings.HAILONG_MAX_IMPORT_BYTES = 2 * 1024 * 1024

    lines = refusal(csv_file(*NEW_PROVINCE) + b" " * 2 * 1024 * 1024)

    assert lines[0].startswith("Tệp lớn hơn giới hạn 2")


def test_a_file_over_the_row_cap_is_refused(cast: Cast) -> None:
    lines = refusal(csv_file(*NEW_PROVINCE), max_rows=3)

    assert lines == ["Tệp có quá nhiều dòng: tối đa 3 dòng dữ liệu."]


def test_an_old_xls_workbook_is_refused(cast: Cast) -> None:
    lines = refusal(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)

    assert lines[0].startswith("Tệp .xls (Excel 97–2003) chưa được hỗ trợ.")


def test_a_broken_xlsx_is_refused(cast: Cast) -> None:
    lines = refusal(b"PK\x03\x04 not really a zip")

    assert lines[0].startswith("Không đọc được tệp XLSX.")


# The job


@pytest.fixture
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def make_job(cast: Cast, data: bytes, **kwargs: Any) -> UnitImport:
    kwargs.setdefault("created_by", cast.carol)
    return UnitImport.objects.create(
        root=kwargs.pop("root", cast.ngoc_ha),
        file=ContentFile(data, name="to-dan-pho.csv"),
        original_name="to-dan-pho.csv",
        **kwargs,
    )


def test_the_job_imports_its_file_and_records_the_counts(cast: Cast, media: Path) -> None:
    job = make_job(cast, csv_file(",Tổ dân phố số 2,Tổ dân phố,,01/07/2025,,,"))

    assert job.run() is True

    job.refresh_from_db()
    assert (job.status, job.created_count, job.error_total) == (JobStatus.COMPLETE, 1, 0)
    assert (job.progress_done, job.progress_total, job.percent) == (1, 1, 100)
    assert unit(name="Tổ dân phố số 2").parent == cast.ngoc_ha


def test_the_job_keeps_every_error_and_writes_nothing(cast: Cast, media: Path) -> None:
    rows = [f",Tổ {i},loai_sai,,,,," for i in range(205)]
    job = make_job(cast, csv_file(*rows))
    before = snapshot()

    job.run()

    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert (len(job.errors), job.error_total, job.errors_more) == (200, 205, 5)
    assert job.errors[0] == {
        "row": 2,
        "column": "loai",
        "message": "loại đơn vị «loai_sai» không hợp lệ.",
        "text": "Dòng 2, cột «loai»: loại đơn vị «loai_sai» không hợp lệ.",
    }
    assert job.error.startswith("Tệp có 205 lỗi, chưa ghi gì vào hệ thống.")
    assert snapshot() == before


def test_a_dry_run_job_counts_but_writes_nothing(cast: Cast, media: Path) -> None:
    job = make_job(cast, csv_file(",Tổ dân phố số 2,Tổ dân phố,,01/07/2025,,,"), dry_run=True)
    before = snapshot()

    job.run()

    job.refresh_from_db()
    assert (job.status, job.created_count) == (JobStatus.COMPLETE, 1)
    assert snapshot() == before


def test_the_job_of_an_uploader_whose_account_is_gone_fails(cast: Cast, media: Path) -> None:
    job = make_job(cast, csv_file(",Tổ dân phố số 2,Tổ dân phố,,,,,"), created_by=None)

    job.run()

    job.refresh_from_db()
    assert (job.status, job.error) == (
        JobStatus.FAILED,
        "Tài khoản đã tải tệp lên không còn tồn tại.",
    )


def test_a_job_runs_only_once(cast: Cast, media: Path) -> None:
    job = make_job(cast, csv_file(",Tổ dân phố số 2,Tổ dân phố,,01/07/2025,,,"))

    assert job.run() is True
    assert UnitImport.objects.get(pk=job.pk).run() is False
    assert AdministrativeUnit.objects.filter(name="Tổ dân phố số 2").count() == 1


# The command


@pytest.fixture
def example_file(tmp_path: Path) -> Path:
    path = tmp_path / "units.csv"
    path.write_bytes(csv_file(*NEW_PROVINCE))
    return path


def test_the_command_imports_and_prints_a_summary(db: None, example_file: Path) -> None:
    out = io.StringIO()

    call_command("import_units", str(example_file), stdout=out)

    assert out.getvalue().startswith("Đã nhập 4 dòng trong ")
    assert "thêm 4, cập nhật 0, giữ nguyên 0 đơn vị." in out.getvalue()
    assert AdministrativeUnit.objects.count() == 4


def test_the_command_prints_every_error_and_exits_with_1(db: None, tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(csv_file("90,Tỉnh,tinhh,,,,,", "91,Tỉnh 2,tinh,,99/99/2025,,,"))
    err = io.StringIO()

    with pytest.raises(CommandError) as info:
        call_command("import_units", str(path), stderr=err)

    assert info.value.returncode == 1
    assert err.getvalue().splitlines() == [
        "Dòng 2, cột «loai»: loại đơn vị «tinhh» không hợp lệ.",
        "Dòng 3, cột «hieu_luc_tu»: ngày «99/99/2025» không hợp lệ (ghi theo dạng dd/mm/yyyy).",
    ]
    assert AdministrativeUnit.objects.count() == 0


def test_the_command_dry_run_writes_nothing(db: None, example_file: Path) -> None:
    out = io.StringIO()

    call_command("import_units", str(example_file), "--dry-run", stdout=out)

    assert "chạy thử, chưa ghi gì" in out.getvalue()
    assert AdministrativeUnit.objects.count() == 0


def test_the_command_runs_with_the_scope_of_the_named_user(cast: Cast, example_file: Path) -> None:
    with pytest.raises(CommandError):
        call_command("import_units", str(example_file), "--user", "carol", stderr=io.StringIO())

    call_command("import_units", str(example_file), "--user", "root", stdout=io.StringIO())

    assert unit("90").parent is None


def test_the_command_refuses_an_unknown_user(db: None, example_file: Path) -> None:
    with pytest.raises(CommandError, match="nobody"):
        call_command("import_units", str(example_file), "--user", "nobody")


def test_an_inactive_account_has_no_scope(cast: Cast) -> None:
    User.objects.filter(pk=cast.carol.pk).update(is_active=False)
    carol = User.objects.get(pk=cast.carol.pk)

    with pytest.raises(PermissionDenied):
        run(csv_file(",Tổ dân phố số 2,Tổ dân phố,,,,,"), actor=carol, root=cast.ngoc_ha)
