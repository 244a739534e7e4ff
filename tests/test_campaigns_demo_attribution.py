"""The demo's materials and attribution: leaflet responses really spike in the week after each
leaflet run, in the aggregates the page reads; seeding again changes nothing."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction

from hailong.accounts import demo as accounts_demo
from hailong.campaigns import demo as campaigns_demo
from hailong.campaigns.attribution import attribution
from hailong.campaigns.demo_materials import LEAFLET_RUNS
from hailong.campaigns.models import CampaignPlan, Material
from hailong.core.demo import DemoContext
from hailong.indices import aggregates
from hailong.responses import demo as responses_demo
from hailong.surveys import demo as surveys_demo
from hailong.units import demo as units_demo


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
