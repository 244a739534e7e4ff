"""Demo accounts, one per role (demo only; the password is printed by ``seed-demo``)."""

from __future__ import annotations

from hailong.accounts.models import RoleAssignment, User
from hailong.accounts.roles import Role
from hailong.core.demo import DEMO_PASSWORD, DemoContext
from hailong.units.models import Officer

ACCOUNTS = [  # username, full name, role, unit key, officer name
    ("hanoi.quantri", "Quản trị Sở Nội vụ Hà Nội", Role.ADMIN, "hanoi", None),
    ("hanoi.theodoi", "Nguyễn Thanh Bình", Role.REVIEWER, "hanoi", None),
    ("vinhphuc.lanhdao", "Nguyễn Văn Hùng", Role.LEADER, "vinh_phuc", "Nguyễn Văn Hùng"),
    ("vinhphuc.motcua", "Đỗ Quang Huy", Role.ONE_STOP, "vinh_phuc", "Đỗ Quang Huy"),
    ("vinhphuc.vhtt", "Đặng Thị Mai", Role.COMMUNICATION, "vinh_phuc", "Đặng Thị Mai"),
    ("vinhphuc.xem", "Phạm Thị Lan", Role.VIEWER, "vinh_phuc", "Phạm Thị Lan"),
    ("ngocha.lanhdao", "Trần Thị Thu Hà", Role.LEADER, "ngoc_ha", None),
    ("ngocha.motcua", "Vũ Thị Ngọc Anh", Role.ONE_STOP, "ngoc_ha", None),
]


def seed(ctx: DemoContext) -> None:
    admin, created = User.objects.get_or_create(
        username="admin",
        defaults={"full_name": "Quản trị hệ thống", "is_superuser": True, "is_staff": True},
    )
    if created:
        admin.set_password(DEMO_PASSWORD)
        admin.save()
    ctx.accounts.append(("admin", DEMO_PASSWORD, "Quản trị toàn hệ thống / superuser"))
    for username, full_name, role, unit_key, officer_name in ACCOUNTS:
        unit = ctx.objects[unit_key]
        user, created = User.objects.get_or_create(
            username=username, defaults={"full_name": full_name}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        RoleAssignment.objects.get_or_create(user=user, unit=unit, role=role)
        if officer_name:
            Officer.objects.filter(unit=unit, full_name=officer_name, user__isnull=True).update(
                user=user
            )
        ctx.accounts.append((username, DEMO_PASSWORD, f"{Role(role).label} – {unit.name}"))
    ctx.log(f"tài khoản: {User.objects.count()}")
