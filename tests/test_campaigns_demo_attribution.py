"""The demo's materials and attribution: leaflet responses really spike in the week after each
leaflet run, in the aggregates the page reads; seeding again changes nothing; the 2023 wave's
respondents say how they heard of the survey, mostly loudspeakers and group meetings."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse

from hailong.accounts import demo as accounts_demo
from hailong.accounts.models import User
from hailong.campaigns import demo as campaigns_demo
from hailong.campaigns.attribution import attribution
from hailong.campaigns.demo_materials import LEAFLET_RUNS
from hailong.campaigns.models import CampaignPlan, Material
from hailong.core.demo import DemoContext
from hailong.indices import aggregates
from hailong.responses import demo as responses_demo
from hailong.surveys import demo as surveys_demo
from hailong.units import demo as units_demo

LOUDSPEAKERS = "Loa phát thanh của phường, xã, tổ dân phố, thôn"
MEETINGS = "Họp tổ dân phố, thôn, khu dân cư"


@pytest.fixture(scope="module")
def seeded(django_db_setup: None, django_db_blocker: Any) -> Iterator[DemoContext]:
    with django_db_blocker.unblock(), transaction.atomic():
        ctx = DemoContext(log=lambda _msg: None)
        for module in (units_demo, accounts_demo, surveys_demo, responses_demo, campaigns_demo):
            module.seed(ctx)
        yield ctx
        transaction.set_rollback(True)


@pytest.mark.django_db
def test_the_demo_plan_has_materials_and_a_true_leaflet_spike(seeded: DemoContext) -> None:
    plan: CampaignPlan = seeded.objects["campaign_plan_2023"]
    kinds = sorted(Material.objects.filter(plan=plan).values_list("kind", flat=True))
    assert kinds == [
        "article",
        "broadcast",
        "broadcast",
        "broadcast",
        "broadcast",
        "leaflet",
        "zalo",
    ]
    found = attribution(plan)
    runs = [lift for lift in found.lifts if lift.day in LEAFLET_RUNS]
    assert len(runs) == 2
    for lift in runs:
        assert lift.after > 3 * max(lift.before, 1)
    assert aggregates.check(wave_ids=[plan.wave_id]) == []

    campaigns_demo.seed(seeded)  # idempotent
    assert Material.objects.filter(plan=plan).count() == 7
    assert [(x.before, x.after) for x in attribution(plan).lifts] == [
        (x.before, x.after) for x in found.lifts
    ]


@pytest.mark.django_db
def test_the_demo_2023_wave_shows_how_respondents_heard_of_the_survey(
    seeded: DemoContext, client: Client
) -> None:
    plan: CampaignPlan = seeded.objects["campaign_plan_2023"]
    found = attribution(plan)
    assert found.heard_item == "KS"
    assert 0.8 <= found.heard_answered / found.total <= 0.95  # optional: some leave it blank
    shares = {h.label: h.share or 0.0 for h in found.heard_via}
    assert {h.label for h in found.heard_via[:2]} == {LOUDSPEAKERS, MEETINGS}
    assert min(shares[LOUDSPEAKERS], shares[MEETINGS]) > 40
    assert 10 < shares["Tờ rơi, áp phích"] < 30
    assert 10 < shares["Internet, mạng xã hội (trang thông tin của phường, Zalo)"] < 30
    assert shares["Kênh khác"] < 5

    client.force_login(User.objects.get(username="vinhphuc.vhtt"))
    page = client.get(reverse("campaigns:attribution", args=[plan.pk])).content.decode()
    assert f"{found.heard_answered} người đã trả lời" in page
    assert LOUDSPEAKERS in page
