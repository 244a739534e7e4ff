"""Demo dossiers and ratings: a year (2023) for Phường Vĩnh Phúc, 07/2025 → now for Ngọc Hà.

Realistic mix: certification (chứng thực) and civil status (hộ tịch) dominate, about 6% of
dossiers are returned late, a little over half are rated, mostly "rất hài lòng"/"hài lòng",
with a few "không hài lòng" and a reason, more often when the dossier was late. Some ratings
are given days after the return, a few across a month or year boundary (they count when given).
A fixed random seed makes every run produce the same data.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from django.utils import timezone

from hailong.core.demo import DemoContext
from hailong.dossiers.catalogue import procedures_load_fixture
from hailong.dossiers.models import (
    ApplicantType,
    Dossier,
    DossierRating,
    Procedure,
    RatingChannel,
    RatingLevel,
    SubmissionChannel,
)
from hailong.dossiers.qr import rating_path
from hailong.dossiers.ratings import rating_point_for
from hailong.units.models import AdministrativeUnit, DepartmentKind, Officer

SEED = 20230105
# procedure code, weight, days allowed, who handles it (department kind)
MIX: list[tuple[str, float, int, str]] = [
    ("2.000815", 36, 0, DepartmentKind.ONE_STOP),
    ("2.000884", 12, 0, DepartmentKind.ONE_STOP),
    ("2.001035", 2, 2, DepartmentKind.JUSTICE),
    ("1.001193", 10, 1, DepartmentKind.JUSTICE),
    ("1.000894", 4, 3, DepartmentKind.JUSTICE),
    ("1.000656", 3, 1, DepartmentKind.JUSTICE),
    ("1.004873", 9, 3, DepartmentKind.JUSTICE),
    ("2.000635", 6, 0, DepartmentKind.JUSTICE),
    ("1.004884", 1, 5, DepartmentKind.JUSTICE),
    ("1.004859", 2, 3, DepartmentKind.JUSTICE),
    ("1.001776", 3, 15, DepartmentKind.LABOUR),
    ("1.001699", 1.5, 30, DepartmentKind.LABOUR),
    ("1.001731", 1, 5, DepartmentKind.LABOUR),
    ("2.002307", 1, 5, DepartmentKind.LABOUR),
    ("1.010833", 1, 10, DepartmentKind.LABOUR),
    ("1.011606", 0.5, 15, DepartmentKind.LABOUR),
    ("2.000950", 0.3, 5, DepartmentKind.JUSTICE),
    ("1.003554", 1, 45, DepartmentKind.LAND),
    ("2.001263", 0.2, 30, DepartmentKind.JUSTICE),
]
# Since 1/7/2025 commune-level units also handle household businesses and building permits.
MIX_2025 = [
    *MIX,
    ("1.001612", 3, 3, DepartmentKind.FINANCE),
    ("2.000720", 1.5, 3, DepartmentKind.FINANCE),
    ("1.001570", 0.5, 3, DepartmentKind.FINANCE),
    ("1.013225", 1.5, 20, DepartmentKind.LAND),
]
REASONS = [
    "Phải đi lại nhiều lần mới xong.",
    "Chờ lâu, đông người mà chỉ có một quầy tiếp nhận.",
    "Trả kết quả chậm hơn ngày hẹn, không được báo trước.",
    "Cán bộ hướng dẫn chưa rõ, phải bổ sung giấy tờ hai lần.",
    "Phòng chờ nóng, thiếu ghế ngồi.",
    "Nộp trực tuyến nhưng vẫn phải mang bản giấy đến.",
]
LATE_SHARE = 0.06
RATED_SHARE = 0.55


@dataclass
class _Plan:
    unit: AdministrativeUnit
    start: dt.date
    end: dt.date
    per_day: tuple[int, int]
    online_share: float
    mix: list[tuple[str, float, int, str]]


def _officers(unit: AdministrativeUnit) -> dict[str, list[Officer]]:
    by_kind: dict[str, list[Officer]] = {}
    for officer in Officer.objects.filter(unit=unit).select_related("department"):
        if officer.department is not None:
            by_kind.setdefault(officer.department.kind, []).append(officer)
    return by_kind


def _workdays(start: dt.date, end: dt.date) -> list[dt.date]:
    days = (end - start).days + 1
    return [start + dt.timedelta(n) for n in range(days) if (start + dt.timedelta(n)).weekday() < 5]


def _dossiers(plan: _Plan, rng: random.Random) -> list[Dossier]:
    """1. Per working day a random number of dossiers. 2. Each gets a procedure by weight,
    a due date from its processing time, a return date (late for ~6%), and an officer."""
    procedures = {p.code: p for p in Procedure.objects.filter(code__in=[m[0] for m in plan.mix])}
    mix = [m for m in plan.mix if m[0] in procedures]
    officers = _officers(plan.unit)
    prefix = f"000.{plan.unit.code[-2:] or '00'}.01.H26"
    today = timezone.localdate()
    rows: list[Dossier] = []
    for day in _workdays(plan.start, plan.end):
        for seq in range(1, rng.randint(*plan.per_day) + 1):
            code, _w, days, kind = rng.choices(mix, weights=[m[1] for m in mix])[0]
            due = day + dt.timedelta(days=days)
            returned: dt.date | None = due - dt.timedelta(
                days=rng.choice([0, 0, 0, 1]) * (days > 1)
            )
            if rng.random() < LATE_SHARE:
                returned = due + dt.timedelta(days=rng.randint(1, 7))
            if returned is not None and returned > today - dt.timedelta(days=1):
                returned = None if rng.random() < 0.7 else today - dt.timedelta(days=1)
            if returned is not None and returned < day:
                returned = day
            pool = officers.get(kind) or officers.get(DepartmentKind.ONE_STOP) or []
            officer = rng.choice(pool) if pool else None
            rows.append(
                Dossier(
                    unit=plan.unit,
                    code=f"{prefix}-{day:%y%m%d}-{seq:04d}",
                    procedure=procedures[code],
                    received_on=day,
                    due_on=due,
                    returned_on=returned,
                    officer=officer,
                    department=officer.department if officer else None,
                    applicant_type=(
                        ApplicantType.ORGANISATION
                        if rng.random() < 0.05
                        else ApplicantType.INDIVIDUAL
                    ),
                    channel=_channel(rng, plan.online_share),
                )
            )
    return rows


def _channel(rng: random.Random, online_share: float) -> str:
    draw = rng.random()
    if draw < online_share:
        return SubmissionChannel.ONLINE
    if draw < online_share + 0.01:
        return SubmissionChannel.POST
    return SubmissionChannel.DIRECT


def _ratings(dossiers: list[Dossier], rng: random.Random) -> list[DossierRating]:
    zone = timezone.get_default_timezone()
    now = timezone.now()
    ratings: list[DossierRating] = []
    for dossier in dossiers:
        if dossier.returned_on is None or rng.random() > RATED_SHARE:
            continue
        late = dossier.returned_on > dossier.due_on
        delay = rng.choices([0, rng.randint(1, 3), rng.randint(4, 20)], weights=[60, 35, 5])[0]
        minute = rng.randint(7 * 60 + 30, 17 * 60 + 30)
        moment = dt.datetime.combine(
            dossier.returned_on + dt.timedelta(days=delay),
            dt.time(minute // 60, minute % 60),
            tzinfo=zone,
        )
        if moment > now:
            continue
        level = _level(rng, late)
        ratings.append(
            DossierRating(
                dossier=dossier,
                level=level,
                reason=rng.choice(REASONS) if level == RatingLevel.NOT_SATISFIED else "",
                rated_at=moment,
                channel=rng.choices(list(RatingChannel.values), weights=[25, 55, 20])[0],
                unit_id=dossier.unit_id,
                procedure_id=dossier.procedure_id,
                field_id=dossier.procedure.field_id,
                department_id=dossier.department_id,
                officer_id=dossier.officer_id,
            )
        )
    return ratings


def _level(rng: random.Random, late: bool) -> str:
    weights = [45, 30, 25] if late else [70, 27, 3]
    return rng.choices(list(RatingLevel.values), weights=weights)[0]


def _seed_unit(plan: _Plan, rng: random.Random) -> tuple[int, int]:
    if Dossier.objects.filter(unit=plan.unit).exists():
        return 0, 0
    dossiers = Dossier.objects.bulk_create(_dossiers(plan, rng), batch_size=1000)
    ratings = DossierRating.objects.bulk_create(_ratings(dossiers, rng), batch_size=1000)
    return len(dossiers), len(ratings)


def seed(ctx: DemoContext) -> None:
    report = procedures_load_fixture()
    ctx.log(f"danh mục thủ tục: {Procedure.objects.count()} thủ tục (mới {report.created})")
    rng = random.Random(SEED)  # noqa: S311 (demo data, not a secret)
    vinh_phuc, ngoc_ha = ctx.objects["vinh_phuc"], ctx.objects["ngoc_ha"]
    today = timezone.localdate()
    plans = [
        _Plan(vinh_phuc, dt.date(2023, 1, 3), dt.date(2023, 12, 29), (8, 19), 0.14, MIX),
        _Plan(ngoc_ha, dt.date(2025, 7, 1), today, (6, 14), 0.35, MIX_2025),
    ]
    for plan in plans:
        made, rated = _seed_unit(plan, rng)
        total = Dossier.objects.filter(unit=plan.unit).count()
        ctx.log(f"hồ sơ {plan.unit.name}: {total} (mới {made}, đánh giá mới {rated})")
    point = rating_point_for(ngoc_ha)
    ctx.urls.append(("Đánh giá hồ sơ (Phường Ngọc Hà, công khai)", rating_path(point)))
    sample = (
        Dossier.objects.filter(unit=ngoc_ha, returned_on__isnull=False, rating__isnull=True)
        .order_by("-returned_on", "code")
        .first()
    )
    if sample is not None:
        ctx.urls.append(("Đánh giá một hồ sơ mẫu (mã QR trên phiếu)", rating_path(point, sample)))
    ctx.objects["dossier_rating_point"] = point
