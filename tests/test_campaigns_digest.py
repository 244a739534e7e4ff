"""The daily reminder: one e-mail a day to each responsible person (and each group volunteer)
with an address, listing the day's open items and the overdue ones; sent once per day."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core import mail

from hailong.accounts.models import User
from hailong.accounts.roles import Role
from hailong.accounts.services import role_assign
from hailong.campaigns.models import CampaignPlan, DigestSent
from hailong.campaigns.recurrence import LOCAL, Recurrence
from hailong.campaigns.services import Responsible, digest_send, occurrence_mark
from hailong.campaigns.tasks import send_campaign_digest
from hailong.campaigns.testing import ward_activity
from hailong.jobs.schedule import SCHEDULE, DailyAt
from hailong.units.services import officer_save
from tests.campaigns_fixtures import plan
from tests.conftest import Cast, make_user

__all__ = ["plan"]
MORNING = dt.datetime(2026, 10, 16, 6, 0, tzinfo=LOCAL)


@pytest.fixture
def mai(cast: Cast) -> User:
    """cindy is also the officer Đặng Thị Mai, responsible for the broadcasts."""
    cast.cindy.email = "mai@example.vn"
    cast.cindy.save()
    return cast.cindy


@pytest.fixture
def scheduled(cast: Cast, plan: CampaignPlan, mai: User) -> CampaignPlan:
    officer = officer_save(unit=cast.ngoc_ha, full_name="Đặng Thị Mai", title="Công chức VH-TT")
    officer.user = mai
    officer.save()
    ward_activity(plan, actor=cast.cindy, responsible=Responsible(officer=officer))
    ward_activity(
        plan,
        actor=cast.cindy,
        channel="leaflet",
        recurrence=Recurrence("once", (dt.time(8, 0),), on=dt.date(2026, 10, 16)),
        data={"print_count": 100, "distribution": {str(cast.group1.pk): 100}},
    )
    return plan


def test_the_officer_gets_todays_broadcasts_and_yesterdays_overdue_ones(
    cast: Cast, scheduled: CampaignPlan
) -> None:
    yesterday_morning = scheduled.occurrences.filter(channel="loudspeaker").order_by("scheduled_at")
    with time_machine.travel(MORNING - dt.timedelta(hours=10), tick=False):
        for item in yesterday_morning.filter(scheduled_at__lt=MORNING - dt.timedelta(days=1)):
            occurrence_mark(actor=cast.cindy, occurrence=item, status="done")

    with time_machine.travel(MORNING, tick=False):
        sent = digest_send()

    assert sent == 1
    message = mail.outbox[0]
    assert message.to == ["mai@example.vn"]
    assert message.subject == "Nhắc việc tuyên truyền ngày 16/10/2026: 4 việc"
    assert "- 06:30 Phát thanh tuyên truyền khảo sát sự hài lòng (Phường Ngọc Hà)" in message.body
    assert "- 17:30 Phát thanh" in message.body
    assert "Việc quá hạn chưa ghi nhận:" in message.body
    assert "- 15/10 06:30 Phát thanh" in message.body
    assert f"/staff/don-vi/{cast.ngoc_ha.pk}/tuyen-truyen/hom-nay/" in message.body
    assert "Tổ dân phố số 1" not in message.body


def test_a_groups_volunteer_gets_their_groups_items(cast: Cast, scheduled: CampaignPlan) -> None:
    vera = make_user("vera")
    vera.email = "vera@example.vn"
    vera.save()
    role_assign(actor=None, user=vera, unit=cast.group1, role=Role.VOLUNTEER)

    with time_machine.travel(MORNING, tick=False):
        digest_send()

    to_vera = next(m for m in mail.outbox if m.to == ["vera@example.vn"])
    assert "- 08:00 Phát tờ rơi về khảo sát sự hài lòng – Tổ dân phố số 1: 100 tờ" in to_vera.body
    assert "Phát thanh" not in to_vera.body


def test_a_second_run_the_same_day_sends_nothing_and_the_next_day_sends_again(
    scheduled: CampaignPlan,
) -> None:
    with time_machine.travel(MORNING, tick=False):
        assert digest_send() == 1
        assert send_campaign_digest.call() == 0
    with time_machine.travel(MORNING + dt.timedelta(days=1), tick=False):
        assert digest_send() == 1

    assert len(mail.outbox) == 2
    assert DigestSent.objects.count() == 2


def test_no_address_or_nothing_open_means_no_mail(
    cast: Cast, scheduled: CampaignPlan, mai: User
) -> None:
    mai.email = ""
    mai.save()

    with time_machine.travel(MORNING, tick=False):
        assert digest_send() == 0
    assert mail.outbox == []


def test_a_draft_plans_items_are_not_reminded(cast: Cast, mai: User) -> None:
    from hailong.campaigns.testing import ward_plan

    officer = officer_save(unit=cast.ngoc_ha, full_name="Đặng Thị Mai", title="VH-TT")
    officer.user = mai
    officer.save()
    draft = ward_plan(cast.ngoc_ha, drafter=cast.cindy)
    ward_activity(draft, actor=cast.cindy, responsible=Responsible(officer=officer))

    with time_machine.travel(MORNING, tick=False):
        assert digest_send() == 0


def test_the_digest_is_a_daily_periodic_job() -> None:
    jobs = [job for job in SCHEDULE if job.name == "campaigns.digest"]

    assert len(jobs) == 1
    assert jobs[0].when == DailyAt(6, 0)
    assert jobs[0].task is send_campaign_digest
