"""Demo: 2023 waves of Vĩnh Phúc's neighbours (so the city ranking has wards to rank, one of them
too small to publish), then a rebuild of the running aggregates once every app has seeded.

Demo seeders insert responses in bulk (fast), bypassing ``response_submit``; the rebuild at the
end makes the aggregates agree with the raw responses, as ``hailong aggregates check`` verifies.
"""

from __future__ import annotations

from django.urls import reverse

from hailong.core.demo import DemoContext
from hailong.indices import aggregates
from hailong.surveys.models import SurveyWave, WaveStatus

NEIGHBOURS = [  # old ward, responses (Ngọc Khánh's 6 stay under the small-cell threshold)
    ("Phường Cống Vị", 180),
    ("Phường Liễu Giai", 120),
    ("Phường Ngọc Khánh", 6),
]


def _neighbour_waves(ctx: DemoContext) -> int:
    from hailong.responses.demo import SEED, _responses

    template: SurveyWave = ctx.objects["wave_2023"]
    made = 0
    for n, (name, count) in enumerate(NEIGHBOURS, start=1):
        ward = ctx.objects["wards"][name]
        wave, _created = SurveyWave.objects.get_or_create(
            unit=ward,
            name=template.name,
            defaults={
                "method_version": template.method_version,
                "opens_on": template.opens_on,
                "closes_on": template.closes_on,
                "respondent_types": template.respondent_types,
                "target_sample": template.target_sample,
                "channels": template.channels,
                "status": WaveStatus.CLOSED,
            },
        )
        made += _responses(wave, [], count, seed=SEED + 10 * n, last=wave.closes_on)
    return made


def seed(ctx: DemoContext) -> None:
    made = _neighbour_waves(ctx)
    ctx.log(f"chỉ số: {made} phiếu 2023 của các phường lân cận Vĩnh Phúc")
    hanoi, ngoc_ha = ctx.objects["hanoi"], ctx.objects["ngoc_ha"]
    ctx.urls.append(
        (
            "Chỉ số hài lòng Ngọc Hà / ward dashboard",
            reverse("indices:dashboard", args=[ngoc_ha.pk]),
        )
    )
    ctx.urls.append(
        (
            "Chỉ số Vĩnh Phúc 2023 / 2023 dashboard",
            reverse("indices:dashboard", args=[ctx.objects["vinh_phuc"].pk]),
        )
    )
    ctx.urls.append(
        (
            "Xếp hạng các phường Hà Nội / city ranking",
            reverse("indices:ranking", args=[hanoi.pk]) + "?nam=2023",
        )
    )

    def rebuild() -> None:
        count = aggregates.rebuild()
        ctx.log(f"chỉ số: tổng hợp lại từ {count} phiếu")

    ctx.finalizers.append(rebuild)
