"""Ratings of Ngọc Hà's dossiers for the emulation tests (hand-counted, see each line)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from hailong.dossiers.models import DossierRating, RatingChannel, RatingLevel
from hailong.units import services as unit_services
from hailong.units.models import Department, DepartmentKind, Officer
from tests.conftest import Cast
from tests.test_dossiers_factories import load_catalogue, make_dossier

LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")
REASON = "Cán bộ Vũ Thị Ngọc Anh hướng dẫn chưa rõ ràng."


@dataclass
class Ward:
    huy: Officer  # 40 rated in 2026, 36 satisfied → 90,00 %
    anh: Officer  # 12 rated, 11 satisfied → 91,67 % (under the default minimum of 30)
    nam: Officer  # no rating
    justice: Department  # no rating
    codes: list[str]


def rated_ward(cast: Cast) -> Ward:
    """1. Two one-stop officers and a justice officer. 2. Ratings given in 2026 (local time),
    plus one given at 23:30 on 31/12/2025, which belongs to 2025 (rated_at, local)."""
    procedure = load_catalogue()["1.001193"]
    anh = unit_services.officer_save(
        unit=cast.ngoc_ha,
        full_name="Vũ Thị Ngọc Anh",
        title="Công chức",
        department=cast.department,
    )
    justice = unit_services.department_save(
        unit=cast.ngoc_ha, kind=DepartmentKind.JUSTICE, name="Tư pháp – Hộ tịch"
    )
    nam = unit_services.officer_save(
        unit=cast.ngoc_ha, full_name="Hoàng Văn Nam", title="Công chức", department=justice
    )
    codes: list[str] = []
    plan = [(cast.officer, 36, 4), (anh, 11, 1)]
    for officer, good, bad in plan:
        for i in range(good + bad):
            level = RatingLevel.SATISFIED if i < good else RatingLevel.NOT_SATISFIED
            codes.append(
                _rate(
                    cast,
                    procedure,
                    officer,
                    level,
                    len(codes),
                    dt.datetime(2026, 3, 2, 9, tzinfo=LOCAL),
                )
            )
    late = dt.datetime(2025, 12, 31, 23, 30, tzinfo=LOCAL)
    codes.append(_rate(cast, procedure, cast.officer, RatingLevel.NOT_SATISFIED, len(codes), late))
    return Ward(huy=cast.officer, anh=anh, nam=nam, justice=justice, codes=codes)


def _rate(
    cast: Cast, procedure: object, officer: Officer, level: str, n: int, at: dt.datetime
) -> str:
    code = f"000.04.01.H26-260302-{n:04d}"
    dossier = make_dossier(cast.ngoc_ha, code, procedure, officer=officer)  # type: ignore[arg-type]
    DossierRating.objects.create(
        dossier=dossier,
        level=level,
        reason=REASON if level == RatingLevel.NOT_SATISFIED else "",
        rated_at=at,
        channel=RatingChannel.WEB,
        unit=cast.ngoc_ha,
        procedure=dossier.procedure,
        field=dossier.procedure.field,
        department=officer.department,
        officer=officer,
    )
    return code
