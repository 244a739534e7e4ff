"""Helpers for tests (and the scope test's examples): a ward's plan, activity and occurrences."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from hailong.accounts.models import User
    from hailong.campaigns.models import CampaignActivity, CampaignPlan, Occurrence
    from hailong.units.models import AdministrativeUnit

YEAR = 2026
ISSUED = dt.date(2026, 10, 1)


def ward_plan(
    unit: AdministrativeUnit,
    *,
    drafter: User,
    approver: User | None = None,
    year: int = YEAR,
    issued_on: dt.date = ISSUED,
) -> CampaignPlan:
    """The unit's plan for ``year`` from the template (created once); approved if an
    ``approver`` is given."""
    from hailong.campaigns import services
    from hailong.campaigns.models import CampaignPlan, PlanStatus

    plan = CampaignPlan.objects.filter(unit=unit, year=year).first()
    if plan is None:
        plan = services.plan_create_from_template(
            actor=drafter, unit=unit, year=year, issued_on=issued_on
        )
    if approver is not None and plan.status == PlanStatus.DRAFT:
        services.plan_submit(actor=drafter, plan=plan)
        plan = services.plan_approve(actor=approver, plan=plan)
    return plan


def ward_activity(
    plan: CampaignPlan,
    *,
    actor: User,
    channel: str = "loudspeaker",
    **overrides: Any,
) -> CampaignActivity:
    """An activity of ``plan`` with the channel's default schedule over the plan's period."""
    from hailong.campaigns import services
    from hailong.campaigns.channels import CHANNELS

    kind = CHANNELS[channel]
    values: dict[str, Any] = {
        "title": str(kind.default_title),
        "recurrence": kind.default_recurrence(plan),
        "starts_on": plan.period_start,
        "ends_on": plan.period_end,
        "data": {},
    }
    values.update(overrides)
    return services.activity_save(actor=actor, plan=plan, channel=channel, **values)


def first_occurrence(activity: CampaignActivity) -> Occurrence:
    occurrence = activity.occurrences.select_related("plan", "unit", "activity").first()
    assert occurrence is not None
    return occurrence
