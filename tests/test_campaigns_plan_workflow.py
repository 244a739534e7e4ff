"""A plan is drafted by the communication officer, approved or returned (with a reason) by a
leader; every approval freezes a version; editing an approved plan starts a new draft version."""

from __future__ import annotations

import pytest

from hailong.campaigns.models import CampaignPlan, PlanStatus
from hailong.campaigns.services import (
    plan_approve,
    plan_create_from_template,
    plan_reject,
    plan_revise,
    plan_submit,
    plan_update,
)
from hailong.core.errors import PermissionDenied, ServiceError
from tests.conftest import Cast


@pytest.fixture
def draft(cast: Cast) -> CampaignPlan:
    return plan_create_from_template(actor=cast.cindy, unit=cast.ngoc_ha, year=2026)


def test_the_officer_submits_and_the_leader_approves(cast: Cast, draft: CampaignPlan) -> None:
    plan = plan_submit(actor=cast.cindy, plan=draft)
    assert plan.status == PlanStatus.SUBMITTED

    plan = plan_approve(actor=cast.alice, plan=plan)

    assert plan.status == PlanStatus.APPROVED
    assert plan.approved_by == cast.alice
    version = plan.versions.get()
    assert (version.number, version.drafted_by, version.approved_by) == (1, cast.cindy, cast.alice)
    assert version.snapshot["title"] == plan.title
    assert version.snapshot["issued_on"] == plan.issued_on.isoformat()
    assert list(plan.events.values_list("action", flat=True)) == [
        "approved",
        "submitted",
        "created",
    ]


def test_the_communication_officer_may_not_approve_their_own_plan(
    cast: Cast, draft: CampaignPlan
) -> None:
    plan = plan_submit(actor=cast.cindy, plan=draft)

    with pytest.raises(PermissionDenied):
        plan_approve(actor=cast.cindy, plan=plan)


def test_a_leader_may_approve_a_plan_they_drafted(cast: Cast) -> None:
    plan = plan_create_from_template(actor=cast.alice, unit=cast.ngoc_ha, year=2026)
    plan = plan_submit(actor=cast.alice, plan=plan)

    assert plan_approve(actor=cast.alice, plan=plan).status == PlanStatus.APPROVED


def test_a_rejection_needs_a_reason_and_returns_the_plan_to_draft(
    cast: Cast, draft: CampaignPlan
) -> None:
    plan = plan_submit(actor=cast.cindy, plan=draft)
    with pytest.raises(ServiceError):
        plan_reject(actor=cast.alice, plan=plan, reason="   ")

    plan = plan_reject(actor=cast.alice, plan=plan, reason="Bổ sung lịch phát thanh cụ thể.")

    assert plan.status == PlanStatus.DRAFT
    assert plan.rejection_reason == "Bổ sung lịch phát thanh cụ thể."
    assert plan.events.first().note == "Bổ sung lịch phát thanh cụ thể."  # type: ignore[union-attr]
    assert not plan.versions.exists()


def test_only_a_draft_is_edited_and_only_a_submitted_plan_is_approved(
    cast: Cast, draft: CampaignPlan
) -> None:
    with pytest.raises(ServiceError):
        plan_approve(actor=cast.alice, plan=draft)
    plan = plan_submit(actor=cast.cindy, plan=draft)
    with pytest.raises(ServiceError):
        plan_update(actor=cast.cindy, plan=plan, content={"title": "Khác"})
    with pytest.raises(ServiceError):
        plan_submit(actor=cast.cindy, plan=plan)


def test_editing_an_approved_plan_starts_version_two_and_keeps_version_one(
    cast: Cast, draft: CampaignPlan
) -> None:
    plan = plan_approve(actor=cast.alice, plan=plan_submit(actor=cast.cindy, plan=draft))
    first_title = plan.title

    plan = plan_revise(actor=cast.cindy, plan=plan)
    plan = plan_update(actor=cast.cindy, plan=plan, content={"title": "  Kế hoạch   sửa đổi "})

    assert (plan.status, plan.version) == (PlanStatus.DRAFT, 2)
    assert plan.title == "Kế hoạch sửa đổi"
    assert plan.in_force
    assert plan.versions.get(number=1).snapshot["title"] == first_title

    plan = plan_approve(actor=cast.alice, plan=plan_submit(actor=cast.cindy, plan=plan))

    assert sorted(plan.versions.values_list("number", flat=True)) == [1, 2]
    assert plan.versions.get(number=2).snapshot["title"] == "Kế hoạch sửa đổi"


def test_approving_a_new_plan_for_the_same_year_supersedes_the_old_one(
    cast: Cast, draft: CampaignPlan
) -> None:
    old = plan_approve(actor=cast.alice, plan=plan_submit(actor=cast.cindy, plan=draft))
    new = plan_create_from_template(actor=cast.cindy, unit=cast.ngoc_ha, year=2026)

    plan_approve(actor=cast.alice, plan=plan_submit(actor=cast.cindy, plan=new))

    old.refresh_from_db()
    assert old.status == PlanStatus.SUPERSEDED
    assert not old.in_force


def test_a_viewer_can_neither_edit_nor_submit(cast: Cast, draft: CampaignPlan) -> None:
    with pytest.raises(PermissionDenied):
        plan_update(actor=cast.bob, plan=draft, content={"title": "x"})
    with pytest.raises(PermissionDenied):
        plan_submit(actor=cast.bob, plan=draft)


def test_an_edit_keeps_the_text_nfc_and_drops_empty_items(cast: Cast, draft: CampaignPlan) -> None:
    decomposed = "Tuye\u0302\u0300n truye\u0302\u0300n"

    plan = plan_update(
        actor=cast.cindy, plan=draft, content={"purposes": [decomposed, "  ", "Hai"]}
    )

    assert plan.purposes == ["Tuyền truyền", "Hai"]


def test_a_period_in_the_wrong_order_is_refused(cast: Cast, draft: CampaignPlan) -> None:
    with pytest.raises(ServiceError):
        plan_update(
            actor=cast.cindy,
            plan=draft,
            content={"period_start": draft.period_end, "period_end": draft.period_start},
        )
