"""The campaign's section of the ward's SIPAS report (``reports.kinds.sipas_report``): the plan
in brief, done against due per channel, the attribution chart and the heard-via shares."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.db.models import Q
from django.utils.translation import gettext as _

from hailong.campaigns.attribution import attribution
from hailong.campaigns.models import CampaignPlan, PlanStatus
from hailong.campaigns.reporting import compliance_report
from hailong.indices.engine import format_pct
from hailong.reports.document import Block, BulletList, ChartBlock, Heading, Paragraph, Table

if TYPE_CHECKING:
    from hailong.surveys.models import SurveyWave
    from hailong.units.models import AdministrativeUnit


def plan_for(
    unit: AdministrativeUnit, year: int, waves: Sequence[SurveyWave]
) -> CampaignPlan | None:
    """The unit's plan in force for one of the report's waves, else for the report's year."""
    plans = CampaignPlan.objects.filter(unit=unit, approved_at__isnull=False).exclude(
        status=PlanStatus.SUPERSEDED
    )
    found = plans.filter(wave__in=list(waves)).order_by("-year", "-pk").first()
    return found or plans.filter(Q(year=year)).order_by("-pk").first()


def _pct(part: int, whole: int) -> str:
    return format_pct(100 * part / whole if whole else None)


def campaign_blocks(
    unit: AdministrativeUnit, year: int, waves: Sequence[SurveyWave]
) -> list[Block]:
    """The section's blocks, or none when the unit has no plan in force for the report."""
    plan = plan_for(unit, year, waves)
    if plan is None:
        return []
    blocks: list[Block] = [Heading(_("Công tác tuyên truyền"))]
    blocks.append(
        Paragraph(
            _(
                "Thực hiện Kế hoạch số %(number)s ngày %(date)s về %(title)s, từ ngày %(start)s "
                "đến ngày %(end)s, với các nội dung:"
            )
            % {
                "number": plan.number_symbol.strip(),
                "date": plan.issued_on.strftime("%d/%m/%Y"),
                "title": plan.title[:1].lower() + plan.title[1:],
                "start": plan.period_start.strftime("%d/%m/%Y"),
                "end": plan.period_end.strftime("%d/%m/%Y"),
            }
        )
    )
    topics = tuple(str(t) for t in plan.content_topics or [])
    if topics:
        blocks.append(BulletList(topics))
    report = compliance_report(plan, plan.period_start, plan.period_end)
    if report.channels:
        blocks.append(Heading(_("Kết quả thực hiện theo hình thức"), level=2))
        blocks.append(
            Table(
                headers=(_("Hình thức"), _("Đã thực hiện"), _("Đến hạn"), _("Tỷ lệ (%)")),
                rows=tuple(
                    (
                        row.label,
                        str(row.tally.done),
                        str(row.tally.due),
                        _pct(row.tally.done, row.tally.due),
                    )
                    for row in report.channels
                ),
                widths=(3, 1, 1, 1),
                align=("left", "right", "right", "right"),
            )
        )
    blocks += _attribution_blocks(plan)
    return blocks


def _attribution_blocks(plan: CampaignPlan) -> list[Block]:
    found = attribution(plan)
    if found.wave is None or not found.total:
        return []
    blocks: list[Block] = [Heading(_("Hiệu quả tuyên truyền"), level=2)]
    blocks.append(
        Paragraph(
            _(
                "Đợt khảo sát thu được %(n)s ý kiến hợp lệ, đạt %(rate)s%% số phiếu cần thu "
                "(%(target)s)."
            )
            % {"n": found.total, "rate": format_pct(found.rate), "target": found.target}
        )
    )
    chart = found.chart()
    if chart is not None:
        blocks.append(ChartBlock(chart))
    if found.sources:
        blocks.append(
            Table(
                headers=(_("Nguồn"), _("Số ý kiến"), _("Tỷ lệ (%)")),
                rows=tuple((s.label, str(s.responses), format_pct(s.share)) for s in found.sources),
                widths=(4, 1, 1),
                align=("left", "right", "right"),
            )
        )
    if found.heard_answered:
        blocks.append(
            Paragraph(
                _(
                    "%(n)s người trả lời cho biết đã biết đến cuộc khảo sát qua các kênh (mỗi "
                    "người có thể chọn nhiều kênh):"
                )
                % {"n": found.heard_answered}
            )
        )
        blocks.append(
            Table(
                headers=(_("Kênh"), _("Số người"), _("Tỷ lệ (%)")),
                rows=tuple((h.label, str(h.count), format_pct(h.share)) for h in found.heard_via),
                widths=(4, 1, 1),
                align=("left", "right", "right"),
            )
        )
    return blocks
