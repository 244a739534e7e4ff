"""Demo of materials and attribution for Vĩnh Phúc's 2023 plan (called from ``demo.seed``).

1. Materials, once: a broadcast script per content topic, the leaflet with its tracked link
   "Tờ rơi đợt 1", the results article, a Zalo post for the women's union's group.
2. Attribution that shows something true: the web responses that came through the leaflet
   sources are re-timed into the week after the leaflet run each belongs to (16/10 or
   20/11/2023), most in the first two days, then the wave's aggregates are rebuilt. The
   moment is a pure function of the response's id, so a second run changes nothing.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.urls import reverse

from hailong.campaigns import services
from hailong.campaigns.models import Material
from hailong.campaigns.recurrence import LOCAL
from hailong.indices import aggregates
from hailong.responses.models import Response, SourceKind

if TYPE_CHECKING:
    from hailong.accounts.models import User
    from hailong.campaigns.models import CampaignPlan
    from hailong.core.demo import DemoContext

LEAFLET_RUNS = (dt.date(2023, 10, 16), dt.date(2023, 11, 20))
DAY_OFFSETS = (0, 0, 1, 1, 1, 2, 2, 3, 4, 6)  # most answers come in the first days


def seed_materials(ctx: DemoContext, plan: CampaignPlan, actor: User | None) -> None:
    if actor is not None and not Material.objects.filter(plan=plan).exists():
        for topic in range(1, len(plan.content_topics or []) + 1):
            services.material_create(actor=actor, plan=plan, kind="broadcast", topic=topic)
        services.material_create(
            actor=actor, plan=plan, kind="leaflet", link_label="Tờ rơi Tổ dân phố số 5"
        )
        services.material_create(
            actor=actor,
            plan=plan,
            kind="article",
            link_label="Trang thông tin điện tử phường",
            options={"variant": "results"},
        )
        services.material_create(
            actor=actor,
            plan=plan,
            kind="zalo",
            link_label="Nhóm Zalo Hội Liên hiệp Phụ nữ phường",
        )
    spike = _leaflet_spike(plan)
    ctx.urls += [
        ("Tài liệu tuyên truyền 2023 / materials", reverse("campaigns:materials", args=[plan.pk])),
        (
            "Kết quả đạt được của tuyên truyền / attribution",
            reverse("campaigns:attribution", args=[plan.pk]),
        ),
    ]
    ctx.log(f"tài liệu tuyên truyền: {Material.objects.filter(plan=plan).count()}; {spike}")


def leaflet_moment(pk: int) -> dt.datetime:
    """When the leaflet response ``pk`` arrives: a run, a day after it, an hour of the day."""
    run = LEAFLET_RUNS[pk % len(LEAFLET_RUNS)]
    day = run + dt.timedelta(days=DAY_OFFSETS[(pk // 2) % len(DAY_OFFSETS)])
    local = dt.datetime.combine(day, dt.time(7, 0), tzinfo=LOCAL)
    return (local + dt.timedelta(minutes=(pk * 37) % (13 * 60))).astimezone(dt.UTC)


def _leaflet_spike(plan: CampaignPlan) -> str:
    wave = plan.wave
    if wave is None:
        return "không có đợt khảo sát"
    rows = list(
        Response.objects.filter(wave=wave, channel="web", source__kind=SourceKind.TO_ROI).only(
            "pk", "submitted_at", "started_at"
        )
    )
    changed = []
    for row in rows:
        moment = leaflet_moment(row.pk)
        if row.submitted_at != moment:
            took = (row.submitted_at - row.started_at) if row.started_at else dt.timedelta(0)
            row.submitted_at, row.started_at = moment, moment - took
            changed.append(row)
    if changed:
        Response.objects.bulk_update(changed, ["submitted_at", "started_at"], batch_size=200)
        aggregates.rebuild(wave_ids=[wave.pk])
    return f"{len(rows)} ý kiến qua tờ rơi trong tuần sau mỗi đợt phát"
