"""The leaflet (A5) and poster (A4): the tracked link's QR and address, the questions in brief,
the confidentiality promise and the ward's contacts, Vietnamese intact in the PDF's text."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata

import pytest

from hailong.campaigns import services
from hailong.campaigns.materials import MATERIALS
from hailong.campaigns.models import CampaignPlan
from hailong.responses.models import SourceKind
from hailong.units.models import AdministrativeUnit
from tests.campaigns_fixtures import plan
from tests.campaigns_materials_fixtures import wave_plan
from tests.conftest import Cast

__all__ = ["plan", "wave_plan"]

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils absent")


def _text(pdf: bytes) -> str:
    out = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    )
    return " ".join(unicodedata.normalize("NFC", out.stdout.decode()).split())


@pytest.mark.parametrize(("slug", "width_mm"), [("to-roi-a5", 148), ("ap-phich-a4", 210)])
def test_the_pdf_carries_link_questions_promise_and_contacts(
    cast: Cast, wave_plan: CampaignPlan, slug: str, width_mm: int
) -> None:
    AdministrativeUnit.objects.filter(pk=cast.ngoc_ha.pk).update(
        address="Số 8 phố Ngọc Hà, Ba Đình", phone="024 3845 1234", email="ngocha@example.vn"
    )
    leaflet = services.material_create(
        actor=cast.cindy, plan=wave_plan, kind="leaflet", link_label="Tờ rơi đợt 1"
    )
    spec = MATERIALS["leaflet"].file_spec(slug)
    assert spec is not None
    pdf = spec.build(leaflet)
    text = _text(pdf)

    assert pdf.startswith(b"%PDF")
    assert leaflet.source is not None
    assert leaflet.source.kind == SourceKind.TO_ROI
    assert leaflet.source.token in text  # the printed short link is the tracked one
    assert "Ủy ban nhân dân phường Ngọc Hà" in text
    assert "Công chức (1 câu)" in text
    assert "Phiếu không ghi tên. Ý kiến của Ông/Bà được giữ bí mật" in text
    assert "Số 8 phố Ngọc Hà, Ba Đình" in text
    assert "024 3845 1234" in text
    assert "ngocha@example.vn" in text
    info = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, check=True)
    size = next(line for line in info.stdout.decode().splitlines() if "Page size" in line)
    width_pt = float(size.split(":")[1].split("x")[0])
    assert abs(width_pt - width_mm * 72 / 25.4) < 1


def test_the_officers_edit_is_what_is_printed(cast: Cast, wave_plan: CampaignPlan) -> None:
    leaflet = services.material_create(actor=cast.cindy, plan=wave_plan, kind="leaflet")
    services.material_update(
        actor=cast.cindy,
        material=leaflet,
        title="Mời bà con góp ý",
        text="Ông/Bà hãy dành 3 phút cho phường.\n\nMọi ý kiến được giữ kín tuyệt đối.",
    )
    spec = MATERIALS["leaflet"].file_spec("to-roi-a5")
    assert spec is not None
    text = _text(spec.build(leaflet))
    assert "Mời bà con góp ý" in text
    assert "Mọi ý kiến được giữ kín tuyệt đối." in text
