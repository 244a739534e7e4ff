"""Demo unit tree: Hà Nội, Ba Đình (historic), Vĩnh Phúc as in 2023 and its successors.

Shares on the 2025 succession links are illustrative, not the official population split.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hailong.core.demo import DemoContext
from hailong.units import services
from hailong.units.models import (
    AdministrativeUnit,
    Department,
    DepartmentKind,
    MassOrganisation,
    MassOrganisationKind,
    Officer,
    UnitKind,
    UnitSuccession,
)

REFORM_DAY = dt.date(2025, 7, 1)
LAST_OLD_DAY = dt.date(2025, 6, 30)

OLD_WARDS = [  # name, code, population, households, residential groups
    ("Phường Vĩnh Phúc", "00006", 27_600, 7_900, 24),
    ("Phường Cống Vị", "00007", 33_900, 9_200, 18),
    ("Phường Liễu Giai", "00008", 24_300, 6_700, 14),
    ("Phường Ngọc Khánh", "00025", 30_800, 8_600, 16),
]
NEW_WARDS = [  # name, code, population, households, residential groups
    ("Phường Ngọc Hà", "00004", 102_000, 28_500, 30),
    ("Phường Giảng Võ", "00031", 94_000, 26_300, 12),
    ("Phường Ba Đình", "00001", 67_000, 18_900, 10),
]
SUCCESSION = [  # old, new, share
    ("Phường Vĩnh Phúc", "Phường Ngọc Hà", Decimal("1")),
    ("Phường Cống Vị", "Phường Ngọc Hà", Decimal("0.55")),
    ("Phường Cống Vị", "Phường Giảng Võ", Decimal("0.45")),
    ("Phường Liễu Giai", "Phường Ngọc Hà", Decimal("0.6")),
    ("Phường Liễu Giai", "Phường Giảng Võ", Decimal("0.4")),
    ("Phường Ngọc Khánh", "Phường Giảng Võ", Decimal("1")),
]
DEPARTMENTS = [
    (DepartmentKind.ONE_STOP, "Bộ phận Tiếp nhận và Trả kết quả"),
    (DepartmentKind.OFFICE, "Văn phòng – Thống kê"),
    (DepartmentKind.CULTURE, "Văn hóa – Thông tin"),
    (DepartmentKind.JUSTICE, "Tư pháp – Hộ tịch"),
    (DepartmentKind.LAND, "Địa chính – Xây dựng – Đô thị và Môi trường"),
    (DepartmentKind.FINANCE, "Tài chính – Kế toán"),
    (DepartmentKind.LABOUR, "Lao động – Thương binh và Xã hội"),
]
OFFICERS = [  # name, title, department kind
    ("Nguyễn Văn Hùng", "Chủ tịch UBND phường", DepartmentKind.OFFICE),
    ("Trần Thị Thu Hà", "Phó Chủ tịch UBND phường", DepartmentKind.OFFICE),
    ("Lê Minh Tuấn", "Phó Chủ tịch UBND phường", DepartmentKind.OFFICE),
    ("Phạm Thị Lan", "Công chức Văn phòng – Thống kê", DepartmentKind.OFFICE),
    ("Đỗ Quang Huy", "Công chức một cửa", DepartmentKind.ONE_STOP),
    ("Vũ Thị Ngọc Anh", "Công chức một cửa", DepartmentKind.ONE_STOP),
    ("Hoàng Văn Nam", "Công chức Tư pháp – Hộ tịch", DepartmentKind.JUSTICE),
    ("Bùi Thị Hồng Nhung", "Công chức Tư pháp – Hộ tịch", DepartmentKind.JUSTICE),
    ("Ngô Đức Thắng", "Công chức Địa chính – Xây dựng", DepartmentKind.LAND),
    ("Đặng Thị Mai", "Công chức Văn hóa – Thông tin", DepartmentKind.CULTURE),
    ("Trịnh Văn Long", "Công chức Tài chính – Kế toán", DepartmentKind.FINANCE),
    ("Lý Thị Thanh Hương", "Công chức Lao động – Thương binh và Xã hội", DepartmentKind.LABOUR),
]
ORGANISATIONS = [
    (MassOrganisationKind.FATHERLAND_FRONT, "Ủy ban MTTQ Việt Nam phường", "Nguyễn Thị Bích"),
    (MassOrganisationKind.WOMEN, "Hội Liên hiệp Phụ nữ phường", "Phan Thị Hạnh"),
    (MassOrganisationKind.YOUTH, "Đoàn Thanh niên phường", "Lê Hoàng Phúc"),
    (MassOrganisationKind.VETERANS, "Hội Cựu chiến binh phường", "Đinh Văn Sơn"),
    (MassOrganisationKind.ELDERLY, "Hội Người cao tuổi phường", "Cao Văn Thịnh"),
    (MassOrganisationKind.RED_CROSS, "Hội Chữ thập đỏ phường", "Mai Thị Dung"),
]


def _unit(
    kind: str,
    name: str,
    parent: AdministrativeUnit | None,
    code: str = "",
    valid_from: dt.date | None = None,
    valid_to: dt.date | None = None,
    **details: object,
) -> AdministrativeUnit:
    existing = AdministrativeUnit.objects.filter(parent=parent, name=name).first()
    if existing is not None:
        return existing
    return services.unit_create(
        kind=kind,
        name=name,
        parent=parent,
        code=code,
        valid_from=valid_from,
        valid_to=valid_to,
        **details,
    )


def _ward_staff(ward: AdministrativeUnit, with_officers: bool) -> None:
    departments = {
        kind: Department.objects.get_or_create(unit=ward, name=name, defaults={"kind": kind})[0]
        for kind, name in DEPARTMENTS
    }
    if with_officers:
        for full_name, title, kind in OFFICERS:
            Officer.objects.get_or_create(
                unit=ward,
                full_name=full_name,
                defaults={"title": title, "department": departments[kind]},
            )
    for org_kind, org_name, leader in ORGANISATIONS:
        MassOrganisation.objects.get_or_create(
            unit=ward,
            name=f"{org_name} {ward.name.removeprefix('Phường ')}",
            defaults={"kind": org_kind, "leader_name": leader},
        )


def _groups(ward: AdministrativeUnit, count: int) -> None:
    for number in range(1, count + 1):
        _unit(
            UnitKind.RESIDENTIAL_GROUP,
            f"Tổ dân phố số {number}",
            ward,
            valid_from=ward.valid_from,
            valid_to=ward.valid_to,
            households=250 + (number * 37) % 160,
        )


def seed(ctx: DemoContext) -> None:
    hanoi = _unit(
        UnitKind.CITY, "Thành phố Hà Nội", None, code="01", address="12 Lê Lai, Hoàn Kiếm, Hà Nội"
    )
    ba_dinh = _unit(
        UnitKind.URBAN_DISTRICT, "Quận Ba Đình", hanoi, code="001", valid_to=LAST_OLD_DAY
    )
    wards: dict[str, AdministrativeUnit] = {}
    for name, code, population, households, groups in OLD_WARDS:
        ward = _unit(
            UnitKind.WARD,
            name,
            ba_dinh,
            code=code,
            valid_to=LAST_OLD_DAY,
            population=population,
            households=households,
        )
        _groups(ward, groups)
        wards[name] = ward
    for name, code, population, households, groups in NEW_WARDS:
        ward = _unit(
            UnitKind.WARD,
            name,
            hanoi,
            code=code,
            valid_from=REFORM_DAY,
            population=population,
            households=households,
        )
        _groups(ward, groups)
        wards[name] = ward
    vinh_phuc = wards["Phường Vĩnh Phúc"]
    if not vinh_phuc.address:
        vinh_phuc.address = "Số 2 phố Vĩnh Phúc, quận Ba Đình, Hà Nội"
        vinh_phuc.phone = "024 3832 5178"
        vinh_phuc.save(update_fields=["address", "phone"])
    for old, new, share in SUCCESSION:
        if not UnitSuccession.objects.filter(predecessor=wards[old], successor=wards[new]).exists():
            services.succession_create(
                predecessor=wards[old],
                successor=wards[new],
                effective_date=REFORM_DAY,
                share=share,
                legal_basis="Nghị quyết 1656/NQ-UBTVQH15 ngày 16/6/2025",
            )
    for name in wards:
        _ward_staff(wards[name], with_officers=name in {"Phường Vĩnh Phúc", "Phường Ngọc Hà"})
    ctx.objects.update(
        hanoi=hanoi,
        ba_dinh=ba_dinh,
        vinh_phuc=vinh_phuc,
        wards=wards,
        ngoc_ha=wards["Phường Ngọc Hà"],
    )
    ctx.log(f"cây đơn vị: {AdministrativeUnit.objects.count()} đơn vị")
