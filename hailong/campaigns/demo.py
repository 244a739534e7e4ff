"""Demo: Vĩnh Phúc's 2023 plan from the template, approved, scheduled and mostly carried out.

The schedule runs from the plan's issue day (05/10/2023) to 31/12/2023: broadcasts twice a day
(a few missed: a power cut, a broken loudspeaker cluster for two days), a website post every
Thursday, a weekly post in the Zalo groups of the six mass organisations and three residential
groups, two leaflet runs through the 24 residential groups (the first around 16/10/2023), two
meetings, photos with a fake GPS position that the pipeline strips. Fixed random seed;
idempotent (a second run finds the plan and stops).
"""

from __future__ import annotations

import datetime as dt
import io
import random
from typing import Any

from django.db import transaction
from django.urls import reverse

from hailong.accounts.models import RoleAssignment, User
from hailong.accounts.roles import Role
from hailong.accounts.services import role_assign
from hailong.campaigns import services
from hailong.campaigns.demo_materials import seed_materials
from hailong.campaigns.models import (
    CampaignActivity,
    CampaignPlan,
    CampaignPlanVersion,
    LoudspeakerArea,
    Occurrence,
    OccurrenceStatus,
    PlanEvent,
    ZaloGroup,
)
from hailong.campaigns.recurrence import LOCAL, Recurrence
from hailong.campaigns.samples import sample_jpeg
from hailong.campaigns.services.schedule import Responsible
from hailong.campaigns.wards import residential_groups
from hailong.core.demo import DEMO_PASSWORD, DemoContext
from hailong.units.models import (
    AdministrativeUnit,
    Department,
    DepartmentKind,
    MassOrganisation,
    Officer,
)

YEAR = 2023
ISSUED = dt.date(2023, 10, 5)
SEED = 2023
VOLUNTEER = ("vinhphuc.to5", "Lê Thị Thu", "Tổ dân phố số 5")
ZALO_GROUPS_OF = ("Tổ dân phố số 1", "Tổ dân phố số 5", "Tổ dân phố số 12")
BROADCAST_MISSES = {  # (local day, hour) → reason
    (dt.date(2023, 10, 23), 17): "Mất điện",
    (dt.date(2023, 11, 14), 6): "Mất điện",
    (dt.date(2023, 11, 27), 6): "Hỏng loa cụm 3",
    (dt.date(2023, 11, 27), 17): "Hỏng loa cụm 3",
    (dt.date(2023, 11, 28), 6): "Hỏng loa cụm 3",
    (dt.date(2023, 11, 28), 17): "Hỏng loa cụm 3",
}
SCRIPT = (
    "Thưa toàn thể nhân dân phường Vĩnh Phúc! Thực hiện Kế hoạch của UBND phường, từ nay đến hết "
    "năm 2023 phường tổ chức lấy ý kiến của người dân, tổ chức về sự phục vụ hành chính tại Bộ "
    "phận Tiếp nhận và trả kết quả. Mỗi ý kiến của bà con giúp phường phục vụ tốt hơn. Bà con có "
    "thể quét mã QR trên tờ rơi hoặc tại trụ sở UBND phường để trả lời phiếu khảo sát; phiếu không "
    "ghi tên, mọi thông tin được giữ bí mật."
)


def _user(username: str) -> User | None:
    return User.objects.filter(username=username).first()


def _local(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=LOCAL).astimezone(dt.UTC)


def seed(ctx: DemoContext) -> None:
    ward: AdministrativeUnit = ctx.objects["vinh_phuc"]
    services.holidays_load()
    plan = CampaignPlan.objects.filter(unit=ward, year=YEAR).first()
    if plan is None:
        drafter, leader = _user("vinhphuc.vhtt"), _user("vinhphuc.lanhdao")
        if drafter is None or leader is None:
            ctx.log("kế hoạch tuyên truyền: thiếu tài khoản demo, bỏ qua")
            return
        with transaction.atomic():
            plan = _build(ctx, ward, drafter, leader)
    _volunteer(ctx, ward)
    _publish(ctx, ward, plan)
    seed_materials(ctx, plan, _user("vinhphuc.vhtt"))


def _build(ctx: DemoContext, ward: AdministrativeUnit, drafter: User, leader: User) -> CampaignPlan:
    """Places, the plan, its activities, approval, then a realistic execution history."""
    for user, email in (
        (drafter, "vhtt.vinhphuc@example.vn"),
        (leader, "lanhdao.vinhphuc@example.vn"),
    ):
        if not user.email:
            user.email = email
            user.save(update_fields=["email"])
    _places(drafter, ward)
    plan = services.plan_create_from_template(
        actor=drafter, unit=ward, year=YEAR, wave=ctx.objects.get("wave_2023"), issued_on=ISSUED
    )
    _activities(drafter, plan)
    services.plan_submit(actor=drafter, plan=plan)
    plan = services.plan_approve(actor=leader, plan=plan)
    _backdate(plan)
    _execute(plan, drafter, random.Random(SEED))  # noqa: S311 (demo data)
    return plan


def _places(actor: User, ward: AdministrativeUnit) -> None:
    groups = residential_groups(ward, ISSUED)
    for number in range(5):
        services.loudspeaker_area_create(
            actor=actor,
            unit=ward,
            name=f"Cụm loa số {number + 1}",
            location=f"Khu vực tổ dân phố {number * 5 + 1}–{number * 5 + 5}",
            groups=groups[number * 5 : number * 5 + 5],
        )
    for organisation in MassOrganisation.objects.filter(unit=ward).order_by("pk"):
        services.zalo_group_create(
            actor=actor,
            unit=ward,
            name=f"Zalo {organisation.name}",
            organisation=organisation,
            members=120 + organisation.pk % 7 * 30,
            admin_name=organisation.leader_name,
        )
    for group in AdministrativeUnit.objects.filter(parent=ward, name__in=ZALO_GROUPS_OF):
        services.zalo_group_create(
            actor=actor, unit=ward, name=f"Zalo {group.name}", group=group, members=180
        )


def _activities(actor: User, plan: CampaignPlan) -> None:
    ward = plan.unit
    culture = Department.objects.filter(unit=ward, kind=DepartmentKind.CULTURE).first()
    officer = Officer.objects.filter(unit=ward, department=culture).first()
    staff = Responsible(department=culture, officer=officer)
    end = plan.period_end
    groups = residential_groups(ward, ISSUED)
    women = MassOrganisation.objects.filter(unit=ward, kind="phu_nu").first()
    group5 = next(g for g in groups if g.name == "Tổ dân phố số 5")
    rows: list[tuple[str, str, Recurrence, dict[str, Any], Responsible, str]] = [
        (
            "loudspeaker",
            "Phát thanh tuyên truyền khảo sát sự hài lòng",
            Recurrence("daily", (dt.time(6, 30), dt.time(17, 30))),
            {"areas": []},
            staff,
            SCRIPT,
        ),
        (
            "website",
            "Tin bài về khảo sát trên trang thông tin điện tử phường",
            Recurrence("weekly", (dt.time(9, 0),), frozenset({3})),
            {"section": "Cải cách hành chính"},
            staff,
            "",
        ),
        (
            "zalo",
            "Đăng bài mời tham gia khảo sát trên nhóm Zalo",
            Recurrence("weekly", (dt.time(20, 0),), frozenset({1})),
            {"groups": list(ZaloGroup.objects.filter(unit=ward).values_list("pk", flat=True))},
            Responsible(department=culture),
            "",
        ),
        (
            "leaflet",
            "Phát tờ rơi đợt 1 đến các hộ gia đình",
            Recurrence("once", (dt.time(8, 0),), on=dt.date(2023, 10, 16)),
            {"print_count": 2500, "distribution": {str(g.pk): 100 for g in groups}},
            staff,
            "",
        ),
        (
            "leaflet",
            "Phát tờ rơi đợt 2 (nhắc lại)",
            Recurrence("once", (dt.time(8, 0),), on=dt.date(2023, 11, 20)),
            {"print_count": 1300, "distribution": {str(g.pk): 50 for g in groups}},
            staff,
            "",
        ),
        (
            "meeting",
            "Lồng ghép tại hội nghị tổ dân phố số 5",
            Recurrence("once", (dt.time(19, 30),), on=dt.date(2023, 10, 19)),
            {"meeting": "Hội nghị tổ dân phố số 5", "group": group5.pk, "expected": 60},
            Responsible(group=group5),
            "",
        ),
        (
            "meeting",
            "Lồng ghép tại hội nghị Hội Liên hiệp Phụ nữ phường",
            Recurrence("once", (dt.time(8, 0),), on=dt.date(2023, 10, 26)),
            {
                "meeting": "Hội nghị sơ kết Hội Liên hiệp Phụ nữ phường",
                "organisation": women.pk if women else None,
                "expected": 80,
            },
            Responsible(organisation=women),
            "",
        ),
    ]
    for channel, title, rule, data, who, script in rows:
        services.activity_save(
            actor=actor,
            plan=plan,
            channel=channel,
            title=title,
            recurrence=rule,
            starts_on=plan.period_start,
            ends_on=end,
            data=data,
            responsible=who,
            script=script,
        )


def _backdate(plan: CampaignPlan) -> None:
    """The plan was drafted and approved on its issue day, not on the day the demo ran."""
    approved = _local(ISSUED, 10)
    CampaignPlan.objects.filter(pk=plan.pk).update(
        approved_at=approved, submitted_at=_local(ISSUED, 8, 30)
    )
    CampaignPlanVersion.objects.filter(plan=plan).update(approved_at=approved)
    moments = [_local(ISSUED, 8), _local(ISSUED, 8, 30), approved]  # created, submitted, approved
    for event, moment in zip(
        PlanEvent.objects.filter(plan=plan).order_by("pk"), moments, strict=False
    ):
        PlanEvent.objects.filter(pk=event.pk).update(at=moment)
    plan.refresh_from_db()


def _execute(plan: CampaignPlan, actor: User, rng: random.Random) -> None:
    """Mark every occurrence as it went; leave the last Zalo posts and a few leaflets open."""
    rows = list(
        Occurrence.objects.filter(plan=plan)
        .select_related("plan", "unit", "activity")
        .order_by("scheduled_at", "pk")
    )
    open_zalo = {
        r.pk
        for r in rows
        if r.channel == "zalo" and r.scheduled_at >= _local(dt.date(2023, 12, 26), 0)
    }
    photos = {"loudspeaker": 3, "leaflet": 4, "meeting": 4}
    for row in rows:
        if row.pk in open_zalo:
            continue
        _mark(row, actor, rng, photos)


def _mark(row: Occurrence, actor: User, rng: random.Random, photos: dict[str, int]) -> None:
    local = row.scheduled_at.astimezone(LOCAL)
    now = row.scheduled_at + dt.timedelta(minutes=rng.randint(5, 90))
    kwargs: dict[str, Any] = {"status": OccurrenceStatus.DONE, "now": now}
    reason = _miss_reason(row, local, rng)
    if reason == "open":
        return
    if reason == "moved":
        moved = services.occurrence_mark(
            actor=actor,
            occurrence=row,
            status=OccurrenceStatus.RESCHEDULED,
            note="Tổ trưởng bận họp, phát bù vào thứ Tư",
            rescheduled_to=row.scheduled_at + dt.timedelta(days=2),
            now=now,
        )
        row, kwargs["now"] = moved, moved.scheduled_at + dt.timedelta(hours=3)
    if reason and reason != "moved":
        kwargs.update(status=OccurrenceStatus.MISSED, reason=reason)
    else:
        kwargs.update(_done_details(row, rng, photos))
    services.occurrence_mark(actor=actor, occurrence=row, **kwargs)


def _miss_reason(row: Occurrence, local: dt.datetime, rng: random.Random) -> str:
    if row.channel == "loudspeaker":
        return BROADCAST_MISSES.get((local.date(), local.hour), "")
    if row.channel == "zalo" and rng.random() < 0.06:
        return "Quản trị nhóm đi công tác, chưa đăng được"
    if row.channel == "website" and local.date() == dt.date(2023, 11, 9):
        return "Trang thông tin điện tử đang bảo trì"
    if (
        row.channel == "leaflet"
        and local.month == 11
        and row.target_label.startswith(("Tổ dân phố số 23", "Tổ dân phố số 24"))
    ):
        return "open"
    if (
        row.channel == "leaflet"
        and local.month == 10
        and row.target_label.startswith("Tổ dân phố số 9:")
    ):
        return "moved"
    if row.channel == "leaflet" and row.target_label.startswith("Tổ dân phố số 17:"):
        return "Tổ trưởng ốm, chưa nhận được tờ rơi"
    return ""


def _done_details(row: Occurrence, rng: random.Random, photos: dict[str, int]) -> dict[str, Any]:
    details: dict[str, Any] = {}
    if row.channel == "leaflet":
        distribution = row.activity.data.get("distribution") or {}
        planned = int(distribution.get(row.target_key.removeprefix("group:"), 0))
        details["outcome"] = {"delivered": planned - rng.choice((0, 0, 0, 2, 5))}
    if row.channel == "meeting":
        details["outcome"] = {"attendance": rng.randint(55, 80)}
    if row.channel in {"website", "zalo"}:
        slug = f"khao-sat-sipas-2023-{row.scheduled_at:%d-%m}"
        details["link"] = f"https://phuongvinhphuc.example.vn/tin-tuc/{slug}"
        if row.channel == "zalo":
            details["link"] = f"https://zalo.me/g/demo-{row.target_key.replace(':', '-')}"
    if photos.get(row.channel, 0) > 0:
        photos[row.channel] -= 1
        details["photos"] = [io.BytesIO(sample_jpeg(800, 600, seed=row.pk))]
    return details


def _volunteer(ctx: DemoContext, ward: AdministrativeUnit) -> None:
    username, full_name, group_name = VOLUNTEER
    group = AdministrativeUnit.objects.filter(parent=ward, name=group_name).first()
    if group is None:
        return
    user, created = User.objects.get_or_create(
        username=username, defaults={"full_name": full_name, "email": "to5.vinhphuc@example.vn"}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    if not RoleAssignment.objects.filter(user=user, unit=group, role=Role.VOLUNTEER).exists():
        role_assign(actor=None, user=user, unit=group, role=Role.VOLUNTEER)
    ctx.accounts.append((username, DEMO_PASSWORD, f"{Role.VOLUNTEER.label} – {group.name}"))


def _publish(ctx: DemoContext, ward: AdministrativeUnit, plan: CampaignPlan) -> None:
    ctx.objects["campaign_plan_2023"] = plan
    day = dt.date(2023, 10, 16)
    ctx.urls += [
        (
            "Kế hoạch tuyên truyền 2023 / 2023 campaign plan",
            reverse("campaigns:plan_detail", args=[plan.pk]),
        ),
        (
            "Lịch tuyên truyền tháng 10/2023 / campaign calendar",
            f"{reverse('campaigns:calendar', args=[plan.pk])}?xem=thang&ngay=16/10/2023",
        ),
        (
            "Việc ngày 16/10/2023 (Hôm nay) / the day's list",
            f"{reverse('campaigns:today', args=[ward.pk])}?ngay={day:%d/%m/%Y}",
        ),
        (
            "Tiến độ thực hiện tháng 11/2023 / compliance",
            f"{reverse('campaigns:compliance', args=[plan.pk])}?thang=11/2023",
        ),
        ("Việc quá hạn / overdue", reverse("campaigns:overdue", args=[ward.pk])),
    ]
    done = Occurrence.objects.filter(plan=plan, status=OccurrenceStatus.DONE).count()
    total = Occurrence.objects.filter(plan=plan).count()
    activities = CampaignActivity.objects.filter(plan=plan).count()
    areas = LoudspeakerArea.objects.filter(unit=ward).count()
    ctx.log(
        f"kế hoạch tuyên truyền 2023: {activities} hoạt động, {done}/{total} việc đã làm, "
        f"{areas} cụm loa"
    )
