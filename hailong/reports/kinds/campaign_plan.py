"""``campaign_plan``: a communication plan (KẾ HOẠCH tuyên truyền) as PDF or DOCX.

Params: ``plan`` (the plan's id; default the unit's latest plan), ``version`` (an approved
version's number: prints that frozen version; default the plan as it stands), ``schedule``
(false to leave out the table of activities). The text comes from
``hailong.campaigns.document``, the same path the plan page previews.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hailong.jobs.base import JobFailed
from hailong.reports.document import AdminDocument, Table
from hailong.reports.kinds.base import ReportKind
from hailong.units.models import AdministrativeUnit, UnitLevel

if TYPE_CHECKING:
    from hailong.campaigns.models import CampaignPlan
    from hailong.reports.models import ReportJob


class CampaignPlanKind(ReportKind):
    key = "campaign_plan"
    label = gettext_lazy("Kế hoạch tuyên truyền khảo sát sự hài lòng")
    slug = "ke-hoach-tuyen-truyen"
    formats = ("pdf", "docx")

    def available_for(self, unit: AdministrativeUnit) -> bool:
        from hailong.campaigns.models import CampaignPlan

        return unit.level == UnitLevel.COMMUNE and CampaignPlan.objects.filter(unit=unit).exists()

    def document(self, job: ReportJob) -> AdminDocument:
        from hailong.campaigns.document import plan_document, plan_snapshot

        plan = _plan(job)
        version = job.params.get("version")
        if version is not None:
            frozen = plan.versions.filter(number=version).first()
            if frozen is None:
                raise JobFailed(_("Không có phiên bản đã duyệt số %(n)s.") % {"n": version})
            content = frozen.snapshot
        else:
            content = plan_snapshot(plan)
        schedule = _schedule(plan) if job.params.get("schedule", True) else None
        return plan_document(plan, content, schedule)


def _plan(job: ReportJob) -> CampaignPlan:
    from hailong.campaigns.models import CampaignPlan

    plans = CampaignPlan.objects.filter(unit=job.unit).select_related("unit", "unit__parent")
    wanted = job.params.get("plan")
    plan = plans.filter(pk=wanted).first() if wanted is not None else plans.first()
    if plan is None:
        raise JobFailed(_("Đơn vị chưa có kế hoạch tuyên truyền."))
    return plan


def _schedule(plan: CampaignPlan) -> Table | None:
    from hailong.campaigns.channels import channel_label
    from hailong.campaigns.describe import activity_schedule_text, responsible_text
    from hailong.campaigns.document import schedule_table
    from hailong.campaigns.selectors import activities_of

    rows = [
        (channel_label(a.channel), a.title, activity_schedule_text(a), responsible_text(a))
        for a in activities_of(plan)
    ]
    return schedule_table(rows)
