"""The campaign's staff pages: cindy (communication officer) manages, alice (leader) approves,
bob only reads, charlie (another ward) sees nothing, a group's volunteer marks their items."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from hailong.accounts.models import User
from hailong.accounts.roles import Role
from hailong.accounts.services import role_assign
from hailong.campaigns.forms.plans import PlanEditForm
from hailong.campaigns.models import CampaignPlan, Evidence, LoudspeakerArea, Occurrence
from hailong.campaigns.recurrence import LOCAL, Recurrence
from hailong.campaigns.samples import sample_jpeg
from hailong.campaigns.testing import ward_activity, ward_plan
from hailong.reports.models import ReportJob
from tests.campaigns_fixtures import plan
from tests.conftest import Cast, make_user

__all__ = ["plan"]
DAY = dt.datetime(2026, 10, 16, 9, 0, tzinfo=LOCAL)


def _form_data(plan: CampaignPlan, **changes: Any) -> dict[str, Any]:
    """What the edit page would post back unchanged (lists as lines, dates as dd/mm/yyyy)."""
    data: dict[str, Any] = {}
    for name, value in PlanEditForm(plan=plan).initial.items():
        if isinstance(value, list) and name.startswith("partner_"):
            data[name] = value
        elif isinstance(value, list):
            data[name] = "\n".join(value)
        elif isinstance(value, dt.date):
            data[name] = value.strftime("%d/%m/%Y")
        else:
            data[name] = "" if value is None else value
    data.update(changes)
    return data


def test_cindy_creates_a_plan_from_the_template(cast: Cast) -> None:
    client = cast.client(cast.cindy)
    url = reverse("campaigns:plan_create", args=[cast.ngoc_ha.pk])

    response = client.post(url, {"year": 2026, "issued_on": "01/10/2026"})

    plan = CampaignPlan.objects.get(unit=cast.ngoc_ha)
    assert response.status_code == 302
    assert response["Location"] == reverse("campaigns:plan_detail", args=[plan.pk])
    page = client.get(response["Location"]).content.decode()
    assert "Duy trì 2 lần/ngày tuyên truyền" in page
    assert "I. MỤC ĐÍCH, YÊU CẦU" in page


def test_cindy_edits_the_draft_through_the_form(cast: Cast) -> None:
    plan = ward_plan(cast.ngoc_ha, drafter=cast.cindy)
    data = _form_data(plan, title="Tuyên truyền khảo sát năm 2026", channel_zalo="")

    response = cast.client(cast.cindy).post(reverse("campaigns:plan_edit", args=[plan.pk]), data)

    assert response.status_code == 302, response.content.decode()[:3000]
    plan.refresh_from_db()
    assert plan.title == "Tuyên truyền khảo sát năm 2026"
    assert [c["kind"] for c in plan.channels] == ["loudspeaker", "website", "leaflet", "meeting"]
    assert plan.legal_references[1]["number"] == "60/KH-UBND"
    assert plan.purposes[0].startswith("Tăng cường công tác thông tin")


def test_an_unreadable_legal_reference_is_refused_on_the_form(cast: Cast) -> None:
    plan = ward_plan(cast.ngoc_ha, drafter=cast.cindy)
    data = _form_data(plan, legal_references="Công văn của quận")

    response = cast.client(cast.cindy).post(reverse("campaigns:plan_edit", args=[plan.pk]), data)

    assert response.status_code == 400
    assert "Không đọc được căn cứ" in response.content.decode()


def test_cindy_submits_and_alice_approves_through_the_pages(cast: Cast) -> None:
    plan = ward_plan(cast.ngoc_ha, drafter=cast.cindy)
    cast.client(cast.cindy).post(reverse("campaigns:plan_submit", args=[plan.pk]))

    response = cast.client(cast.alice).post(
        reverse("campaigns:plan_decide", args=[plan.pk]), {"decision": "approve"}
    )

    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.status == "approved"
    assert (
        cast.client(cast.bob).get(reverse("campaigns:plan_version", args=[plan.pk, 1])).status_code
        == 200
    )


def test_alice_returns_a_plan_with_a_reason(cast: Cast) -> None:
    plan = ward_plan(cast.ngoc_ha, drafter=cast.cindy)
    cast.client(cast.cindy).post(reverse("campaigns:plan_submit", args=[plan.pk]))
    url = reverse("campaigns:plan_decide", args=[plan.pk])

    assert cast.client(cast.alice).post(url, {"decision": "reject"}).status_code == 400
    cast.client(cast.alice).post(url, {"decision": "reject", "reason": "Thêm lịch cụ thể"})

    plan.refresh_from_db()
    assert (plan.status, plan.rejection_reason) == ("draft", "Thêm lịch cụ thể")
    page = cast.client(cast.cindy).get(reverse("campaigns:plan_detail", args=[plan.pk]))
    assert "Thêm lịch cụ thể" in page.content.decode()


def test_cindy_cannot_approve_and_bob_only_reads(cast: Cast, plan: CampaignPlan) -> None:
    bob = cast.client(cast.bob)
    assert (
        cast.client(cast.cindy).get(reverse("campaigns:plan_decide", args=[plan.pk])).status_code
        == 403
    )
    assert bob.get(reverse("campaigns:plan_detail", args=[plan.pk])).status_code == 200
    assert bob.get(reverse("campaigns:calendar", args=[plan.pk])).status_code == 200
    assert bob.get(reverse("campaigns:compliance", args=[plan.pk])).status_code == 200
    assert bob.get(reverse("campaigns:plan_edit", args=[plan.pk])).status_code == 403
    assert bob.post(reverse("campaigns:plan_revise", args=[plan.pk])).status_code == 403
    assert (
        bob.get(reverse("campaigns:activity_create", args=[plan.pk, "loudspeaker"])).status_code
        == 403
    )
    page = bob.get(reverse("campaigns:plan_detail", args=[plan.pk])).content.decode()
    assert "Sửa nội dung kế hoạch" not in page
    assert reverse("campaigns:activity_create", args=[plan.pk, "loudspeaker"]) not in page


def test_cindy_adds_broadcasts_through_the_activity_form(cast: Cast, plan: CampaignPlan) -> None:
    data = {
        "title": "Phát thanh buổi sáng và chiều",
        "starts_on": "01/10/2026",
        "ends_on": "31/10/2026",
        "kind": "daily",
        "times": "06:30, 17:30",
        "skip_holidays": "on",
        "except_dates": "20/10/2026",
        "script": "Kính thưa bà con…",
    }
    url = reverse("campaigns:activity_create", args=[plan.pk, "loudspeaker"])

    response = cast.client(cast.cindy).post(url, data)

    assert response.status_code == 302
    activity = plan.activities.get()
    assert activity.occurrences.count() == 2 * 30
    assert activity.script == "Kính thưa bà con…"


def test_a_weekly_activity_without_weekdays_is_refused_on_the_form(
    cast: Cast, plan: CampaignPlan
) -> None:
    data = {
        "title": "Tin bài",
        "starts_on": "01/10/2026",
        "ends_on": "31/12/2026",
        "kind": "weekly",
        "times": "09:00",
    }
    url = reverse("campaigns:activity_create", args=[plan.pk, "website"])

    response = cast.client(cast.cindy).post(url, data)

    assert response.status_code == 400
    assert not plan.activities.exists()


def test_the_calendar_shows_a_month_and_a_week(
    cast: Cast, plan: CampaignPlan, django_assert_max_num_queries: Any
) -> None:
    ward_activity(plan, actor=cast.cindy)
    url = reverse("campaigns:calendar", args=[plan.pk])
    client = cast.client(cast.bob)

    with django_assert_max_num_queries(10):
        month = client.get(url, {"xem": "thang", "ngay": "16/10/2026"}).content.decode()
    week = client.get(url, {"xem": "tuan", "ngay": "16/10/2026"}).content.decode()

    assert "Tháng 10/2026" in month
    assert 'Loa truyền thanh: <span class="ok">0/2</span>' in month
    assert "Tuần 12/10 – 18/10/2026" in week
    assert week.count("06:30") == 7


def test_today_lists_the_days_items_with_big_buttons_for_cindy_only(
    cast: Cast, plan: CampaignPlan, django_assert_max_num_queries: Any
) -> None:
    ward_activity(plan, actor=cast.cindy)
    url = reverse("campaigns:today", args=[cast.ngoc_ha.pk])
    cindy_client, bob_client = cast.client(cast.cindy), cast.client(cast.bob)

    with time_machine.travel(DAY, tick=False), django_assert_max_num_queries(10):
        cindy = cindy_client.get(url).content.decode()
    with time_machine.travel(DAY, tick=False):
        bob = bob_client.get(url).content.decode()

    assert "Hôm nay 16/10/2026" in cindy
    today, overdue = cindy.split("Việc quá hạn chưa ghi nhận (7 ngày qua)")
    assert today.count('class="go"') == 2
    assert overdue.count('class="go"') == 13  # 09/10 17:30 (7 days back) to 15/10 17:30
    assert "Chưa thực hiện" in bob
    assert 'class="go"' not in bob


def test_cindy_marks_a_broadcast_done_with_a_photo_from_her_phone(
    cast: Cast, plan: CampaignPlan
) -> None:
    item = ward_activity(plan, actor=cast.cindy).occurrences.order_by("scheduled_at")[15]
    url = reverse("campaigns:occurrence", args=[item.pk]) + f"?ve={cast.ngoc_ha.pk}"
    photo = SimpleUploadedFile("photo.jpg", sample_jpeg(1200, 900), "image/jpeg")

    with time_machine.travel(DAY, tick=False):
        form = cast.client(cast.cindy).get(url).content.decode()
        response = cast.client(cast.cindy).post(url, {"status": "done", "photos": photo})

    assert 'accept="image/*"' in form
    assert 'capture="environment"' in form
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("campaigns:today", args=[cast.ngoc_ha.pk]))
    item.refresh_from_db()
    assert item.status == "done"
    evidence = Evidence.objects.get(occurrence=item)
    image = cast.client(cast.bob).get(reverse("campaigns:evidence_file", args=[evidence.pk]))
    assert image.status_code == 200
    assert image["Content-Type"] == "image/jpeg"
    assert (
        cast.client(cast.charlie)
        .get(reverse("campaigns:evidence_file", args=[evidence.pk]))
        .status_code
        == 404
    )


def test_missed_without_a_reason_goes_back_to_the_form(cast: Cast, plan: CampaignPlan) -> None:
    item = ward_activity(plan, actor=cast.cindy).occurrences.order_by("scheduled_at")[0]
    url = reverse("campaigns:occurrence", args=[item.pk])

    with time_machine.travel(DAY, tick=False):
        response = cast.client(cast.cindy).post(url, {"status": "missed"})
        bob = cast.client(cast.bob).post(url, {"status": "done"})

    assert response.status_code == 400
    assert "Hãy ghi lý do không thực hiện." in response.content.decode()
    assert bob.status_code == 403
    item.refresh_from_db()
    assert item.status == "planned"


@pytest.fixture
def volunteer(cast: Cast) -> User:
    user = make_user("vera")
    role_assign(actor=None, user=user, unit=cast.group1, role=Role.VOLUNTEER)
    return user


def test_a_volunteer_works_from_their_groups_today_page(
    cast: Cast, plan: CampaignPlan, volunteer: User
) -> None:
    activity = ward_activity(
        plan,
        actor=cast.cindy,
        channel="leaflet",
        recurrence=Recurrence("once", (dt.time(8, 0),), on=dt.date(2026, 10, 16)),
        data={"print_count": 100, "distribution": {str(cast.group1.pk): 100}},
    )
    ward_activity(plan, actor=cast.cindy)
    item = activity.occurrences.get()
    client = cast.client(volunteer)

    with time_machine.travel(DAY, tick=False):
        page = client.get(reverse("campaigns:today", args=[cast.group1.pk])).content.decode()
        ward = client.get(reverse("campaigns:today", args=[cast.ngoc_ha.pk]))
        response = client.post(
            reverse("campaigns:occurrence", args=[item.pk]), {"status": "done", "delivered": 98}
        )

    assert "Tổ dân phố số 1: 100 tờ" in page
    assert "Phát thanh" not in page
    assert ward.status_code == 404
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.outcome == {"delivered": 98}


def test_the_overdue_page_lists_unmarked_past_items(cast: Cast, plan: CampaignPlan) -> None:
    ward_activity(plan, actor=cast.cindy)

    with time_machine.travel(dt.datetime(2026, 10, 2, 12, 0, tzinfo=LOCAL), tick=False):
        page = (
            cast.client(cast.bob)
            .get(reverse("campaigns:overdue", args=[cast.ngoc_ha.pk]))
            .content.decode()
        )

    assert page.count('class="item overdue"') == 3  # 01/10 06:30, 17:30 and 02/10 06:30


def test_printing_starts_a_campaign_plan_report(cast: Cast, plan: CampaignPlan) -> None:
    response = cast.client(cast.bob).post(
        reverse("campaigns:plan_print", args=[plan.pk]), {"format": "docx"}
    )

    job = ReportJob.objects.get()
    assert (job.kind, job.format, job.params) == ("campaign_plan", "docx", {"plan": plan.pk})
    assert response["Location"] == reverse("reports:status", args=[cast.ngoc_ha.pk, job.pk])


def test_cindy_adds_a_loudspeaker_cluster_and_bob_cannot(cast: Cast) -> None:
    url = reverse("campaigns:loudspeaker_areas", args=[cast.ngoc_ha.pk])

    cast.client(cast.cindy).post(url, {"name": "Cụm loa số 1", "groups": [cast.group1.pk]})

    assert LoudspeakerArea.objects.get().name == "Cụm loa số 1"
    assert cast.client(cast.bob).get(url).status_code == 200
    assert cast.client(cast.bob).post(url, {"name": "Cụm 2"}).status_code == 403
    assert Occurrence.objects.count() == 0
