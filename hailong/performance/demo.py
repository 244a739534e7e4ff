"""Demo: Hà Nội's points rules (2023 banded, 2025 linear), Vĩnh Phúc's 2023 improvement actions
on its weakest items (one done with an outcome, one overdue, one dropped), and a pending SIPAS
report job for the 2023 wave (a worker of ``run-demo`` produces it).

The point conversions are illustrative: the official tables of Hà Nội's index decisions could
not be read (sipas-method.md §7), which each rule's note says.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.urls import reverse

from hailong.accounts.models import User
from hailong.core.demo import DemoContext
from hailong.performance import services
from hailong.performance.models import ActionStatus, ImprovementAction, PointsRule
from hailong.reports.models import ReportJob
from hailong.reports.services import report_job_start
from hailong.surveys.models import SurveyWave
from hailong.units.models import AdministrativeUnit, Department, DepartmentKind

ILLUSTRATIVE = "Dữ liệu minh họa: cần đối chiếu bảng quy đổi chính thức."
RULES = [  # year, kind, max points, bands, legal basis
    (
        2023,
        "bands",
        Decimal("2"),
        [
            {"min_index": "90", "points": "2"},
            {"min_index": "85", "points": "1.75"},
            {"min_index": "80", "points": "1.5"},
            {"min_index": "75", "points": "1.25"},
            {"min_index": "70", "points": "1"},
            {"min_index": "60", "points": "0.5"},
            {"min_index": "0", "points": "0"},
        ],
        "Bộ Chỉ số cải cách hành chính của UBND cấp xã, thành phố Hà Nội năm 2023",
    ),
    (
        2025,
        "linear",
        Decimal("2"),
        [],
        "QĐ 5666/QĐ-UBND ngày 17/11/2025 của UBND thành phố Hà Nội",
    ),
]
# item, what, department kind, deadline, status, outcome, completed on, public
ACTIONS = [
    (
        "II.1.4",
        "Bố trí thêm ghế chờ và 01 máy lấy số thứ tự tại Bộ phận Tiếp nhận và Trả kết quả",
        DepartmentKind.ONE_STOP,
        dt.date(2024, 3, 31),
        ActionStatus.DONE,
        "Đã lắp 24 ghế chờ và 01 máy lấy số thứ tự từ ngày 15/03/2024; thời gian chờ trung "
        "bình giảm từ khoảng 25 phút xuống 12 phút.",
        dt.date(2024, 3, 15),
        True,
    ),
    (
        "II.2.4",
        "Nhắn tin báo trước cho người dân khi hồ sơ có nguy cơ trễ hẹn; rà soát quy trình "
        "liên thông hộ tịch",
        DepartmentKind.JUSTICE,
        dt.date(2024, 6, 30),
        ActionStatus.IN_PROGRESS,
        "",
        None,
        True,
    ),
    (
        "II.3.4",
        "Tập huấn công chức một cửa về quy trình tiếp nhận và hướng dẫn hồ sơ",
        DepartmentKind.OFFICE,
        dt.date(2025, 9, 30),
        ActionStatus.DROPPED,
        "Phường Vĩnh Phúc nhập vào phường Ngọc Hà từ 01/07/2025; nội dung chuyển sang kế "
        "hoạch cải cách hành chính của phường Ngọc Hà.",
        None,
        False,
    ),
]


def seed(ctx: DemoContext) -> None:
    hanoi: AdministrativeUnit = ctx.objects["hanoi"]
    for year, kind, max_points, bands, basis in RULES:
        _rule(hanoi, year, kind, max_points, bands, basis)
    ward: AdministrativeUnit = ctx.objects["vinh_phuc"]
    wave: SurveyWave = ctx.objects["wave_2023"]
    # Baselines read the aggregates, which the indices finaliser rebuilds: run after it.
    ctx.finalizers.append(lambda: _actions(ctx, ward, wave))
    ctx.finalizers.append(lambda: _report_job(ward, wave))
    ctx.urls += [
        ("Điểm CCHC Vĩnh Phúc / reform points", reverse("performance:points", args=[ward.pk])),
        ("Quy tắc điểm Hà Nội / points rules", reverse("performance:rule_list", args=[hanoi.pk])),
        ("Thi đua Vĩnh Phúc / emulation ranking", reverse("performance:emulation", args=[ward.pk])),
        (
            "Hành động cải thiện / improvement actions",
            reverse("performance:actions", args=[ward.pk]),
        ),
        ("Báo cáo SIPAS / SIPAS report", reverse("performance:sipas_report", args=[ward.pk])),
    ]


def _rule(
    province: AdministrativeUnit,
    year: int,
    kind: str,
    max_points: Decimal,
    bands: list[dict[str, str]],
    basis: str,
) -> PointsRule:
    existing = PointsRule.objects.filter(province=province, year=year).first()
    if existing is not None:
        return existing
    rule = services.points_rule_create(
        actor=None,
        province=province,
        year=year,
        kind=kind,
        max_points=max_points,
        bands=bands,
        legal_basis=basis,
        note=ILLUSTRATIVE,
    )
    return services.points_rule_publish(actor=None, rule=rule)


def _leader() -> User | None:
    return User.objects.filter(username="vinhphuc.lanhdao").first()


def _actions(ctx: DemoContext, ward: AdministrativeUnit, wave: SurveyWave) -> None:
    leader = _leader()
    departments = {d.kind: d for d in Department.objects.filter(unit=ward)}
    made = 0
    for code, what, kind, deadline, status, outcome, completed, public in ACTIONS:
        if ImprovementAction.objects.filter(unit=ward, wave=wave, item_code=code).exists():
            continue
        action = services.improvement_action_create(
            actor=leader,
            unit=ward,
            wave=wave,
            item_code=code,
            what=what,
            department=departments.get(kind),
            deadline=deadline,
            public=public,
        )
        if status != ActionStatus.PLANNED:
            services.improvement_action_set_status(
                actor=leader, action=action, status=status, outcome=outcome, today=completed
            )
        made += 1
    ctx.log(f"cải thiện: {made} hành động mới (Vĩnh Phúc 2023); quy tắc điểm Hà Nội: 2023, 2025")


def _report_job(ward: AdministrativeUnit, wave: SurveyWave) -> None:
    """The 2023 report as a pending job: ``run-demo``'s worker makes the PDF (about 10 s)."""
    leader = _leader()
    if leader is None or ReportJob.objects.filter(unit=ward, kind="sipas_report").exists():
        return
    report_job_start(
        actor=leader,
        unit=ward,
        kind="sipas_report",
        output_format="pdf",
        params={"scope": f"dot-{wave.pk}", "date": "15/12/2023", "number": "312/BC-UBND"},
    )
