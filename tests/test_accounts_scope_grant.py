"""A ``Grant`` (an API token's permissions) passes the scope helpers like a user holding them."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from hailong.accounts.roles import Perm
from hailong.accounts.scope import Grant, get_unit_for_user, scoped, units_for_user, user_can
from hailong.units.models import AdministrativeUnit, Department
from tests.conftest import Cast


def _grant(unit: AdministrativeUnit, *perms: Perm) -> Grant:
    return Grant(path=unit.path, perms=frozenset({Perm.VIEW_UNITS, *perms}))


def test_a_grant_holds_its_permissions_on_its_unit_and_below(cast: Cast) -> None:
    grant = _grant(cast.ngoc_ha, Perm.MANAGE_DOSSIERS)
    assert user_can(grant, Perm.MANAGE_DOSSIERS, cast.ngoc_ha)
    assert user_can(grant, Perm.MANAGE_DOSSIERS, cast.group1)
    assert not user_can(grant, Perm.MANAGE_DOSSIERS, cast.hanoi)
    assert not user_can(grant, Perm.MANAGE_DOSSIERS, cast.kinh_bac)
    assert not user_can(grant, Perm.ENTER_RESPONSES, cast.ngoc_ha)


def test_a_grant_sees_only_its_subtree(cast: Cast) -> None:
    grant = _grant(cast.ngoc_ha)
    assert set(units_for_user(grant, Perm.VIEW_UNITS)) == {cast.ngoc_ha, cast.group1}
    assert list(scoped(Department.objects.all(), grant, Perm.VIEW_UNITS)) == [cast.department]
    outsider = _grant(cast.kinh_bac)
    assert not scoped(Department.objects.all(), outsider, Perm.VIEW_UNITS).exists()


def test_fetching_outside_the_grant_is_404_and_without_the_permission_403(cast: Cast) -> None:
    grant = _grant(cast.ngoc_ha, Perm.ENTER_RESPONSES)
    assert get_unit_for_user(grant, Perm.ENTER_RESPONSES, cast.ngoc_ha.pk) == cast.ngoc_ha
    with pytest.raises(Http404):
        get_unit_for_user(grant, Perm.VIEW_UNITS, cast.kinh_bac.pk)
    with pytest.raises(PermissionDenied):
        get_unit_for_user(grant, Perm.MANAGE_DOSSIERS, cast.ngoc_ha.pk)


def test_a_grant_without_a_path_holds_nothing(cast: Cast) -> None:
    grant = Grant(path="", perms=frozenset(Perm))
    assert not user_can(grant, Perm.VIEW_UNITS, cast.ngoc_ha)
    assert not units_for_user(grant, Perm.VIEW_UNITS).exists()
