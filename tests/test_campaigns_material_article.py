"""The website article draft: summary or results, sanitised HTML, a chart, and the clean
``article_draft`` dict the public site turns into an Article."""

from __future__ import annotations

import datetime as dt

from hailong.campaigns import services
from hailong.campaigns.materials import article_draft
from hailong.campaigns.models import CampaignPlan
from hailong.responses.models import SourceKind
from tests.campaigns_fixtures import plan
from tests.campaigns_materials_fixtures import add_responses, wave_plan
from tests.conftest import Cast

__all__ = ["plan", "wave_plan"]


def test_a_results_article_has_the_figures_a_chart_and_its_own_link(
    cast: Cast, wave_plan: CampaignPlan
) -> None:
    assert wave_plan.wave is not None
    add_responses(wave_plan.wave, None, dt.date(2026, 10, 20), 4, rating=4)
    material = services.material_create(
        actor=cast.cindy,
        plan=wave_plan,
        kind="article",
        link_label="Bài trên trang thông tin",
        options={"variant": "results"},
    )
    draft = article_draft(material)

    assert draft["title"].startswith("Kết quả khảo sát sự hài lòng")
    assert "đã có 4 lượt" in draft["summary"]
    assert draft["image_bytes"][:8] == b"\x89PNG\r\n\x1a\n"
    assert draft["image_svg"].lstrip().startswith("<svg")
    assert "Công chức" in draft["image_alt"] or draft["image_alt"]
    assert material.source is not None
    assert material.source.kind == SourceKind.WEBSITE
    assert material.source.token in draft["tracked_url"]
    assert f'href="{draft["tracked_url"]}"' in draft["body_html"]


def test_a_summary_article_without_responses_has_no_chart(
    cast: Cast, wave_plan: CampaignPlan
) -> None:
    material = services.material_create(
        actor=cast.cindy, plan=wave_plan, kind="article", options={"variant": "summary"}
    )
    draft = article_draft(material)
    assert draft["image_bytes"] is None
    assert draft["image_svg"] is None
    assert "<h2>Nội dung tuyên truyền</h2>" in draft["body_html"]
    assert "Đến ngày" not in draft["body_html"]


def test_the_officers_html_is_sanitised(cast: Cast, wave_plan: CampaignPlan) -> None:
    material = services.material_create(actor=cast.cindy, plan=wave_plan, kind="article")
    services.material_update(
        actor=cast.cindy,
        material=material,
        title="Bài viết",
        summary="Tóm tắt",
        text=(
            '<p onclick="x()">Chào <strong>bà con</strong></p><script>alert(1)</script>'
            '<a href="javascript:alert(1)">xấu</a><a href="https://phuong.example.vn">tốt</a>'
            '<img src="x" onerror="y()">'
        ),
    )
    material.refresh_from_db()
    html = material.text
    assert "<script" not in html
    assert "onclick" not in html
    assert "onerror" not in html
    assert "javascript:" not in html
    assert "<img" not in html
    assert "<p>Chào <strong>bà con</strong></p>" in html
    assert 'href="https://phuong.example.vn"' in html
    assert "noopener" in html
    assert article_draft(material)["body_html"] == html
