"""The cast every test shares.

Units: Thành phố Hà Nội → Quận Ba Đình (historic) → Phường Vĩnh Phúc (historic);
Hà Nội → Phường Ngọc Hà (successor of Vĩnh Phúc) → Tổ dân phố số 1; Tỉnh Bắc Ninh → Phường Kinh Bắc.

People: ``alice`` leads Ngọc Hà, ``bob`` only views Ngọc Hà, ``oscar`` is its one-stop officer,
``cindy`` its communication officer, ``carol`` administers Hà Nội, ``ron`` reviews Hà Nội,
``charlie`` leads Kinh Bắc (the outsider), ``root`` is a superuser.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.test import Client

from hailong.accounts.models import User
from hailong.accounts.roles import Role
from hailong.accounts.services import role_assign
from hailong.units import services as unit_services
from hailong.units.models import AdministrativeUnit, Department, DepartmentKind, Officer, UnitKind

PASSWORD = "correct-horse-battery-staple"


def pytest_configure(config: pytest.Config) -> None:
    """Fast password hashing and plain static files (no collectstatic needed) in tests."""
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.AXES_ENABLED = False


@dataclass
class Cast:
    hanoi: AdministrativeUnit
    ba_dinh: AdministrativeUnit
    vinh_phuc: AdministrativeUnit
    ngoc_ha: AdministrativeUnit
    group1: AdministrativeUnit
    bac_ninh: AdministrativeUnit
    kinh_bac: AdministrativeUnit
    department: Department
    officer: Officer
    alice: User
    bob: User
    oscar: User
    cindy: User
    carol: User
    ron: User
    charlie: User
    root: User

    def client(self, user: User | None) -> Client:
        client = Client()
        if user is not None:
            client.force_login(user)
        return client


def make_user(username: str, *, superuser: bool = False) -> User:
    user = User(username=username, full_name=username.title(), is_superuser=superuser)
    user.set_password(PASSWORD)
    user.save()
    return user


@pytest.fixture
def cast(db: None) -> Cast:
    create = unit_services.unit_create
    hanoi = create(kind=UnitKind.CITY, name="Thành phố Hà Nội", parent=None, code="01")
    ba_dinh = create(
        kind=UnitKind.URBAN_DISTRICT,
        name="Quận Ba Đình",
        parent=hanoi,
        code="001",
        valid_to=dt.date(2025, 6, 30),
    )
    vinh_phuc = create(
        kind=UnitKind.WARD,
        name="Phường Vĩnh Phúc",
        parent=ba_dinh,
        code="00006",
        valid_to=dt.date(2025, 6, 30),
    )
    ngoc_ha = create(
        kind=UnitKind.WARD,
        name="Phường Ngọc Hà",
        parent=hanoi,
        code="00004",
        valid_from=dt.date(2025, 7, 1),
    )
    group1 = create(
        kind=UnitKind.RESIDENTIAL_GROUP,
        name="Tổ dân phố số 1",
        parent=ngoc_ha,
        valid_from=dt.date(2025, 7, 1),
    )
    bac_ninh = create(kind=UnitKind.PROVINCE, name="Tỉnh Bắc Ninh", parent=None, code="24")
    kinh_bac = create(kind=UnitKind.WARD, name="Phường Kinh Bắc", parent=bac_ninh)
    unit_services.succession_create(
        predecessor=vinh_phuc, successor=ngoc_ha, effective_date=dt.date(2025, 7, 1)
    )
    department = unit_services.department_save(
        unit=ngoc_ha, kind=DepartmentKind.ONE_STOP, name="Bộ phận một cửa"
    )
    officer = unit_services.officer_save(
        unit=ngoc_ha, full_name="Đỗ Quang Huy", title="Công chức một cửa", department=department
    )
    users = {}
    for name, role, unit in [
        ("alice", Role.LEADER, ngoc_ha),
        ("bob", Role.VIEWER, ngoc_ha),
        ("oscar", Role.ONE_STOP, ngoc_ha),
        ("cindy", Role.COMMUNICATION, ngoc_ha),
        ("carol", Role.ADMIN, hanoi),
        ("ron", Role.REVIEWER, hanoi),
        ("charlie", Role.LEADER, kinh_bac),
    ]:
        users[name] = make_user(name)
        role_assign(actor=None, user=users[name], unit=unit, role=role)
    users["root"] = make_user("root", superuser=True)
    return Cast(
        hanoi=hanoi,
        ba_dinh=ba_dinh,
        vinh_phuc=vinh_phuc,
        ngoc_ha=ngoc_ha,
        group1=group1,
        bac_ninh=bac_ninh,
        kinh_bac=kinh_bac,
        department=department,
        officer=officer,
        **users,
    )


# Shared by every test file that touches the public form's caches and rate limits.
from tests.test_responses_factories import fresh_cache  # noqa: E402, F401
