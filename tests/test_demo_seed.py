"""``seed-demo`` builds the demo ward idempotently, with an account for every role."""

from __future__ import annotations

import datetime as dt
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from hailong.accounts.demo import ACCOUNTS
from hailong.accounts.models import RoleAssignment, User
from hailong.accounts.roles import Role
from hailong.core.demo import DEMO_PASSWORD
from hailong.units.models import (
    AdministrativeUnit,
    Department,
    MassOrganisation,
    Officer,
    UnitLevel,
    UnitSuccession,
)

MODELS = [AdministrativeUnit, UnitSuccession, Department, Officer, MassOrganisation, User]


def _counts() -> dict[str, int]:
    counts = {model.__name__: model.objects.count() for model in MODELS}
    counts["RoleAssignment"] = RoleAssignment.objects.count()
    return counts


@pytest.fixture
def seeded(db: None) -> None:
    call_command("seed_demo", quiet=True, stdout=StringIO())


def test_seeding_twice_changes_nothing(seeded: None) -> None:
    first = _counts()
    call_command("seed_demo", quiet=True, stdout=StringIO())
    assert _counts() == first


def test_it_seeds_ha_noi_and_the_historic_ba_dinh_district(seeded: None) -> None:
    hanoi = AdministrativeUnit.objects.get(name="Thành phố Hà Nội", parent=None)
    ba_dinh = AdministrativeUnit.objects.get(name="Quận Ba Đình")
    assert ba_dinh.parent == hanoi
    assert ba_dinh.level == UnitLevel.DISTRICT
    assert ba_dinh.valid_to == dt.date(2025, 6, 30)


def test_it_links_vinh_phuc_to_its_successor_ngoc_ha(seeded: None) -> None:
    vinh_phuc = AdministrativeUnit.objects.get(name="Phường Vĩnh Phúc")
    assert vinh_phuc.parent is not None
    assert vinh_phuc.parent.name == "Quận Ba Đình"
    link = vinh_phuc.successor_links.get(successor__name="Phường Ngọc Hà")
    assert link.effective_date == dt.date(2025, 7, 1)
    assert link.successor.valid_from == dt.date(2025, 7, 1)


def test_every_old_wards_shares_add_up_to_1(seeded: None) -> None:
    for ward in AdministrativeUnit.objects.filter(successor_links__isnull=False).distinct():
        assert sum(link.share for link in ward.successor_links.all()) == 1, ward.name


def test_it_staffs_vinh_phuc_with_departments_and_a_dozen_officers(seeded: None) -> None:
    vinh_phuc = AdministrativeUnit.objects.get(name="Phường Vĩnh Phúc")
    assert vinh_phuc.departments.count() >= 5
    assert vinh_phuc.officers.count() >= 12
    assert not vinh_phuc.officers.filter(department__isnull=True).exists()
    assert not vinh_phuc.officers.exclude(department__unit=vinh_phuc).exists()


def test_it_names_residential_groups_as_a_ward_does(seeded: None) -> None:
    vinh_phuc = AdministrativeUnit.objects.get(name="Phường Vĩnh Phúc")
    names = list(vinh_phuc.children.values_list("name", flat=True))
    assert len(names) >= 10
    assert all(re.fullmatch(r"Tổ dân phố số \d+", name) for name in names)
    assert {child.valid_to for child in vinh_phuc.children.all()} == {vinh_phuc.valid_to}


def test_it_seeds_the_mass_organisations(seeded: None) -> None:
    vinh_phuc = AdministrativeUnit.objects.get(name="Phường Vĩnh Phúc")
    kinds = set(vinh_phuc.mass_organisations.values_list("kind", flat=True))
    assert {"mttq", "phu_nu", "doan_tn", "cuu_chien_binh"} <= kinds


def test_it_seeds_neighbouring_wards_to_compare_with(seeded: None) -> None:
    wards = AdministrativeUnit.objects.filter(level=UnitLevel.COMMUNE)
    assert wards.filter(valid_to__isnull=True).count() >= 3
    assert wards.filter(valid_to__isnull=False).count() >= 3


def test_it_creates_an_account_for_every_role(seeded: None) -> None:
    assert set(RoleAssignment.objects.values_list("role", flat=True)) == set(Role.values)
    assert User.objects.filter(is_superuser=True).exists()


def test_every_demo_account_can_log_in(seeded: None) -> None:
    usernames = ["admin", *(account[0] for account in ACCOUNTS)]
    for username in usernames:
        client = Client()
        response = client.post(
            reverse("accounts:login"), {"username": username, "password": DEMO_PASSWORD}
        )
        assert response.status_code == 302, username
        assert client.get(reverse("units:tree")).status_code == 200


def test_the_ward_leader_sees_vinh_phuc_and_not_its_neighbours(seeded: None) -> None:
    client = Client()
    assert client.login(username="vinhphuc.lanhdao", password=DEMO_PASSWORD)
    tree = client.get(reverse("units:tree"), {"tat_ca": "1"}).content.decode()
    assert "Phường Vĩnh Phúc" in tree
    assert "Phường Cống Vị" not in tree


def test_it_prints_the_login_url_and_the_demo_accounts(db: None) -> None:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    text = out.getvalue()
    assert "/tai-khoan/dang-nhap/" in text
    assert "vinhphuc.lanhdao" in text
    assert DEMO_PASSWORD in text
