"""``unit_roster``: the departments, officers, groups and organisations of a ward."""

from __future__ import annotations

import datetime as dt

import pytest

from hailong.reports.document import BulletList, Heading, Table
from hailong.reports.kinds import KINDS, kinds_for
from hailong.reports.models import ReportJob
from hailong.units import services as unit_services
from hailong.units.models import DepartmentKind
from tests.conftest import Cast


@pytest.fixture
def ward(cast: Cast) -> Cast:
    """Ngọc Hà with a chair, a vice-chair, a retired officer, groups and an organisation."""
    office = unit_services.department_save(
        unit=cast.ngoc_ha, kind=DepartmentKind.OFFICE, name="Văn phòng – Thống kê"
    )
    unit_services.officer_save(
        unit=cast.ngoc_ha,
        full_name="Trần Thị Thu Hà",
        title="Phó Chủ tịch UBND phường",
        department=office,
    )
    unit_services.officer_save(
        unit=cast.ngoc_ha,
        full_name="Nguyễn Văn Hùng",
        title="Chủ tịch UBND phường",
        department=office,
    )
    retired = unit_services.officer_save(unit=cast.ngoc_ha, full_name="Lê Văn Cũ", title="X")
    retired.active = False
    retired.save()
    unit_services.unit_create(
        kind="to_dan_pho",
        name="Tổ dân phố số 10",
        parent=cast.ngoc_ha,
        valid_from=dt.date(2025, 7, 1),
        households=1234,
    )
    unit_services.mass_organisation_save(
        unit=cast.ngoc_ha, kind="phu_nu", name="Hội Liên hiệp Phụ nữ phường Ngọc Hà"
    )
    return cast


def job(cast: Cast, fmt: str = "pdf") -> ReportJob:
    return ReportJob.objects.create(
        unit=cast.ngoc_ha, kind="unit_roster", format=fmt, params={"date": "05/08/2025"}
    )


def test_it_is_offered_for_commune_level_units_only(cast: Cast) -> None:
    roster = KINDS["unit_roster"]

    assert roster in kinds_for(cast.ngoc_ha)
    assert roster not in kinds_for(cast.hanoi)
    assert roster not in kinds_for(cast.group1)


def test_the_document_carries_the_letterhead_of_the_ward_and_its_parent(ward: Cast) -> None:
    document = KINDS["unit_roster"].document(job(ward))

    assert document.issuing_body_parent == "UBND THÀNH PHỐ HÀ NỘI"
    assert document.issuing_body == "UBND PHƯỜNG NGỌC HÀ"
    assert document.place_date == "Ngọc Hà, ngày 05 tháng 8 năm 2025"
    assert document.kind == "BÁO CÁO"
    assert document.title.endswith("phường Ngọc Hà")
    assert document.signer.authority == ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH")
    assert document.signer.name == "Nguyễn Văn Hùng"
    assert document.recipients[0] == "UBND thành phố Hà Nội"


def test_it_lists_active_officers_chair_first_then_groups_and_organisations(ward: Cast) -> None:
    document = KINDS["unit_roster"].document(job(ward))
    tables = [block for block in document.sections if isinstance(block, Table)]
    headings = [block.text for block in document.sections if isinstance(block, Heading)]

    assert headings == [
        "Thông tin chung",
        "Các bộ phận chuyên môn",
        "Cán bộ, công chức",
        "Tổ dân phố, thôn",
        "Tổ chức chính trị – xã hội",
    ]
    departments, officers, groups, organisations = tables
    assert [row[1] for row in officers.rows] == [
        "Nguyễn Văn Hùng",
        "Trần Thị Thu Hà",
        "Đỗ Quang Huy",
    ]
    assert ("2", "Văn phòng – Thống kê", "2") in departments.rows
    assert [row[1:] for row in groups.rows] == [
        ("Tổ dân phố số 1", ""),
        ("Tổ dân phố số 10", "1.234"),
    ]
    assert organisations.rows[0][1] == "Hội Liên hiệp Phụ nữ phường Ngọc Hà"
    facts = next(block for block in document.sections if isinstance(block, BulletList))
    assert "Số bộ phận chuyên môn: 2; số cán bộ, công chức: 3;" in facts.items


def test_an_empty_section_says_there_is_no_data(cast: Cast) -> None:
    document = KINDS["unit_roster"].document(job(cast))

    texts = [getattr(block, "text", "") for block in document.sections]
    assert "Chưa có số liệu." in texts  # no organisations yet


def test_the_table_form_lists_the_officers_with_numbers_as_numbers(ward: Cast) -> None:
    stream = KINDS["unit_roster"].table(job(ward, "csv"))

    rows = list(stream.rows)
    assert stream.headers == ["TT", "Họ và tên", "Chức danh", "Bộ phận", "Mã cán bộ"]
    assert rows[0][:3] == [1, "Nguyễn Văn Hùng", "Chủ tịch UBND phường"]
    assert stream.total == 3
    assert ("Bộ lọc", "Đơn vị: Phường Ngọc Hà; Ngày: 05/08/2025") in stream.meta.lines()


def test_the_roster_reads_in_a_fixed_number_of_queries(
    ward: Cast, django_assert_num_queries: object
) -> None:
    report = job(ward)
    report = ReportJob.objects.select_related("unit__parent").get(pk=report.pk)

    # departments, officers, groups, organisations, the chair
    with django_assert_num_queries(5):  # type: ignore[operator]
        KINDS["unit_roster"].document(report)
