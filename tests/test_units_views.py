"""The unit tree's staff pages, used as staff use them: through the real forms."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from hailong.accounts.models import RoleAssignment, User
from hailong.accounts.roles import Role
from hailong.units import services
from hailong.units.models import (
    AdministrativeUnit,
    Department,
    MassOrganisation,
    Officer,
    UnitKind,
    UnitSuccession,
)
from tests.conftest import PASSWORD, Cast

BAD_DATE = "Vui lòng nhập ngày hợp lệ theo dạng ngày/tháng/năm, ví dụ 05/03/2026."


@pytest.fixture(autouse=True)
def _frozen_today() -> Iterator[None]:
    """The tree shows the units valid today: keep "today" after the 1/7/2025 reorganisation."""
    with time_machine.travel(dt.datetime(2026, 3, 15, 9, 0, tzinfo=dt.UTC), tick=False):
        yield


def _post(client: Client, name: str, pk: int, data: dict[str, Any]) -> Any:
    return client.post(reverse(name, args=[pk]), data)


def _body(response: Any) -> str:
    return str(response.content.decode())


# A city administrator builds a ward ----------------------------------------------------------


def test_a_city_admin_adds_a_ward_with_its_people_and_it_appears_in_the_tree(cast: Cast) -> None:
    carol = cast.client(cast.carol)

    response = _post(
        carol,
        "units:create_child",
        cast.hanoi.pk,
        {
            "kind": UnitKind.WARD,
            "name": "Phường Giảng Võ",
            "code": "00031",
            "valid_from": "01/07/2025",
            "population": "94000",
            "households": "26300",
            "email": "giangvo@hanoi.gov.vn",
        },
    )
    ward = AdministrativeUnit.objects.get(name="Phường Giảng Võ")
    assert response.status_code == 302
    assert response["Location"] == reverse("units:detail", args=[ward.pk])
    assert (ward.parent, ward.valid_from, ward.population) == (
        cast.hanoi,
        dt.date(2025, 7, 1),
        94000,
    )

    assert _post(
        carol, "units:department_create", ward.pk, {"kind": "mot_cua", "name": "Bộ phận một cửa"}
    ).status_code == (302)
    department = Department.objects.get(unit=ward)
    assert _post(
        carol,
        "units:officer_create",
        ward.pk,
        {
            "full_name": "Nguyễn Thị Hoa",
            "title": "Công chức một cửa",
            "department": department.pk,
            "active": "on",
        },
    ).status_code == (302)
    assert _post(
        carol,
        "units:organisation_create",
        ward.pk,
        {"kind": "phu_nu", "name": "Hội Liên hiệp Phụ nữ phường Giảng Võ", "members": "1200"},
    ).status_code == (302)
    assert _post(
        carol,
        "units:create_child",
        ward.pk,
        {"kind": UnitKind.RESIDENTIAL_GROUP, "name": "Tổ dân phố số 1", "valid_from": "01/07/2025"},
    ).status_code == (302)
    assert _post(
        carol,
        "staff_accounts:staff_create",
        ward.pk,
        {
            "full_name": "Lê Văn Minh",
            "username": "giangvo.lanhdao",
            "role": Role.LEADER,
            "password": PASSWORD,
        },
    ).status_code == (302)

    officer = Officer.objects.get(unit=ward)
    assert (officer.full_name, officer.department) == ("Nguyễn Thị Hoa", department)
    assert MassOrganisation.objects.get(unit=ward).members == 1200
    assert ward.children.get().path == f"{ward.path}{ward.children.get().pk}/"
    assignment = RoleAssignment.objects.get(user__username="giangvo.lanhdao")
    assert (assignment.unit, assignment.role, assignment.created_by) == (
        ward,
        Role.LEADER,
        cast.carol,
    )

    tree = _body(carol.get(reverse("units:tree")))
    assert "Phường Giảng Võ" in tree
    page = _body(carol.get(reverse("units:detail", args=[ward.pk])))
    assert "Nguyễn Thị Hoa" in page
    assert "Hội Liên hiệp Phụ nữ phường Giảng Võ" in page
    assert "giangvo.lanhdao" in page

    leader = Client()
    assert leader.login(username="giangvo.lanhdao", password=PASSWORD)
    leader_tree = _body(leader.get(reverse("units:tree")))
    assert "Phường Giảng Võ" in leader_tree
    assert "Phường Ngọc Hà" not in leader_tree


def test_a_city_admin_edits_a_ward_with_dates_shown_as_dd_mm_yyyy(cast: Cast) -> None:
    carol = cast.client(cast.carol)
    url = reverse("units:edit", args=[cast.ngoc_ha.pk])
    assert 'value="01/07/2025"' in _body(carol.get(url))
    response = carol.post(
        url,
        {"kind": UnitKind.WARD, "name": "Phường Ngọc Hà", "code": "00004", "valid_from": "1/7/2025"}
        | {"population": "102000"},
    )
    assert response.status_code == 302
    cast.ngoc_ha.refresh_from_db()
    assert cast.ngoc_ha.population == 102000


def test_the_succession_form_links_vinh_phuc_to_a_new_ward(cast: Cast) -> None:
    giang_vo = services.unit_create(
        kind=UnitKind.WARD,
        name="Phường Giảng Võ",
        parent=cast.hanoi,
        valid_from=dt.date(2025, 7, 1),
    )
    carol = cast.client(cast.carol)
    url = reverse("units:succession_create", args=[cast.vinh_phuc.pk])
    form = _body(carol.get(url))
    assert "Phường Giảng Võ" in form
    assert "Phường Kinh Bắc" not in form
    assert "Thành phố Hà Nội" not in form.split("<form", 1)[1]

    response = carol.post(
        url,
        {
            "successor": giang_vo.pk,
            "effective_date": "01/07/2025",
            "share": "0,4",
            "legal_basis": "Nghị quyết 1656/NQ-UBTVQH15",
        },
    )
    assert response.status_code == 302
    link = UnitSuccession.objects.get(predecessor=cast.vinh_phuc, successor=giang_vo)
    assert (link.effective_date, link.share) == (dt.date(2025, 7, 1), Decimal("0.4"))
    page = _body(carol.get(reverse("units:detail", args=[cast.vinh_phuc.pk])))
    assert "Phường Giảng Võ" in page
    assert "Phường Ngọc Hà" in page


@pytest.mark.parametrize("share", ["0,45", "0.45"])
def test_the_succession_form_reads_a_share_with_a_comma_or_a_point(cast: Cast, share: str) -> None:
    giang_vo = services.unit_create(
        kind=UnitKind.WARD,
        name="Phường Giảng Võ",
        parent=cast.hanoi,
        valid_from=dt.date(2025, 7, 1),
    )
    response = _post(
        cast.client(cast.carol),
        "units:succession_create",
        cast.vinh_phuc.pk,
        {"successor": giang_vo.pk, "effective_date": "01/07/2025", "share": share},
    )
    assert response.status_code == 302
    assert giang_vo.predecessor_links.get().share == Decimal("0.45")


def test_the_succession_form_offers_only_units_of_the_same_level_in_scope(cast: Cast) -> None:
    response = _post(
        cast.client(cast.carol),
        "units:succession_create",
        cast.vinh_phuc.pk,
        {"successor": cast.kinh_bac.pk, "effective_date": "01/07/2025"},
    )
    assert response.status_code == 400
    assert not UnitSuccession.objects.filter(successor=cast.kinh_bac).exists()


# Who sees what -------------------------------------------------------------------------------


def test_a_ward_leader_sees_only_her_ward_in_the_tree(cast: Cast) -> None:
    tree = _body(cast.client(cast.alice).get(reverse("units:tree")))
    assert "Phường Ngọc Hà" in tree
    assert "Tổ dân phố số 1" in tree
    for other in ["Thành phố Hà Nội", "Quận Ba Đình", "Phường Vĩnh Phúc", "Phường Kinh Bắc"]:
        assert other not in tree


def test_a_ward_leader_cannot_edit_her_ward(cast: Cast) -> None:
    alice = cast.client(cast.alice)
    assert alice.get(reverse("units:detail", args=[cast.ngoc_ha.pk])).status_code == 200
    assert alice.get(reverse("units:edit", args=[cast.ngoc_ha.pk])).status_code == 403
    page = _body(alice.get(reverse("units:detail", args=[cast.ngoc_ha.pk])))
    assert reverse("units:edit", args=[cast.ngoc_ha.pk]) not in page


def _form_urls(cast: Cast) -> list[str]:
    organisation = services.mass_organisation_save(
        unit=cast.ngoc_ha, kind="phu_nu", name="Hội Phụ nữ phường"
    )
    return [
        reverse("units:create_root"),
        reverse("units:edit", args=[cast.ngoc_ha.pk]),
        reverse("units:create_child", args=[cast.ngoc_ha.pk]),
        reverse("units:succession_create", args=[cast.ngoc_ha.pk]),
        reverse("units:department_create", args=[cast.ngoc_ha.pk]),
        reverse("units:department_edit", args=[cast.department.pk]),
        reverse("units:officer_create", args=[cast.ngoc_ha.pk]),
        reverse("units:officer_edit", args=[cast.officer.pk]),
        reverse("units:organisation_create", args=[cast.ngoc_ha.pk]),
        reverse("units:organisation_edit", args=[organisation.pk]),
        reverse("staff_accounts:staff_create", args=[cast.ngoc_ha.pk]),
        reverse("staff_accounts:role_add", args=[cast.ngoc_ha.pk]),
    ]


@pytest.mark.parametrize("who", ["bob", "alice", "oscar", "cindy", "ron"])
def test_a_user_without_the_manage_permission_gets_403_on_every_form(cast: Cast, who: str) -> None:
    client = cast.client(getattr(cast, who))
    before = AdministrativeUnit.objects.count(), Department.objects.count()
    for url in _form_urls(cast):
        assert client.get(url).status_code == 403, url
        data = {"kind": UnitKind.RESIDENTIAL_GROUP, "name": "Tổ dân phố số 9", "role": "admin"}
        assert client.post(url, data).status_code == 403, url
    assert (AdministrativeUnit.objects.count(), Department.objects.count()) == before
    revoke = reverse("staff_accounts:role_revoke", args=[cast.bob.role_assignments.get().pk])
    assert client.post(revoke).status_code == 403


def test_an_outsider_gets_404_for_the_ward_and_its_forms(cast: Cast) -> None:
    charlie = cast.client(cast.charlie)
    assert charlie.get(reverse("units:detail", args=[cast.ngoc_ha.pk])).status_code == 404
    for url in _form_urls(cast)[1:]:
        assert charlie.get(url).status_code == 404, url
    assert "Ngọc Hà" not in _body(charlie.get(reverse("units:tree")))


def test_a_unit_that_does_not_exist_is_a_404(cast: Cast) -> None:
    root = cast.client(cast.root)
    for pk in [0, 987654321, 99999999999999999999]:
        assert root.get(reverse("units:detail", args=[pk])).status_code == 404


# Bad input: a 400 with a Vietnamese message, and nothing written -----------------------------


def _ward_form(**overrides: str) -> dict[str, str]:
    return {"kind": UnitKind.WARD, "name": "Phường Mới", "valid_from": "01/07/2025"} | overrides


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (_ward_form(valid_from="31/02/2025"), BAD_DATE),
        (_ward_form(valid_from="2025-13-01"), BAD_DATE),
        (
            _ward_form(valid_from="01/07/2025", valid_to="30/06/2025"),
            "Ngày hết hiệu lực (30/06/2025) trước ngày bắt đầu hiệu lực (01/07/2025).",
        ),
        (_ward_form(population="1000000000000"), "100000000"),
        (_ward_form(population="-5"), "0"),
        (_ward_form(households="nhiều"), "Vui lòng nhập một số nguyên."),
        (_ward_form(name=""), "Vui lòng điền mục này."),
        (_ward_form(name="\u200b\ufeff"), "Vui lòng điền mục này."),
        (_ward_form(name="P" * 201), "200"),
        (_ward_form(kind=UnitKind.RESIDENTIAL_GROUP), "Tổ dân phố"),
        (_ward_form(kind="khong_co"), "Tổ dân phố"),
        (_ward_form(code="00004"), "Mã đơn vị 00004 đã dùng cho «Phường Ngọc Hà»"),
        (_ward_form(email="a" * 60 + "@" + ".".join(["b" * 60] * 4) + ".vn"), "254"),
        (_ward_form(website="https://example.vn/" + "x" * 200), "200"),
    ],
)
def test_bad_unit_input_is_refused_with_a_vietnamese_message(
    cast: Cast, data: dict[str, str], message: str
) -> None:
    before = AdministrativeUnit.objects.count()
    response = _post(cast.client(cast.carol), "units:create_child", cast.hanoi.pk, data)
    assert response.status_code == 400
    assert message in _body(response)
    assert AdministrativeUnit.objects.count() == before


def test_turning_a_ward_with_groups_into_a_district_is_refused(cast: Cast) -> None:
    response = _post(
        cast.client(cast.carol),
        "units:edit",
        cast.ngoc_ha.pk,
        {"kind": UnitKind.URBAN_DISTRICT, "name": "Quận Ngọc Hà", "valid_from": "01/07/2025"},
    )
    assert response.status_code == 400
    assert "Không thể đổi cấp của «Phường Ngọc Hà»" in _body(response)
    cast.ngoc_ha.refresh_from_db()
    assert (cast.ngoc_ha.kind, cast.ngoc_ha.name) == (UnitKind.WARD, "Phường Ngọc Hà")


@pytest.mark.parametrize("pk", ["99999999999999999999", "-1", "1.5", "abc"])
def test_an_odd_choice_id_is_a_form_error(cast: Cast, pk: str) -> None:
    carol = cast.client(cast.carol)
    officer = _post(
        carol, "units:officer_create", cast.ngoc_ha.pk, {"full_name": "A", "department": pk}
    )
    succession = _post(
        carol,
        "units:succession_create",
        cast.vinh_phuc.pk,
        {"successor": pk, "effective_date": "01/07/2025"},
    )
    assert (officer.status_code, succession.status_code) == (400, 400)
    assert "Vui lòng chọn một trong các lựa chọn có sẵn" in _body(officer)
    assert not Officer.objects.filter(full_name="A").exists()
    assert cast.vinh_phuc.successor_links.count() == 1


def test_a_duplicate_department_name_is_refused_with_a_vietnamese_message(cast: Cast) -> None:
    response = _post(
        cast.client(cast.carol),
        "units:department_create",
        cast.ngoc_ha.pk,
        {"kind": "mot_cua", "name": "Bộ phận  một cửa"},
    )
    assert response.status_code == 400
    assert "Đơn vị đã có bộ phận «Bộ phận một cửa»." in _body(response)
    assert Department.objects.filter(unit=cast.ngoc_ha).count() == 1


def test_an_officer_in_another_wards_department_is_refused(cast: Cast) -> None:
    other = services.department_save(unit=cast.kinh_bac, kind="mot_cua", name="Một cửa")
    response = _post(
        cast.client(cast.root),
        "units:officer_create",
        cast.ngoc_ha.pk,
        {"full_name": "Nguyễn Văn B", "department": other.pk},
    )
    assert response.status_code == 400
    assert "Vui lòng chọn một trong các lựa chọn có sẵn" in _body(response)
    assert not Officer.objects.filter(full_name="Nguyễn Văn B").exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"share": "1,5"}, "1"),
        ({"share": "0,12345"}, "4"),
        ({"share": "nửa"}, "Vui lòng nhập một số."),
        ({"effective_date": "30/02/2025"}, BAD_DATE),
        ({"successor": "999999999"}, "Vui lòng chọn một trong các lựa chọn có sẵn"),
    ],
)
def test_bad_succession_input_is_refused(cast: Cast, data: dict[str, str], message: str) -> None:
    giang_vo = services.unit_create(
        kind=UnitKind.WARD,
        name="Phường Giảng Võ",
        parent=cast.hanoi,
        valid_from=dt.date(2025, 7, 1),
    )
    response = _post(
        cast.client(cast.carol),
        "units:succession_create",
        cast.vinh_phuc.pk,
        {"successor": str(giang_vo.pk), "effective_date": "01/07/2025"} | data,
    )
    assert response.status_code == 400
    assert message in _body(response)
    assert not UnitSuccession.objects.filter(successor=giang_vo).exists()


def test_a_succession_that_would_push_the_shares_over_1_is_refused(cast: Cast) -> None:
    giang_vo = services.unit_create(
        kind=UnitKind.WARD,
        name="Phường Giảng Võ",
        parent=cast.hanoi,
        valid_from=dt.date(2025, 7, 1),
    )
    UnitSuccession.objects.filter(predecessor=cast.vinh_phuc).update(share=Decimal("0.7"))
    response = _post(
        cast.client(cast.carol),
        "units:succession_create",
        cast.vinh_phuc.pk,
        {"successor": giang_vo.pk, "effective_date": "01/07/2025", "share": "0,4"},
    )
    assert response.status_code == 400
    assert "Tổng tỷ trọng chuyển đi của «Phường Vĩnh Phúc» vượt quá 1." in _body(response)


# The tree as of a day ------------------------------------------------------------------------


def test_the_tree_shows_todays_units_by_default(cast: Cast) -> None:
    tree = _body(cast.client(cast.carol).get(reverse("units:tree")))
    assert "Phường Ngọc Hà" in tree
    assert "Quận Ba Đình" not in tree
    assert "Phường Vĩnh Phúc" not in tree
    assert 'value="15/03/2026"' in tree


def test_the_tree_as_of_an_earlier_day_shows_the_units_of_that_day(cast: Cast) -> None:
    tree = _body(cast.client(cast.carol).get(reverse("units:tree"), {"ngay": "01/01/2024"}))
    assert "Quận Ba Đình" in tree
    assert "Phường Vĩnh Phúc" in tree
    assert "Phường Ngọc Hà" not in tree


def test_the_tree_with_tat_ca_shows_historic_units_too(cast: Cast) -> None:
    tree = _body(cast.client(cast.carol).get(reverse("units:tree"), {"tat_ca": "1"}))
    for name in ["Phường Ngọc Hà", "Quận Ba Đình", "Phường Vĩnh Phúc", "Tổ dân phố số 1"]:
        assert name in tree
    assert "đến 30/06/2025" in tree


@pytest.mark.parametrize("day", ["31/02/2025", "hôm qua", "99999-01-01", "0/0/0"])
def test_the_tree_ignores_a_day_it_cannot_read(cast: Cast, day: str) -> None:
    response = cast.client(cast.carol).get(reverse("units:tree"), {"ngay": day})
    assert response.status_code == 200
    assert "Phường Ngọc Hà" in _body(response)


def test_the_tree_sorts_residential_groups_by_number(cast: Cast) -> None:
    for number in [10, 2]:
        services.unit_create(
            kind=UnitKind.RESIDENTIAL_GROUP,
            name=f"Tổ dân phố số {number}",
            parent=cast.ngoc_ha,
            valid_from=dt.date(2025, 7, 1),
        )
    tree = _body(cast.client(cast.alice).get(reverse("units:tree")))
    positions = [tree.index(f"Tổ dân phố số {n}<") for n in (1, 2, 10)]
    assert positions == sorted(positions)


def test_a_superuser_adds_a_province(cast: Cast) -> None:
    root = cast.client(cast.root)
    response = root.post(
        reverse("units:create_root"), {"kind": UnitKind.PROVINCE, "name": "Tỉnh Tuyên Quang"}
    )
    assert response.status_code == 302
    assert AdministrativeUnit.objects.get(name="Tỉnh Tuyên Quang").parent is None
    assert User.objects.filter(is_superuser=True).count() == 1
