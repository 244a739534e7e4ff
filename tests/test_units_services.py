"""The unit tree's rules, enforced by ``hailong.units.services`` and backed by the database."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.db import IntegrityError, transaction

from hailong.core.errors import ServiceError
from hailong.units import services
from hailong.units.models import (
    AdministrativeUnit,
    Department,
    DepartmentKind,
    MassOrganisation,
    MassOrganisationKind,
    UnitKind,
    UnitLevel,
    UnitSuccession,
)
from hailong.units.selectors import successors_closure
from tests.conftest import Cast

OLD_END = dt.date(2025, 6, 30)
NEW_START = dt.date(2025, 7, 1)


def _ward(name: str, parent: AdministrativeUnit, **kwargs: Any) -> AdministrativeUnit:
    return services.unit_create(kind=UnitKind.WARD, name=name, parent=parent, **kwargs)


def _refused(field: str | None = None) -> pytest.RaisesExc[ServiceError]:
    return pytest.raises(ServiceError, check=lambda e: field is None or e.field == field)


# Creating units -------------------------------------------------------------------------------


def test_it_gives_each_unit_its_path_depth_and_level(cast: Cast) -> None:
    h, n, g = cast.hanoi, cast.ngoc_ha, cast.group1
    assert (h.path, h.depth, h.level) == (f"/{h.pk}/", 0, UnitLevel.PROVINCE)
    assert (n.path, n.depth, n.level) == (f"/{h.pk}/{n.pk}/", 1, UnitLevel.COMMUNE)
    assert (g.path, g.depth, g.level) == (f"/{h.pk}/{n.pk}/{g.pk}/", 2, UnitLevel.HAMLET)
    assert cast.vinh_phuc.path == f"/{h.pk}/{cast.ba_dinh.pk}/{cast.vinh_phuc.pk}/"
    assert cast.vinh_phuc.depth == 2


def test_it_cleans_the_name_and_fills_the_search_key(cast: Cast) -> None:
    unit = _ward("  Phường\u200b   Giảng  Võ ", cast.hanoi, code=" 00031 ", valid_from=NEW_START)
    assert (unit.name, unit.code, unit.search_key) == (
        "Phường Giảng Võ",
        "00031",
        "phuong giang vo",
    )


def test_it_refuses_a_ward_under_a_ward(cast: Cast) -> None:
    with _refused("parent"):
        _ward("Phường Con", cast.ngoc_ha, valid_from=NEW_START)


def test_it_refuses_a_residential_group_under_a_province(cast: Cast) -> None:
    with _refused("parent"):
        services.unit_create(kind=UnitKind.RESIDENTIAL_GROUP, name="Tổ 9", parent=cast.hanoi)


def test_it_refuses_a_province_under_anything(cast: Cast) -> None:
    with _refused("parent"):
        services.unit_create(kind=UnitKind.PROVINCE, name="Tỉnh X", parent=cast.hanoi)


def test_it_refuses_a_district_without_a_parent(db: None) -> None:
    with _refused("parent"):
        services.unit_create(kind=UnitKind.URBAN_DISTRICT, name="Quận X", parent=None)


def test_it_refuses_an_unknown_kind_or_an_empty_name(cast: Cast) -> None:
    with _refused("kind"):
        services.unit_create(kind="lang", name="Làng X", parent=cast.ngoc_ha)
    with _refused("name"):
        _ward(" \u200b ", cast.hanoi)


def test_it_refuses_a_validity_that_ends_before_it_starts(cast: Cast) -> None:
    with _refused("valid_to") as info:
        _ward("Phường X", cast.hanoi, valid_from=dt.date(2025, 7, 1), valid_to=dt.date(2025, 1, 1))
    assert "01/01/2025" in info.value.message
    assert "01/07/2025" in info.value.message


def test_it_refuses_a_child_valid_after_its_parent_ended(cast: Cast) -> None:
    with _refused("valid_from") as info:
        _ward("Phường Mới", cast.ba_dinh)
    assert "Quận Ba Đình" in info.value.message


def test_it_refuses_a_child_valid_before_its_parent_started(cast: Cast) -> None:
    with _refused("valid_from"):
        services.unit_create(
            kind=UnitKind.RESIDENTIAL_GROUP,
            name="Tổ dân phố số 2",
            parent=cast.ngoc_ha,
            valid_from=dt.date(2024, 1, 1),
        )


def test_it_refuses_a_code_in_use_in_an_overlapping_period(cast: Cast) -> None:
    with _refused("code") as info:
        _ward("Phường Khác", cast.hanoi, code="00004", valid_from=dt.date(2026, 1, 1))
    assert "Phường Ngọc Hà" in info.value.message


def test_it_reuses_a_code_once_its_old_unit_has_ended(cast: Cast) -> None:
    unit = _ward("Phường Vĩnh Phúc", cast.hanoi, code="00006", valid_from=NEW_START)
    assert unit.code == cast.vinh_phuc.code


# Updating and moving units --------------------------------------------------------------------


def test_it_refuses_to_move_a_unit_below_itself_or_its_descendant(cast: Cast) -> None:
    with _refused("parent"):
        services.unit_update(unit=cast.ngoc_ha, parent=cast.ngoc_ha)
    with _refused("parent"):
        services.unit_update(unit=cast.ngoc_ha, parent=cast.group1)
    cast.ngoc_ha.refresh_from_db()
    assert cast.ngoc_ha.parent == cast.hanoi


def test_it_moves_a_subtree_and_rewrites_every_path_and_depth(cast: Cast) -> None:
    ward = _ward("Phường Cống Vị", cast.hanoi, valid_to=OLD_END)
    group = services.unit_create(
        kind=UnitKind.RESIDENTIAL_GROUP, name="Tổ 1", parent=ward, valid_to=OLD_END
    )
    sibling = _ward("Phường Liễu Giai", cast.hanoi, valid_to=OLD_END)

    services.unit_update(unit=ward, parent=cast.ba_dinh)

    ward.refresh_from_db()
    group.refresh_from_db()
    sibling.refresh_from_db()
    base = cast.ba_dinh.path
    assert (ward.path, ward.depth) == (f"{base}{ward.pk}/", 2)
    assert (group.path, group.depth) == (f"{base}{ward.pk}/{group.pk}/", 3)
    assert (sibling.path, sibling.depth) == (f"{cast.hanoi.path}{sibling.pk}/", 1)


def test_it_moves_a_ward_to_another_province_with_its_groups(cast: Cast) -> None:
    services.unit_update(unit=cast.ngoc_ha, parent=cast.bac_ninh)
    cast.group1.refresh_from_db()
    assert cast.group1.path == f"{cast.bac_ninh.path}{cast.ngoc_ha.pk}/{cast.group1.pk}/"
    assert cast.group1.depth == 2
    assert not AdministrativeUnit.objects.filter(path__startswith=cast.hanoi.path).filter(
        pk=cast.group1.pk
    )


def test_it_refuses_to_end_a_unit_while_a_child_stays_valid(cast: Cast) -> None:
    with _refused("valid_to") as info:
        services.unit_update(unit=cast.ngoc_ha, valid_to=dt.date(2030, 12, 31))
    assert "Tổ dân phố số 1" in info.value.message


def test_it_refuses_to_change_the_level_of_a_unit_with_children(cast: Cast) -> None:
    with _refused("kind"):
        services.unit_update(unit=cast.ngoc_ha, kind=UnitKind.URBAN_DISTRICT)
    cast.ngoc_ha.refresh_from_db()
    assert cast.ngoc_ha.level == UnitLevel.COMMUNE


def test_it_refuses_to_change_the_level_of_a_ward_with_departments(cast: Cast) -> None:
    ward = _ward("Phường Trống", cast.hanoi)
    services.department_save(unit=ward, kind=DepartmentKind.OFFICE, name="Văn phòng")
    with _refused("kind"):
        services.unit_update(unit=ward, kind=UnitKind.URBAN_DISTRICT)


def test_it_changes_the_kind_within_the_same_level(cast: Cast) -> None:
    services.unit_update(unit=cast.kinh_bac, kind=UnitKind.COMMUNE, name="Xã Kinh Bắc")
    cast.kinh_bac.refresh_from_db()
    assert (cast.kinh_bac.kind, cast.kinh_bac.search_key) == (UnitKind.COMMUNE, "xa kinh bac")


# Succession -----------------------------------------------------------------------------------


def test_it_links_old_and_new_units_many_to_many_with_shares(cast: Cast) -> None:
    cong_vi = _ward("Phường Cống Vị", cast.ba_dinh, valid_to=OLD_END)
    giang_vo = _ward("Phường Giảng Võ", cast.hanoi, valid_from=NEW_START)
    for old, new, share in [
        (cong_vi, cast.ngoc_ha, Decimal("0.55")),
        (cong_vi, giang_vo, Decimal("0.45")),
        (cast.vinh_phuc, giang_vo, None),
    ]:
        services.succession_create(
            predecessor=old, successor=new, effective_date=NEW_START, share=share
        )
    assert {u.name for u in successors_closure(cong_vi)} == {"Phường Ngọc Hà", "Phường Giảng Võ"}
    assert giang_vo.predecessor_links.count() == 2
    assert sum(link.share for link in cong_vi.successor_links.all()) == Decimal("1")


@pytest.mark.parametrize("share", [Decimal("0"), Decimal("1")])
def test_it_accepts_a_share_at_the_bounds(cast: Cast, share: Decimal) -> None:
    old = _ward("Phường Cống Vị", cast.ba_dinh, valid_to=OLD_END)
    link = services.succession_create(
        predecessor=old, successor=cast.ngoc_ha, effective_date=NEW_START, share=share
    )
    assert link.share == share


@pytest.mark.parametrize("share", [Decimal("-0.01"), Decimal("1.0001")])
def test_it_refuses_a_share_outside_0_to_1(cast: Cast, share: Decimal) -> None:
    old = _ward("Phường Cống Vị", cast.ba_dinh, valid_to=OLD_END)
    with _refused("share"):
        services.succession_create(
            predecessor=old, successor=cast.ngoc_ha, effective_date=NEW_START, share=share
        )


def test_it_refuses_shares_that_add_up_to_more_than_1(cast: Cast) -> None:
    old = _ward("Phường Cống Vị", cast.ba_dinh, valid_to=OLD_END)
    giang_vo = _ward("Phường Giảng Võ", cast.hanoi, valid_from=NEW_START)
    services.succession_create(
        predecessor=old, successor=cast.ngoc_ha, effective_date=NEW_START, share=Decimal("0.6")
    )
    with _refused("share") as info:
        services.succession_create(
            predecessor=old, successor=giang_vo, effective_date=NEW_START, share=Decimal("0.5")
        )
    assert "Phường Cống Vị" in info.value.message
    assert not giang_vo.predecessor_links.exists()


def test_it_refuses_a_unit_succeeding_itself(cast: Cast) -> None:
    with _refused("successor"):
        services.succession_create(
            predecessor=cast.ngoc_ha, successor=cast.ngoc_ha, effective_date=NEW_START
        )


def test_it_refuses_a_cycle_of_successions(cast: Cast) -> None:
    a, b, c = (_ward(f"Phường {x}", cast.bac_ninh) for x in "ABC")
    services.succession_create(predecessor=a, successor=b, effective_date=NEW_START)
    services.succession_create(predecessor=b, successor=c, effective_date=NEW_START)
    with _refused("successor"):
        services.succession_create(predecessor=c, successor=a, effective_date=NEW_START)
    with _refused("successor"):
        services.succession_create(predecessor=b, successor=a, effective_date=NEW_START)


def test_it_refuses_a_succession_between_levels(cast: Cast) -> None:
    with _refused("successor"):
        services.succession_create(
            predecessor=cast.vinh_phuc, successor=cast.hanoi, effective_date=NEW_START
        )


def test_it_refuses_a_successor_that_starts_before_its_predecessor(cast: Cast) -> None:
    later = _ward("Phường Sau", cast.hanoi, valid_from=dt.date(2026, 1, 1))
    with _refused("successor"):
        services.succession_create(
            predecessor=later, successor=cast.ngoc_ha, effective_date=NEW_START
        )


def test_it_refuses_the_same_link_twice(cast: Cast) -> None:
    with _refused("successor"):
        services.succession_create(
            predecessor=cast.vinh_phuc, successor=cast.ngoc_ha, effective_date=NEW_START
        )


# Departments, officers, mass organisations ----------------------------------------------------


def test_it_keeps_departments_officers_and_organisations_to_commune_level_units(
    cast: Cast,
) -> None:
    with _refused():
        services.department_save(unit=cast.hanoi, kind=DepartmentKind.OFFICE, name="Văn phòng")
    with _refused():
        services.officer_save(unit=cast.group1, full_name="Nguyễn Văn A")
    with _refused():
        services.mass_organisation_save(
            unit=cast.ba_dinh, kind=MassOrganisationKind.WOMEN, name="Hội Phụ nữ quận"
        )


def test_it_refuses_an_officer_in_another_units_department(cast: Cast) -> None:
    with _refused("department"):
        services.officer_save(
            unit=cast.kinh_bac, full_name="Nguyễn Văn A", department=cast.department
        )


def test_it_refuses_an_officer_without_a_name(cast: Cast) -> None:
    with _refused("full_name"):
        services.officer_save(unit=cast.ngoc_ha, full_name=" \ufeff ")


def test_it_refuses_a_second_department_with_the_same_name(cast: Cast) -> None:
    with _refused("name"):
        services.department_save(
            unit=cast.ngoc_ha, kind=DepartmentKind.ONE_STOP, name="  Bộ phận   một cửa "
        )
    assert Department.objects.filter(unit=cast.ngoc_ha).count() == 1


def test_it_allows_the_same_department_name_in_another_ward(cast: Cast) -> None:
    other = services.department_save(
        unit=cast.kinh_bac, kind=DepartmentKind.ONE_STOP, name="Bộ phận một cửa"
    )
    assert other.unit == cast.kinh_bac


def test_it_keeps_a_departments_own_name_on_update(cast: Cast) -> None:
    department = services.department_save(
        unit=cast.ngoc_ha,
        kind=DepartmentKind.ONE_STOP,
        name="Bộ phận một cửa",
        active=False,
        instance=cast.department,
    )
    assert department.pk == cast.department.pk
    assert not Department.objects.get(pk=department.pk).active


def test_it_refuses_a_second_organisation_with_the_same_name(cast: Cast) -> None:
    services.mass_organisation_save(
        unit=cast.ngoc_ha, kind=MassOrganisationKind.WOMEN, name="Hội Phụ nữ"
    )
    with _refused("name"):
        services.mass_organisation_save(
            unit=cast.ngoc_ha, kind=MassOrganisationKind.OTHER, name="Hội Phụ nữ"
        )
    assert MassOrganisation.objects.filter(unit=cast.ngoc_ha).count() == 1


# The database backs the rules -----------------------------------------------------------------


def _integrity_error() -> pytest.RaisesExc[IntegrityError]:
    return pytest.raises(IntegrityError)


def test_the_database_refuses_the_same_succession_twice(cast: Cast) -> None:
    with _integrity_error(), transaction.atomic():
        UnitSuccession.objects.create(
            predecessor=cast.vinh_phuc, successor=cast.ngoc_ha, effective_date=NEW_START
        )


def test_the_database_refuses_a_unit_succeeding_itself(cast: Cast) -> None:
    with _integrity_error(), transaction.atomic():
        UnitSuccession.objects.create(
            predecessor=cast.ngoc_ha, successor=cast.ngoc_ha, effective_date=NEW_START
        )


@pytest.mark.parametrize("share", [Decimal("-0.5"), Decimal("1.5")])
def test_the_database_refuses_a_share_outside_0_to_1(cast: Cast, share: Decimal) -> None:
    with _integrity_error(), transaction.atomic():
        UnitSuccession.objects.create(
            predecessor=cast.ba_dinh, successor=cast.ngoc_ha, effective_date=NEW_START, share=share
        )


def test_the_database_refuses_a_validity_out_of_order(cast: Cast) -> None:
    with _integrity_error(), transaction.atomic():
        AdministrativeUnit.objects.create(
            kind=UnitKind.WARD,
            name="Phường X",
            parent=cast.hanoi,
            valid_from=NEW_START,
            valid_to=OLD_END,
        )


def test_the_database_refuses_a_code_twice_from_the_same_day(cast: Cast) -> None:
    with _integrity_error(), transaction.atomic():
        AdministrativeUnit.objects.create(
            kind=UnitKind.WARD,
            name="Phường X",
            parent=cast.hanoi,
            code="00004",
            valid_from=NEW_START,
        )


def test_the_database_refuses_a_second_department_with_the_same_name(cast: Cast) -> None:
    with _integrity_error(), transaction.atomic():
        Department.objects.create(unit=cast.ngoc_ha, kind="khac", name="Bộ phận một cửa")
