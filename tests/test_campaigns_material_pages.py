"""Materials and "what it achieved" pages: cindy creates and edits, bob reads but cannot write,
a group's volunteer sees neither, the outsider gets 404."""

from __future__ import annotations

import pytest
from django.urls import reverse

from hailong.accounts.models import User
from hailong.accounts.roles import Role
from hailong.accounts.services import role_assign
from hailong.campaigns import services
from hailong.campaigns.models import CampaignPlan, Material
from tests.campaigns_fixtures import plan
from tests.campaigns_materials_fixtures import wave_plan
from tests.conftest import Cast, make_user

__all__ = ["plan", "wave_plan"]


@pytest.fixture
def volunteer(cast: Cast) -> User:
    user = make_user("tinhnguyen")
    role_assign(actor=None, user=user, unit=cast.group1, role=Role.VOLUNTEER)
    return user


def test_cindy_creates_a_zalo_post_with_its_tracked_link_through_the_page(
    cast: Cast, wave_plan: CampaignPlan
) -> None:
    client = cast.client(cast.cindy)
    response = client.post(
        reverse("campaigns:material_create", args=[wave_plan.pk]),
        {"kind": "zalo", "link_label": "Zalo nhóm Hội Phụ nữ", "figures": "on"},
    )
    material = Material.objects.get(plan=wave_plan)
    assert response.status_code == 302
    assert response["Location"] == reverse("campaigns:material", args=[material.pk])
    assert material.source is not None
    assert material.source.label == "Zalo nhóm Hội Phụ nữ"

    page = client.get(reverse("campaigns:material", args=[material.pk]))
    assert page.status_code == 200
    assert "Ảnh chia sẻ 1200×630 (PNG)" in page.content.decode()
    image = client.get(reverse("campaigns:material_file", args=[material.pk, "anh-chia-se"]))
    assert image["Content-Type"] == "image/png"

    edit = client.post(
        reverse("campaigns:material", args=[material.pk]),
        {"title": "Mời bà con", "text": "Nội dung mới"},
    )
    assert edit.status_code == 302
    material.refresh_from_db()
    assert (material.text, material.edited) == ("Nội dung mới", True)


def test_bob_reads_materials_and_results_but_cannot_write(
    cast: Cast, wave_plan: CampaignPlan
) -> None:
    material = services.material_create(actor=cast.cindy, plan=wave_plan, kind="broadcast")
    client = cast.client(cast.bob)

    assert client.get(reverse("campaigns:materials", args=[wave_plan.pk])).status_code == 200
    page = client.get(reverse("campaigns:material", args=[material.pk]))
    assert page.status_code == 200
    assert "Sửa nội dung" not in page.content.decode()
    assert client.get(reverse("campaigns:attribution", args=[wave_plan.pk])).status_code == 200
    edit = client.post(
        reverse("campaigns:material", args=[material.pk]), {"title": "x", "text": "y"}
    )
    assert edit.status_code == 403
    assert client.get(reverse("campaigns:material_create", args=[wave_plan.pk])).status_code == 403
    regenerate = client.post(reverse("campaigns:material_regenerate", args=[material.pk]))
    assert regenerate.status_code == 403
    material.refresh_from_db()
    assert material.edited is False


def test_a_groups_volunteer_and_the_outsider_see_nothing(
    cast: Cast, wave_plan: CampaignPlan, volunteer: User
) -> None:
    material = services.material_create(actor=cast.cindy, plan=wave_plan, kind="leaflet")
    urls = [
        reverse("campaigns:materials", args=[wave_plan.pk]),
        reverse("campaigns:attribution", args=[wave_plan.pk]),
        reverse("campaigns:material", args=[material.pk]),
        reverse("campaigns:material_file", args=[material.pk, "to-roi-a5"]),
    ]
    for user in (volunteer, cast.charlie):
        client = cast.client(user)
        assert [client.get(url).status_code for url in urls] == [404] * 4


def test_the_attribution_page_draws_the_chart_with_its_table(
    cast: Cast, wave_plan: CampaignPlan
) -> None:
    import datetime as dt

    from tests.campaigns_materials_fixtures import add_responses

    leaflet = services.material_create(actor=cast.cindy, plan=wave_plan, kind="leaflet")
    assert wave_plan.wave is not None
    add_responses(wave_plan.wave, leaflet.source, dt.date(2026, 10, 5), 3, heard=[8])
    page = cast.client(cast.alice).get(reverse("campaigns:attribution", args=[wave_plan.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "<svg" in html
    assert 'class="chart-table"' in html
    assert "3 ý kiến hợp lệ trên 50 phiếu cần thu (6,0%)" in html or "(6.0%)" in html
    assert "Tờ rơi, áp phích" in html
