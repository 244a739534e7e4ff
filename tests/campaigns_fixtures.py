"""Fixtures shared by the campaign tests: Ngọc Hà's approved 2026 plan and its places."""

from __future__ import annotations

import datetime as dt

import pytest

from hailong.campaigns.models import CampaignPlan
from hailong.campaigns.testing import ward_plan
from hailong.units import services as unit_services
from hailong.units.models import AdministrativeUnit, MassOrganisation
from tests.conftest import Cast


@pytest.fixture
def plan(cast: Cast) -> CampaignPlan:
    """Ngọc Hà's plan, issued 01/10/2026 (running to 31/12/2026), approved by alice."""
    return ward_plan(cast.ngoc_ha, drafter=cast.cindy, approver=cast.alice)


@pytest.fixture
def group2(cast: Cast) -> AdministrativeUnit:
    return unit_services.unit_create(
        kind="to_dan_pho",
        name="Tổ dân phố số 2",
        parent=cast.ngoc_ha,
        valid_from=dt.date(2025, 7, 1),
    )


@pytest.fixture
def women(cast: Cast) -> MassOrganisation:
    return unit_services.mass_organisation_save(
        unit=cast.ngoc_ha, kind="phu_nu", name="Hội Liên hiệp Phụ nữ phường Ngọc Hà"
    )
