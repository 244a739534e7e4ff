"""Hội nghị: an item in a meeting of an organisation or a residential group; attendance is
recorded when it is done."""

from __future__ import annotations

import datetime as dt

import pytest

from hailong.campaigns.channels import CHANNELS
from hailong.campaigns.models import CampaignPlan
from hailong.campaigns.recurrence import Recurrence
from hailong.campaigns.testing import ward_activity
from hailong.core.errors import ServiceError
from hailong.units.models import MassOrganisation
from tests.campaigns_fixtures import plan, women
from tests.conftest import Cast

__all__ = ["plan", "women"]


def test_the_meeting_of_a_group_goes_to_that_group(
    cast: Cast, plan: CampaignPlan, women: MassOrganisation
) -> None:
    rule = Recurrence("once", (dt.time(19, 30),), on=dt.date(2026, 10, 19))

    activity = ward_activity(
        plan,
        actor=cast.cindy,
        channel="meeting",
        recurrence=rule,
        data={
            "meeting": " Hội nghị   tổ dân phố số 1 ",
            "group": cast.group1.pk,
            "organisation": women.pk,
            "expected": 60,
        },
    )

    item = activity.occurrences.get()
    assert (item.unit, item.responsible_organisation) == (cast.group1, women)
    assert item.target_label == "Hội nghị tổ dân phố số 1"


def test_a_meeting_needs_a_name(cast: Cast, plan: CampaignPlan) -> None:
    with pytest.raises(ServiceError):
        ward_activity(plan, actor=cast.cindy, channel="meeting", data={"meeting": " "})


def test_attendance_is_a_whole_number_in_range() -> None:
    meeting = CHANNELS["meeting"]

    assert meeting.clean_outcome({"attendance": "58"}) == {"attendance": 58}
    assert meeting.clean_outcome({"attendance": None}) == {}
    with pytest.raises(ServiceError):
        meeting.clean_outcome({"attendance": "-1"})
    with pytest.raises(ServiceError):
        meeting.clean_outcome({"attendance": "nhiều"})
