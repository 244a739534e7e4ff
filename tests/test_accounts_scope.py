"""The one permission check: roles held on a unit apply to it and everything below it."""

from __future__ import annotations

from collections.abc import Callable, Iterable

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from hailong.accounts.roles import Perm, Role
from hailong.accounts.scope import (
    get_for_user,
    get_unit_for_user,
    scope_roots,
    scoped,
    units_for_user,
    user_can,
)
from hailong.accounts.services import role_assign
from hailong.units import services
from hailong.units.models import AdministrativeUnit, Department, Officer, UnitKind
from tests.conftest import Cast, make_user


def _names(units: Iterable[AdministrativeUnit]) -> set[str]:
    return {u.name for u in units}


HA_NOI_TREE = {
    "Thành phố Hà Nội",
    "Quận Ba Đình",
    "Phường Vĩnh Phúc",
    "Phường Ngọc Hà",
    "Tổ dân phố số 1",
}


def test_a_ward_leader_sees_her_ward_and_what_lies_below_it(cast: Cast) -> None:
    assert _names(units_for_user(cast.alice, Perm.VIEW_UNITS)) == {
        "Phường Ngọc Hà",
        "Tổ dân phố số 1",
    }


def test_a_city_admin_manages_everything_below_the_city_and_nothing_beside_it(cast: Cast) -> None:
    assert _names(units_for_user(cast.carol, Perm.MANAGE_UNITS)) == HA_NOI_TREE


def test_a_reviewer_views_the_whole_city_but_manages_nothing(cast: Cast) -> None:
    assert _names(units_for_user(cast.ron, Perm.VIEW_UNITS)) == HA_NOI_TREE
    assert not units_for_user(cast.ron, Perm.MANAGE_UNITS).exists()


def test_a_role_inherits_down_to_the_residential_groups(cast: Cast) -> None:
    assert user_can(cast.carol, Perm.MANAGE_UNITS, cast.group1)
    assert user_can(cast.ron, Perm.VIEW_UNITS, cast.group1)
    assert not user_can(cast.ron, Perm.MANAGE_UNITS, cast.group1)


def test_a_role_does_not_reach_up_or_sideways(cast: Cast) -> None:
    assert not user_can(cast.alice, Perm.VIEW_UNITS, cast.hanoi)
    assert not user_can(cast.alice, Perm.VIEW_UNITS, cast.vinh_phuc)
    assert not user_can(cast.charlie, Perm.VIEW_UNITS, cast.ngoc_ha)


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("alice", {Perm.PUBLISH_RESULTS, Perm.MANAGE_SURVEYS, Perm.APPROVE_CAMPAIGNS}),
        ("bob", set()),
        ("oscar", {Perm.ENTER_RESPONSES, Perm.MANAGE_DOSSIERS}),
        ("cindy", {Perm.MANAGE_CAMPAIGNS, Perm.MANAGE_ARTICLES}),
        ("ron", set()),
        ("carol", set(Perm)),
    ],
)
def test_each_role_grants_its_permissions_on_the_ward(
    cast: Cast, who: str, allowed: set[Perm]
) -> None:
    user = getattr(cast, who)
    granted = {perm for perm in Perm if user_can(user, perm, cast.ngoc_ha)}
    assert allowed <= granted
    assert {Perm.VIEW_UNITS, Perm.VIEW_RESULTS} <= granted
    if who != "carol":
        assert Perm.MANAGE_UNITS not in granted
        assert Perm.MANAGE_STAFF not in granted


def test_a_superuser_sees_and_manages_everything(cast: Cast) -> None:
    assert units_for_user(cast.root, Perm.MANAGE_STAFF).count() == (
        AdministrativeUnit.objects.count()
    )
    assert user_can(cast.root, Perm.MANAGE_UNITS, cast.kinh_bac)
    assert _names(scope_roots(cast.root)) == {"Thành phố Hà Nội", "Tỉnh Bắc Ninh"}


def test_an_inactive_user_sees_nothing(cast: Cast) -> None:
    cast.carol.is_active = False
    cast.carol.save()
    assert not units_for_user(cast.carol, Perm.VIEW_UNITS).exists()
    assert not user_can(cast.carol, Perm.VIEW_UNITS, cast.hanoi)
    assert scope_roots(cast.carol) == []
    with pytest.raises(Http404):
        get_unit_for_user(cast.carol, Perm.VIEW_UNITS, cast.hanoi.pk)


def test_an_anonymous_visitor_sees_nothing(cast: Cast) -> None:
    anonymous = AnonymousUser()
    assert not units_for_user(anonymous, Perm.VIEW_UNITS).exists()
    assert not user_can(anonymous, Perm.VIEW_UNITS, cast.ngoc_ha)


def test_it_hides_a_unit_outside_the_scope_as_missing(cast: Cast) -> None:
    with pytest.raises(Http404):
        get_unit_for_user(cast.charlie, Perm.VIEW_UNITS, cast.ngoc_ha.pk)
    with pytest.raises(Http404):
        get_unit_for_user(cast.charlie, Perm.MANAGE_UNITS, cast.ngoc_ha.pk)


def test_it_forbids_a_unit_inside_the_scope_without_the_permission(cast: Cast) -> None:
    assert get_unit_for_user(cast.bob, Perm.VIEW_UNITS, cast.ngoc_ha.pk) == cast.ngoc_ha
    with pytest.raises(PermissionDenied):
        get_unit_for_user(cast.bob, Perm.MANAGE_UNITS, cast.ngoc_ha.pk)


@pytest.mark.parametrize("pk", [0, 10**12, "abc", None])
def test_it_answers_404_for_a_unit_that_does_not_exist(cast: Cast, pk: object) -> None:
    with pytest.raises(Http404):
        get_unit_for_user(cast.root, Perm.VIEW_UNITS, pk)


def test_it_fetches_objects_that_belong_to_a_unit_through_the_same_check(cast: Cast) -> None:
    fetch: Callable[..., Department] = get_for_user
    assert fetch(Department.objects.all(), cast.carol, Perm.MANAGE_UNITS, pk=cast.department.pk)
    with pytest.raises(PermissionDenied):
        fetch(Department.objects.all(), cast.alice, Perm.MANAGE_UNITS, pk=cast.department.pk)
    with pytest.raises(Http404):
        fetch(Department.objects.all(), cast.charlie, Perm.VIEW_UNITS, pk=cast.department.pk)


def test_it_restricts_any_queryset_to_the_scope(cast: Cast) -> None:
    services.officer_save(unit=cast.kinh_bac, full_name="Lê Văn Kinh")
    officers = Officer.objects.all()
    assert [o.full_name for o in scoped(officers, cast.alice, Perm.VIEW_UNITS)] == ["Đỗ Quang Huy"]
    assert [o.full_name for o in scoped(officers, cast.charlie, Perm.VIEW_UNITS)] == ["Lê Văn Kinh"]
    assert scoped(officers, cast.root, Perm.VIEW_UNITS).count() == 2


def test_the_scope_roots_never_lie_below_one_another(cast: Cast) -> None:
    dave = make_user("dave")
    for unit in [cast.ngoc_ha, cast.hanoi, cast.group1, cast.kinh_bac]:
        role_assign(actor=None, user=dave, unit=unit, role=Role.VIEWER)
    assert _names(scope_roots(dave)) == {"Thành phố Hà Nội", "Phường Kinh Bắc"}


def test_a_role_does_not_reach_a_unit_whose_id_starts_the_same(cast: Cast) -> None:
    # Paths end in a slash, so the scope "/900001/" stops at the unit boundary: "/9000011/" is
    # another province.
    first, lookalike = (
        services.unit_create(kind=UnitKind.PROVINCE, name=f"Tỉnh {pk}", parent=None, pk=pk)
        for pk in (900001, 9000011)
    )
    dave = make_user("dave")
    role_assign(actor=None, user=dave, unit=first, role=Role.VIEWER)
    assert list(units_for_user(dave, Perm.VIEW_UNITS)) == [first]
    assert not user_can(dave, Perm.VIEW_UNITS, lookalike)


def test_the_tree_page_needs_a_fixed_number_of_queries(
    cast: Cast, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    _grow(cast)
    client = cast.client(cast.carol)
    with django_assert_max_num_queries(7):
        assert client.get(reverse("units:tree")).status_code == 200


def test_the_unit_page_needs_a_fixed_number_of_queries(
    cast: Cast, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    _grow(cast)
    client = cast.client(cast.carol)
    with django_assert_max_num_queries(15):
        assert client.get(reverse("units:detail", args=[cast.ngoc_ha.pk])).status_code == 200


def _grow(cast: Cast) -> None:
    """Enough rows that an N+1 query would show: wards, groups, officers, organisations."""
    for i in range(1, 11):
        ward = services.unit_create(kind=UnitKind.WARD, name=f"Phường Số {i}", parent=cast.hanoi)
        services.unit_create(kind=UnitKind.RESIDENTIAL_GROUP, name=f"Tổ {i}", parent=ward)
        services.unit_create(
            kind=UnitKind.RESIDENTIAL_GROUP,
            name=f"Tổ dân phố số {i + 1}",
            parent=cast.ngoc_ha,
            valid_from=cast.ngoc_ha.valid_from,
        )
        department = services.department_save(unit=cast.ngoc_ha, kind="khac", name=f"Tổ {i}")
        services.officer_save(unit=cast.ngoc_ha, full_name=f"Cán bộ {i}", department=department)
        services.mass_organisation_save(unit=cast.ngoc_ha, kind="khac", name=f"Chi hội {i}")
        role_assign(actor=None, user=make_user(f"user{i}"), unit=cast.ngoc_ha, role=Role.VIEWER)
