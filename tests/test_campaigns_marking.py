"""Marking an occurrence: done, missed (with a reason), rescheduled (a new item); who may mark
what — a residential group's volunteer only their group's items."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from hailong.accounts.models import User
from hailong.accounts.roles import Perm, Role
from hailong.accounts.scope import get_for_user
from hailong.accounts.services import role_assign
from hailong.campaigns.models import CampaignPlan, Occurrence
from hailong.campaigns.recurrence import LOCAL, Recurrence
from hailong.campaigns.services import can_mark, occurrence_mark
from hailong.campaigns.testing import first_occurrence, ward_activity, ward_plan
from hailong.core.errors import PermissionDenied, ServiceError
from hailong.units.models import AdministrativeUnit
from tests.campaigns_fixtures import group2, plan
from tests.conftest import Cast, make_user

__all__ = ["group2", "plan"]
DAY = dt.datetime(2026, 10, 16, 10, 0, tzinfo=LOCAL)


@pytest.fixture
def leaflets(cast: Cast, plan: CampaignPlan, group2: AdministrativeUnit) -> dict[int, Occurrence]:
    """The leaflet run of 16/10/2026: one item for group 1, one for group 2."""
    activity = ward_activity(
        plan,
        actor=cast.cindy,
        channel="leaflet",
        recurrence=Recurrence("once", (dt.time(8, 0),), on=dt.date(2026, 10, 16)),
        data={"print_count": 200, "distribution": {str(cast.group1.pk): 100, str(group2.pk): 100}},
    )
    return {o.unit_id: o for o in activity.occurrences.select_related("plan", "unit")}


@pytest.fixture
def volunteer(cast: Cast) -> User:
    user = make_user("vera")
    role_assign(actor=None, user=user, unit=cast.group1, role=Role.VOLUNTEER)
    return user


def test_a_missed_item_must_carry_a_reason(cast: Cast, leaflets: dict[int, Occurrence]) -> None:
    item = leaflets[cast.group1.pk]
    with time_machine.travel(DAY, tick=False):
        with pytest.raises(ServiceError, match="lý do"):
            occurrence_mark(actor=cast.cindy, occurrence=item, status="missed", reason="  ")

        occurrence_mark(actor=cast.cindy, occurrence=item, status="missed", reason=" Mất  điện ")

    item.refresh_from_db()
    assert (item.status, item.reason, item.marked_by) == ("missed", "Mất điện", cast.cindy)
    assert item.marked_at == DAY


def test_done_records_the_channels_figures_and_who_and_when(
    cast: Cast, leaflets: dict[int, Occurrence]
) -> None:
    item = leaflets[cast.group1.pk]
    with time_machine.travel(DAY, tick=False):
        occurrence_mark(
            actor=cast.cindy,
            occurrence=item,
            status="done",
            reason="bỏ qua",
            outcome={"delivered": "97", "unknown": 5},
            note="Phát tại nhà văn hóa",
        )

    item.refresh_from_db()
    assert (item.status, item.reason, item.outcome) == ("done", "", {"delivered": 97})
    assert item.note == "Phát tại nhà văn hóa"


def test_an_item_of_a_later_day_cannot_be_marked_done_yet(
    cast: Cast, leaflets: dict[int, Occurrence]
) -> None:
    with time_machine.travel(DAY - dt.timedelta(days=1), tick=False), pytest.raises(ServiceError):
        occurrence_mark(actor=cast.cindy, occurrence=leaflets[cast.group1.pk], status="done")


def test_rescheduling_creates_a_new_item_and_closes_the_old_one(
    cast: Cast, leaflets: dict[int, Occurrence]
) -> None:
    item = leaflets[cast.group1.pk]
    later = dt.datetime(2026, 10, 18, 8, 0, tzinfo=LOCAL)
    with time_machine.travel(DAY, tick=False):
        new = occurrence_mark(
            actor=cast.cindy, occurrence=item, status="rescheduled", rescheduled_to=later
        )
        with pytest.raises(ServiceError):
            occurrence_mark(actor=cast.cindy, occurrence=item, status="done")

    assert new.scheduled_at == later
    assert (new.status, new.generated, new.rescheduled_from) == ("planned", False, item)
    assert (new.unit, new.target_key) == (item.unit, item.target_key)


def test_rescheduling_needs_a_time_inside_the_plan(
    cast: Cast, leaflets: dict[int, Occurrence]
) -> None:
    item = leaflets[cast.group1.pk]
    with time_machine.travel(DAY, tick=False):
        with pytest.raises(ServiceError):
            occurrence_mark(actor=cast.cindy, occurrence=item, status="rescheduled")
        with pytest.raises(ServiceError):
            occurrence_mark(
                actor=cast.cindy,
                occurrence=item,
                status="rescheduled",
                rescheduled_to=dt.datetime(2027, 1, 5, 8, 0, tzinfo=LOCAL),
            )
    item.refresh_from_db()
    assert item.status == "planned"


def test_a_volunteer_marks_their_own_groups_items_only(
    cast: Cast, leaflets: dict[int, Occurrence], group2: AdministrativeUnit, volunteer: User
) -> None:
    own, other = leaflets[cast.group1.pk], leaflets[group2.pk]

    assert can_mark(volunteer, own)
    assert not can_mark(volunteer, other)
    with time_machine.travel(DAY, tick=False):
        occurrence_mark(actor=volunteer, occurrence=own, status="done")
        with pytest.raises(PermissionDenied):
            occurrence_mark(actor=volunteer, occurrence=other, status="done")


def test_a_volunteer_cannot_mark_the_wards_own_broadcasts(
    cast: Cast, plan: CampaignPlan, volunteer: User
) -> None:
    broadcast = first_occurrence(ward_activity(plan, actor=cast.cindy))

    assert not can_mark(volunteer, broadcast)
    with time_machine.travel(DAY, tick=False), pytest.raises(PermissionDenied):
        occurrence_mark(actor=volunteer, occurrence=broadcast, status="done")


def test_a_volunteer_does_not_even_see_another_groups_item(
    cast: Cast, leaflets: dict[int, Occurrence], group2: AdministrativeUnit, volunteer: User
) -> None:
    from django.http import Http404

    rows = Occurrence.objects.all()
    assert get_for_user(rows, volunteer, Perm.MARK_OCCURRENCES, pk=leaflets[cast.group1.pk].pk)
    with pytest.raises(Http404):
        get_for_user(rows, volunteer, Perm.VIEW_UNITS, pk=leaflets[group2.pk].pk)


def test_the_viewer_and_the_outsider_cannot_mark(
    cast: Cast, leaflets: dict[int, Occurrence]
) -> None:
    item = leaflets[cast.group1.pk]
    with time_machine.travel(DAY, tick=False):
        for user in (cast.bob, cast.charlie, cast.oscar):
            with pytest.raises(PermissionDenied):
                occurrence_mark(actor=user, occurrence=item, status="done")
        occurrence_mark(actor=cast.alice, occurrence=item, status="done")


def test_nothing_is_marked_before_the_plan_is_approved(cast: Cast) -> None:
    draft = ward_plan(cast.ngoc_ha, drafter=cast.cindy)
    item = first_occurrence(ward_activity(draft, actor=cast.cindy))

    with time_machine.travel(DAY, tick=False), pytest.raises(ServiceError, match="phê duyệt"):
        occurrence_mark(actor=cast.cindy, occurrence=item, status="done")
