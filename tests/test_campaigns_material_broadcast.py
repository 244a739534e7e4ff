"""The loudspeaker script: one per content topic, figures only when there are some, edited,
regenerated, and attached to a loudspeaker activity."""

from __future__ import annotations

import datetime as dt

import pytest

from hailong.campaigns import services
from hailong.campaigns.models import CampaignPlan
from hailong.campaigns.testing import ward_activity
from hailong.core.errors import ServiceError
from hailong.responses.models import SourceKind
from tests.campaigns_fixtures import plan
from tests.campaigns_materials_fixtures import add_responses, wave_plan
from tests.conftest import Cast

__all__ = ["plan", "wave_plan"]


def test_a_script_is_written_for_each_topic_without_figures_when_there_are_none(
    cast: Cast, wave_plan: CampaignPlan
) -> None:
    scripts = [
        services.material_create(actor=cast.cindy, plan=wave_plan, kind="broadcast", topic=n)
        for n in range(1, len(wave_plan.content_topics) + 1)
    ]

    assert len({s.text for s in scripts}) == len(wave_plan.content_topics) == 4
    first = scripts[0]
    assert first.text.startswith("Thưa toàn thể nhân dân phường Ngọc Hà!")
    assert "Một cửa" in scripts[2].text
    assert "ý kiến" in first.text
    assert "giữ bí mật" in first.text
    assert "Đến ngày" not in first.text
    assert "chỉ số hài lòng" not in first.text
    assert first.title.startswith("Phát thanh – nội dung 1:")
    assert first.source is not None
    assert first.source.kind == SourceKind.LOA


def test_the_latest_figures_go_into_the_script_when_asked(
    cast: Cast, wave_plan: CampaignPlan
) -> None:
    assert wave_plan.wave is not None
    add_responses(wave_plan.wave, None, dt.date(2026, 10, 12), 3, rating=5)
    add_responses(wave_plan.wave, None, dt.date(2026, 10, 14), 1, rating=2)
    with_figures = services.material_create(actor=cast.cindy, plan=wave_plan, kind="broadcast")
    without = services.material_create(
        actor=cast.cindy, plan=wave_plan, kind="broadcast", options={"figures": False}
    )

    assert "Đến ngày 14/10/2026, đã có 4 lượt người dân, tổ chức gửi ý kiến" in with_figures.text
    assert "trên tổng số 50 phiếu cần thu" in with_figures.text
    assert "chỉ số hài lòng chung hiện đạt 75,00%" in with_figures.text
    assert "Đến ngày" not in without.text


def test_an_edit_is_kept_until_the_officer_regenerates(cast: Cast, wave_plan: CampaignPlan) -> None:
    script = services.material_create(actor=cast.cindy, plan=wave_plan, kind="broadcast")
    original = script.text
    services.material_update(
        actor=cast.cindy, material=script, title="Bản tin sáng", text="  Kính thưa bà con!\r\n"
    )
    script.refresh_from_db()
    assert (script.title, script.text, script.edited) == ("Bản tin sáng", "Kính thưa bà con!", True)

    services.material_regenerate(actor=cast.cindy, material=script)
    script.refresh_from_db()
    assert (script.text, script.edited) == (original, False)


def test_a_topic_the_plan_does_not_have_is_refused(cast: Cast, wave_plan: CampaignPlan) -> None:
    with pytest.raises(ServiceError):
        services.material_create(actor=cast.cindy, plan=wave_plan, kind="broadcast", topic=9)


def test_the_script_becomes_the_loudspeaker_activitys_script(
    cast: Cast, wave_plan: CampaignPlan
) -> None:
    activity = ward_activity(wave_plan, actor=cast.cindy)
    script = services.material_create(actor=cast.cindy, plan=wave_plan, kind="broadcast")
    services.material_attach(actor=cast.cindy, material=script, activity=activity)

    occurrence = activity.occurrences.first()
    assert occurrence is not None
    assert occurrence.script_text == script.text
    script.refresh_from_db()
    assert script.options["activity"] == activity.pk


def test_a_script_cannot_be_attached_to_another_channels_activity(
    cast: Cast, wave_plan: CampaignPlan
) -> None:
    activity = ward_activity(wave_plan, actor=cast.cindy, channel="other")
    script = services.material_create(actor=cast.cindy, plan=wave_plan, kind="broadcast")
    with pytest.raises(ServiceError):
        services.material_attach(actor=cast.cindy, material=script, activity=activity)
