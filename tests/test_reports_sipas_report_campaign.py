"""The campaign section of the ward's SIPAS report: the plan in brief, done against due per
channel, the attribution chart with its sources, and how respondents heard of the survey."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import unicodedata

import pytest
from django.utils import timezone

from hailong.campaigns import services
from hailong.campaigns.models import CampaignPlan, Occurrence, OccurrenceStatus
from hailong.campaigns.report_section import campaign_blocks
from hailong.campaigns.testing import ward_activity
from hailong.reports.document import BulletList, ChartBlock, Heading, Table
from hailong.reports.kinds import KINDS
from hailong.reports.models import ReportJob
from tests.campaigns_fixtures import plan
from tests.campaigns_materials_fixtures import add_responses, wave_plan
from tests.conftest import Cast

__all__ = ["plan", "wave_plan"]


@pytest.fixture
def campaign(cast: Cast, wave_plan: CampaignPlan) -> CampaignPlan:
    wave = wave_plan.wave
    assert wave is not None
    activity = ward_activity(wave_plan, actor=cast.cindy)
    rows = list(activity.occurrences.order_by("scheduled_at")[:4])
    for row in rows[:3]:
        Occurrence.objects.filter(pk=row.pk).update(
            status=OccurrenceStatus.DONE, marked_at=row.scheduled_at
        )
    Occurrence.objects.filter(pk=rows[3].pk).update(
        status=OccurrenceStatus.MISSED, marked_at=rows[3].scheduled_at, reason="Mất điện"
    )
    leaflet = services.material_create(
        actor=cast.cindy, plan=wave_plan, kind="leaflet", link_label="Tờ rơi đợt 1"
    )
    add_responses(wave, leaflet.source, dt.date(2026, 10, 3), 4, heard=[8])
    add_responses(wave, None, dt.date(2026, 10, 4), 1, heard=[1, 8])
    return wave_plan


def test_the_section_has_the_plan_compliance_attribution_and_heard_via(
    cast: Cast, campaign: CampaignPlan
) -> None:
    assert campaign.wave is not None
    blocks = campaign_blocks(cast.ngoc_ha, 2026, [campaign.wave])
    headings = [b.text for b in blocks if isinstance(b, Heading)]
    assert headings == [
        "Công tác tuyên truyền",
        "Kết quả thực hiện theo hình thức",
        "Hiệu quả tuyên truyền",
    ]
    assert any(isinstance(b, BulletList) and len(b.items) == 4 for b in blocks)
    tables = [b for b in blocks if isinstance(b, Table)]
    assert tables[0].rows[0][0] == "Loa truyền thanh"
    done, due, pct = tables[0].rows[0][1:]
    assert done == "3"
    assert pct == f"{100 * 3 / int(due):.2f}".replace(".", ",")  # overdue items count as due
    assert tables[1].rows[0] == ("Tờ rơi đợt 1", "4", "80,00")
    assert ("Tờ rơi, áp phích", "5", "100,00") in tables[2].rows
    assert ("Loa phát thanh của phường, xã, tổ dân phố, thôn", "1", "20,00") in tables[2].rows
    assert any(isinstance(b, ChartBlock) for b in blocks)


def test_a_ward_without_a_plan_gets_no_section(cast: Cast) -> None:
    assert campaign_blocks(cast.ngoc_ha, 2026, []) == []


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils absent")
def test_the_report_pdf_carries_the_section_with_its_diacritics(
    cast: Cast, campaign: CampaignPlan
) -> None:
    from hailong.reports.pdf import pdf_render

    assert campaign.wave is not None
    job = ReportJob(
        unit=cast.ngoc_ha,
        kind="sipas_report",
        format="pdf",
        params={"scope": f"dot-{campaign.wave.pk}"},
        created_at=timezone.now(),
    )
    document = KINDS["sipas_report"].document(job)
    pdf = pdf_render(document)
    out = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True)
    text = " ".join(unicodedata.normalize("NFC", out.stdout.decode()).split())
    assert "CÔNG TÁC TUYÊN TRUYỀN" in text.upper()
    assert "Đợt khảo sát thu được 5 ý kiến hợp lệ, đạt 10,00% số phiếu cần thu (50)." in text
