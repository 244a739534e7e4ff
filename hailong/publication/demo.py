"""Demo: Vĩnh Phúc's 2022 and 2023 results published (2023 once, then corrected with a redacted
resident comment, so the history shows), and its 2023 neighbours published so the city ranking
page has rows (Ngọc Khánh's 6 responses stay under the small-cell threshold).

Runs as a finalizer: after the indices app has rebuilt the running aggregates from the demo's
bulk-inserted responses, or the snapshots would freeze empty figures.
"""

from __future__ import annotations

from django.urls import reverse

from hailong.accounts.models import User
from hailong.core.demo import DemoContext
from hailong.publication import services
from hailong.publication.models import SelectedComment, Snapshot
from hailong.responses.models import Response, ResponseStatus
from hailong.surveys.models import SurveyWave
from hailong.units.models import AdministrativeUnit

NEIGHBOURS = ["Phường Cống Vị", "Phường Liễu Giai", "Phường Ngọc Khánh"]
CORRECTION = "Bổ sung ý kiến của người dân đã được biên tập; số liệu không đổi."
REDACTED = "Cán bộ một cửa hướng dẫn tận tình, mong phường bố trí thêm ghế ngồi chờ."


def _publish_once(actor: User, unit: AdministrativeUnit, wave: SurveyWave) -> Snapshot:
    key = f"dot-{wave.pk}"
    existing = Snapshot.objects.filter(unit=unit, scope_key=key, corrects__isnull=True).first()
    return existing or services.snapshot_publish(actor=actor, unit=unit, scope_key=key)


def _comment(actor: User, ward: AdministrativeUnit, wave: SurveyWave) -> None:
    """Pick the first resident comment of the wave and publish it only as redacted wording."""
    if SelectedComment.objects.filter(unit=ward, wave=wave).exists():
        return
    candidates = Response.objects.filter(
        wave=wave, status=ResponseStatus.VALID, answers__has_key="OPEN"
    ).order_by("pk")[:500]
    response = next(
        (r for r in candidates if isinstance(r.answers.get("OPEN"), str) and r.answers["OPEN"]),
        None,
    )
    if response is None:
        return
    comment = services.comment_select(
        actor=actor, unit=ward, response_id=response.pk, item_code="OPEN"
    )
    services.comment_update(actor=actor, comment=comment, text=REDACTED, included=True)


def _publish_all(ctx: DemoContext) -> None:
    admin = User.objects.filter(is_superuser=True).order_by("pk").first()
    leader = User.objects.filter(username="vinhphuc.lanhdao").first() or admin
    if admin is None or leader is None:
        return
    template: SurveyWave = ctx.objects["wave_2023"]
    for name in NEIGHBOURS:
        ward = ctx.objects["wards"][name]
        wave = SurveyWave.objects.filter(unit=ward, name=template.name).first()
        if wave is not None:
            _publish_once(admin, ward, wave)
    vinh_phuc: AdministrativeUnit = ctx.objects["vinh_phuc"]
    _publish_once(leader, vinh_phuc, ctx.objects["wave_2022"])
    first = _publish_once(leader, vinh_phuc, template)
    if not hasattr(first, "correction"):
        _comment(leader, vinh_phuc, template)
        services.snapshot_publish(
            actor=leader, unit=vinh_phuc, scope_key=first.scope_key, note=CORRECTION
        )
    ctx.log(f"công bố: {Snapshot.objects.count()} bản kết quả (có 1 bản đính chính)")


def seed(ctx: DemoContext) -> None:
    vinh_phuc, hanoi = ctx.objects["vinh_phuc"], ctx.objects["hanoi"]
    ctx.urls.append(
        (
            "Kết quả công bố Vĩnh Phúc / published results",
            reverse("publication:results", args=[vinh_phuc.pk]),
        )
    )
    ctx.urls.append(
        (
            "Xếp hạng công khai Hà Nội / public ranking",
            reverse("publication:ranking", args=[hanoi.pk]),
        )
    )
    ctx.urls.append(
        ("Thẻ nhúng kết quả / results embed", reverse("publication:embed", args=[vinh_phuc.pk]))
    )
    ctx.urls.append(
        (
            "Ảnh kết quả cho Zalo / results PNG",
            reverse("publication:results_png", args=[vinh_phuc.pk]),
        )
    )
    ctx.urls.append(
        (
            "Quản lý công bố Vĩnh Phúc / publication staff page",
            reverse("publication:overview", args=[vinh_phuc.pk]),
        )
    )
    ctx.finalizers.append(lambda: _publish_all(ctx))
