"""``campaign_schedule``: a year of a ward's campaign: generate, regenerate, report, remind.

The bench makes ``wards`` wards, each with ``groups`` residential groups, ``zalo`` of them with
a Zalo group, and an approved plan for a whole year with the template's channels: broadcasts
twice a day, a weekly website post, a weekly post in every Zalo group, four leaflet runs
through every group, a meeting a month. In one process it times, for the first ward:
generating the occurrences, regenerating them unchanged (the idempotent no-op), regenerating
after the broadcast times change; then, with 85 % of every ward's past items marked done, 10 %
missed and 5 % left open: the compliance report for the year and for a month, the ward's day
list, ``campaign_scores`` for the year, and the daily digest's selection over all wards.
"""

from __future__ import annotations

import json
from typing import Any

from hailong.core.bench.base import BenchError, Benchmark, Figures, Params
from hailong.core.bench.env import BenchEnv

SCRIPT = """
import datetime as dt, json, time
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hailong.accounts.models import User
from hailong.campaigns import services
from hailong.campaigns.models import Occurrence
from hailong.campaigns.recurrence import Recurrence
from hailong.campaigns.reporting import campaign_scores, compliance_report
from hailong.campaigns.selectors import day_items
from hailong.campaigns.services.digest import digest_items
from hailong.units.services import unit_create

root = User.objects.create(username="bench", is_superuser=True)
city = unit_create(kind="thanh_pho_tw", name="Thành phố Đo", parent=None)
YEAR, times = 2026, {{}}

def timed(label, fn):
    with CaptureQueriesContext(connection) as queries:
        began = time.perf_counter()
        result = fn()
        seconds = time.perf_counter() - began
    times[label] = {{"seconds": round(seconds, 3), "queries": len(queries)}}
    return result

def ward_with_plan(n):
    ward = unit_create(kind="phuong", name=f"Phường Đo {{n}}", parent=city)
    groups = [unit_create(kind="to_dan_pho", name=f"Tổ dân phố số {{g + 1}}", parent=ward)
              for g in range({groups})]
    zalo = [services.zalo_group_create(actor=root, unit=ward, name=f"Zalo {{g.name}}", group=g)
            for g in groups[:{zalo}]]
    plan = services.plan_create_from_template(
        actor=root, unit=ward, year=YEAR, issued_on=dt.date(YEAR, 1, 1))
    return ward, plan, groups, zalo

def activities(plan, groups, zalo):
    def save(channel, rule, data):
        return services.activity_save(
            actor=root, plan=plan, channel=channel, title=channel, recurrence=rule,
            starts_on=plan.period_start, ends_on=plan.period_end, data=data)
    made = [
        save("loudspeaker", Recurrence("daily", (dt.time(6, 30), dt.time(17, 30))), {{}}),
        save("website", Recurrence("weekly", (dt.time(9, 0),), frozenset({{3}})), {{}}),
        save("zalo", Recurrence("weekly", (dt.time(20, 0),), frozenset({{1}})),
             {{"groups": [z.pk for z in zalo]}}),
    ]
    for month in (2, 5, 8, 11):
        made.append(save("leaflet", Recurrence("once", (dt.time(8, 0),),
                                               on=dt.date(YEAR, month, 16)),
                         {{"print_count": 100 * len(groups),
                           "distribution": {{str(g.pk): 100 for g in groups}}}}))
    for month in range(1, 13):
        made.append(save("meeting", Recurrence("once", (dt.time(19, 30),),
                                               on=dt.date(YEAR, month, 20)),
                         {{"meeting": f"Hội nghị tháng {{month}}", "group": groups[0].pk}}))
    return made

ward, plan, groups, zalo = ward_with_plan(0)
made = timed("generate_first_ward", lambda: activities(plan, groups, zalo))
broadcasts = made[0]
timed("regenerate_unchanged", lambda: services.plan_regenerate(plan))
broadcasts.recurrence = Recurrence("daily", (dt.time(7, 0), dt.time(17, 30))).as_json()
broadcasts.save()
timed("regenerate_new_times", lambda: services.occurrences_generate(broadcasts))
for n in range(1, {wards}):
    other, other_plan, other_groups, other_zalo = ward_with_plan(n)
    activities(other_plan, other_groups, other_zalo)
from hailong.campaigns.models import CampaignPlan
for p in CampaignPlan.objects.all():
    services.plan_submit(actor=root, plan=p)
    services.plan_approve(actor=root, plan=p)
now = dt.datetime(YEAR, 12, 31, 20, 0, tzinfo=dt.UTC)
past = list(Occurrence.objects.filter(scheduled_at__lt=now).values_list("pk", flat=True))
Occurrence.objects.filter(pk__in=past[::10]).update(status="missed", reason="Đo", marked_at=now)
left_open = set(past[5::20])
Occurrence.objects.filter(pk__in=[pk for pk in past if pk not in left_open], status="planned"
                          ).update(status="done", marked_at=now)
year = (dt.date(YEAR, 1, 1), dt.date(YEAR, 12, 31))
timed("compliance_year", lambda: compliance_report(plan, *year, now=now))
timed("compliance_month", lambda: compliance_report(plan, dt.date(YEAR, 11, 1),
                                                    dt.date(YEAR, 11, 30), now=now))
timed("day_list", lambda: day_items(ward, dt.date(YEAR, 11, 16)))
timed("scores_year", lambda: campaign_scores(ward, year, now=now))
timed("digest_selection_all_wards", lambda: digest_items(dt.date(YEAR, 11, 16)))
times["occurrences_per_ward"] = Occurrence.objects.filter(plan=plan).count()
times["occurrences_total"] = Occurrence.objects.count()
print(json.dumps(times))
"""


def run(env: BenchEnv, params: Params) -> Figures:
    output = env.manage("shell", "-c", SCRIPT.format(**params))
    try:
        measured: dict[str, Any] = json.loads(output.strip().splitlines()[-1])
    except (ValueError, IndexError) as exc:
        raise BenchError(f"campaign_schedule printed no figures: {output[-500:]}") from exc
    return {**dict(params), **measured}


BENCHMARK = Benchmark(
    name="campaign_schedule",
    description="A ward's year of campaign items: generate, regenerate, report, remind",
    run=run,
    params={"wards": 5, "groups": 24, "zalo": 8},
    full_params={"wards": 50, "groups": 60, "zalo": 20},
)
