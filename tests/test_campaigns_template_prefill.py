"""A plan created from the template carries every section of the seed plan, adapted to its unit."""

from __future__ import annotations

import datetime as dt

import pytest

from hailong.campaigns.document import plan_blocks, plan_snapshot, preamble_text
from hailong.campaigns.models import CampaignPlan
from hailong.campaigns.services import plan_create_from_template
from hailong.campaigns.template import reform_period
from hailong.core.errors import PermissionDenied, ServiceError
from hailong.reports.document import BulletList, Paragraph
from tests.campaigns_seed import ORIGINAL, SEED, seed_sentences, squash
from tests.conftest import Cast

ISSUED = dt.date(2023, 10, 5)


def _vinh_phuc_plan(cast: Cast) -> CampaignPlan:
    return plan_create_from_template(
        actor=cast.carol, unit=cast.vinh_phuc, year=2023, issued_on=ISSUED
    )


def _text(plan: CampaignPlan) -> str:
    blocks = plan_blocks(plan_snapshot(plan))
    parts: list[str] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            parts.append(block.text)
        elif isinstance(block, BulletList):
            parts += list(block.items)
    return squash(" ".join(parts))


def test_every_sentence_of_the_seed_is_in_the_plan_made_for_vinh_phuc_2023(cast: Cast) -> None:
    text = _text(_vinh_phuc_plan(cast))

    missing = [s for s in seed_sentences() if s not in text]

    assert missing == []
    assert len(seed_sentences()) >= 20


def test_the_sections_have_the_seeds_counts(cast: Cast) -> None:
    plan = _vinh_phuc_plan(cast)

    assert len(plan.purposes) == 2
    assert len(plan.requirements) == 3
    assert len(plan.content_topics) == 4
    assert [c["kind"] for c in plan.channels] == [
        "loudspeaker",
        "website",
        "zalo",
        "leaflet",
        "meeting",
    ]
    assert plan.routine.startswith("Duy trì 2 lần/ngày tuyên truyền")
    assert "trên loa truyền thanh" in plan.routine
    assert "thi đua, khen thưởng" in plan.emulation_link
    assert len(plan.organisation) == 2


def test_the_legal_references_read_as_in_the_seed(cast: Cast) -> None:
    plan = _vinh_phuc_plan(cast)

    preamble = preamble_text(plan_snapshot(plan))

    assert preamble.startswith(
        "Thực hiện văn bản chỉ đạo số 1732/UBND-NV ngày 20/9/2023 của UBND quận Ba Đình về việc "
        "triển khai điều tra XHH phục vụ chấm chỉ số CCHC phường năm 2023; Kế hoạch số "
        "60/KH-UBND ngày 30/01/2023 của UBND phường Vĩnh Phúc về cải thiện"
    )
    assert plan.period_start == ISSUED
    assert plan.period_end == dt.date(2023, 12, 31)


def test_another_ward_gets_its_own_names_and_year(cast: Cast) -> None:
    plan = plan_create_from_template(
        actor=cast.cindy, unit=cast.ngoc_ha, year=2026, issued_on=dt.date(2026, 3, 2)
    )

    issuers = [ref["issuer"] for ref in plan.legal_references]
    assert issuers == ["UBND thành phố Hà Nội", "UBND phường Ngọc Hà"]
    assert [ref["date"] for ref in plan.legal_references] == ["2026-09-20", "2026-01-30"]
    assert plan.title.endswith("năm 2026")
    assert "UBND phường Ngọc Hà" in plan.purposes[1]
    assert "giai đoạn 2026 - 2030" in plan.requirements[1]
    assert plan.closing.endswith(
        "UBND phường Ngọc Hà đề nghị các bộ phận liên quan nghiêm túc thực hiện./."
    )
    assert plan.recipients[0] == "UBND thành phố Hà Nội"


def test_the_coordinator_is_the_culture_department_and_partners_are_prefilled(cast: Cast) -> None:
    from hailong.units.services import department_save, mass_organisation_save

    culture = department_save(unit=cast.ngoc_ha, kind="van_hoa", name="Văn hóa – Thông tin")
    women = mass_organisation_save(unit=cast.ngoc_ha, kind="phu_nu", name="Hội Phụ nữ phường")

    plan = plan_create_from_template(actor=cast.cindy, unit=cast.ngoc_ha, year=2026)

    assert plan.coordinator == culture
    assert list(plan.partner_departments.all()) == [cast.department]
    assert list(plan.partner_organisations.all()) == [women]
    assert list(plan.partner_groups.all()) == [cast.group1]


@pytest.mark.parametrize(
    ("year", "period"), [(2023, "2021 - 2025"), (2025, "2021 - 2025"), (2026, "2026 - 2030")]
)
def test_the_reform_period_follows_the_five_year_programmes(year: int, period: str) -> None:
    assert reform_period(year) == period


def test_a_viewer_may_not_create_a_plan(cast: Cast) -> None:
    with pytest.raises(PermissionDenied):
        plan_create_from_template(actor=cast.bob, unit=cast.ngoc_ha, year=2026)


def test_a_plan_belongs_to_a_commune_level_unit(cast: Cast) -> None:
    with pytest.raises(ServiceError):
        plan_create_from_template(actor=cast.carol, unit=cast.hanoi, year=2026)


@pytest.mark.skipif(not ORIGINAL.exists(), reason="the shared seed is not next to this checkout")
def test_the_tests_copy_of_the_seed_is_the_original() -> None:
    assert SEED.read_bytes() == ORIGINAL.read_bytes()
