"""Writes of the schedule: activities, the occurrences they generate, places, holidays."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Count
from django.utils.translation import gettext as _

from hailong.accounts.roles import Perm
from hailong.accounts.scope import user_can
from hailong.campaigns.channels import Target, channel_get
from hailong.campaigns.holidays import HOLIDAYS
from hailong.campaigns.models import (
    CampaignActivity,
    CampaignPlan,
    Holiday,
    LoudspeakerArea,
    Occurrence,
    OccurrenceStatus,
    PlanStatus,
    ZaloGroup,
)
from hailong.campaigns.recurrence import Recurrence, expand
from hailong.campaigns.wards import group_ids
from hailong.core.errors import PermissionDenied, ServiceError
from hailong.core.text import clean_line, nfc
from hailong.units.models import AdministrativeUnit, UnitLevel

if TYPE_CHECKING:
    from hailong.accounts.models import User
    from hailong.units.models import Department, MassOrganisation, Officer

BATCH = 500
SlotKey = tuple[str, dt.datetime]


@dataclass(frozen=True)
class Responsible:
    department: Department | None = None
    officer: Officer | None = None
    organisation: MassOrganisation | None = None
    group: AdministrativeUnit | None = None


def _require_manage(actor: User, unit: AdministrativeUnit) -> None:
    if not user_can(actor, Perm.MANAGE_CAMPAIGNS, unit):
        raise PermissionDenied(_("Bạn không có quyền quản lý kế hoạch tuyên truyền."))


@transaction.atomic
def activity_save(
    *,
    actor: User,
    plan: CampaignPlan,
    channel: str,
    title: str,
    recurrence: Recurrence,
    starts_on: dt.date,
    ends_on: dt.date,
    data: dict[str, Any],
    responsible: Responsible | None = None,
    script: str = "",
    activity: CampaignActivity | None = None,
) -> CampaignActivity:
    """Create or change an activity of ``plan`` and (re)generate its occurrences.

    1. The actor manages campaigns of the plan's unit; the plan is not superseded.
    2. The channel exists and accepts ``data``; the period lies inside the plan's period and
       a one-off date inside the activity's period; the responsible parties are the unit's.
    3. Save, then regenerate: new moments are added, moments that left the schedule are
       removed unless already marked.
    """
    _require_manage(actor, plan.unit)
    if plan.status == PlanStatus.SUPERSEDED:
        raise ServiceError(_("Kế hoạch đã được thay thế, không sửa lịch được nữa."))
    kind = channel_get(channel)
    if kind is None:
        raise ServiceError(_("Hình thức tuyên truyền không hợp lệ."), field="channel")
    clean_data = kind.clean_data(data, plan)
    _check_period(plan, recurrence, starts_on, ends_on)
    who = responsible or Responsible()
    _check_responsible(plan.unit, who)
    activity = activity or CampaignActivity(plan=plan, channel=channel, created_by=actor)
    if activity.channel != channel:
        raise ServiceError(_("Không đổi được hình thức của hoạt động đã có."), field="channel")
    activity.title = clean_line(title)[:200] or str(kind.default_title)
    activity.recurrence = recurrence.as_json()
    activity.starts_on, activity.ends_on = starts_on, ends_on
    activity.data, activity.script = clean_data, nfc(script).strip()
    activity.responsible_department, activity.responsible_officer = who.department, who.officer
    activity.responsible_organisation, activity.responsible_group = who.organisation, who.group
    activity.save()
    occurrences_generate(activity)
    return activity


def _check_period(
    plan: CampaignPlan, rule: Recurrence, starts_on: dt.date, ends_on: dt.date
) -> None:
    if ends_on < starts_on:
        raise ServiceError(_("Ngày kết thúc phải sau ngày bắt đầu."), field="ends_on")
    if starts_on < plan.period_start or ends_on > plan.period_end:
        raise ServiceError(
            _("Thời gian phải nằm trong thời gian thực hiện kế hoạch (%(a)s – %(b)s).")
            % {"a": f"{plan.period_start:%d/%m/%Y}", "b": f"{plan.period_end:%d/%m/%Y}"},
            field="starts_on",
        )
    if rule.kind == "once" and rule.on is not None and not starts_on <= rule.on <= ends_on:
        raise ServiceError(_("Ngày thực hiện phải nằm trong thời gian của hoạt động."), field="on")


def _check_responsible(unit: AdministrativeUnit, who: Responsible) -> None:
    for obj in (who.department, who.officer, who.organisation):
        if obj is not None and obj.unit_id != unit.pk:
            raise ServiceError(_("Đơn vị, người phụ trách không thuộc đơn vị này."))
    if who.group is not None and who.group.pk not in group_ids(unit):
        raise ServiceError(_("Tổ dân phố không thuộc đơn vị này."), field="responsible_group")


@transaction.atomic
def activity_delete(*, actor: User, activity: CampaignActivity) -> None:
    """Delete an activity that has nothing recorded yet."""
    _require_manage(actor, activity.plan.unit)
    if activity.occurrences.exclude(status=OccurrenceStatus.PLANNED).exists():
        raise ServiceError(_("Hoạt động đã có buổi được ghi nhận, không xóa được."))
    activity.delete()


@dataclass(frozen=True)
class Generated:
    created: int
    removed: int
    kept: int


def holiday_dates(start: dt.date, end: dt.date) -> set[dt.date]:
    return set(Holiday.objects.filter(date__range=(start, end)).values_list("date", flat=True))


def occurrences_generate(activity: CampaignActivity) -> Generated:
    """Bring the activity's generated occurrences in line with its schedule. Idempotent.

    1. Expand the rule over the activity's period clipped to the plan's, skipping holidays.
    2. One wanted slot per (target, moment); targets come from the channel.
    3. Create the missing slots; update who is responsible on unmarked ones.
    4. Remove unmarked slots no longer wanted (and without evidence); keep every marked one.
    """
    plan = activity.plan
    channel = channel_get(activity.channel)
    assert channel is not None
    start, end = max(activity.starts_on, plan.period_start), min(activity.ends_on, plan.period_end)
    rule = Recurrence.from_json(activity.recurrence)
    moments = expand(rule, start, end, holiday_dates(start, end)) if start <= end else []
    wanted: dict[SlotKey, Target] = {
        (target.key, moment): target for target in channel.targets(activity) for moment in moments
    }
    existing = {
        (o.target_key, o.scheduled_at): o
        for o in activity.occurrences.filter(generated=True).annotate(n_evidence=Count("evidence"))
    }
    new = [
        _occurrence(activity, target, when)
        for (_k, when), target in wanted.items()
        if (target.key, when) not in existing
    ]
    Occurrence.objects.bulk_create(new, batch_size=BATCH)
    _refresh_unmarked(activity, [o for key, o in existing.items() if key in wanted], wanted)
    stale = [
        o.pk
        for key, o in existing.items()
        if key not in wanted and o.status == OccurrenceStatus.PLANNED and not o.n_evidence
    ]
    Occurrence.objects.filter(pk__in=stale).delete()
    return Generated(created=len(new), removed=len(stale), kept=len(existing) - len(stale))


def _occurrence(activity: CampaignActivity, target: Target, when: dt.datetime) -> Occurrence:
    occurrence = Occurrence(
        plan_id=activity.plan_id,
        activity=activity,
        channel=activity.channel,
        target_key=target.key,
        scheduled_at=when,
    )
    _assign(occurrence, activity, target)
    return occurrence


def _assign(occurrence: Occurrence, activity: CampaignActivity, target: Target) -> None:
    """Who answers for it: the target's group and organisation first, else the activity's."""
    group_id = target.group_id or activity.responsible_group_id
    occurrence.unit_id = group_id or activity.plan.unit_id
    occurrence.target_label = target.label[:200]
    occurrence.responsible_department_id = activity.responsible_department_id
    occurrence.responsible_officer_id = activity.responsible_officer_id
    occurrence.responsible_organisation_id = (
        target.organisation_id or activity.responsible_organisation_id
    )


ASSIGNED = [
    "unit",
    "target_label",
    "responsible_department",
    "responsible_officer",
    "responsible_organisation",
]


def _assigned(o: Occurrence) -> tuple[object, ...]:
    return (
        o.unit_id,
        o.target_label,
        o.responsible_department_id,
        o.responsible_officer_id,
        o.responsible_organisation_id,
    )


def _refresh_unmarked(
    activity: CampaignActivity, rows: list[Occurrence], wanted: dict[SlotKey, Target]
) -> None:
    changed = []
    for occurrence in rows:
        if occurrence.status != OccurrenceStatus.PLANNED:
            continue
        before = _assigned(occurrence)
        _assign(occurrence, activity, wanted[(occurrence.target_key, occurrence.scheduled_at)])
        if _assigned(occurrence) != before:
            changed.append(occurrence)
    Occurrence.objects.bulk_update(changed, ASSIGNED, batch_size=BATCH)


def plan_regenerate(plan: CampaignPlan) -> list[Generated]:
    """Regenerate every activity of ``plan`` (after its period changed)."""
    return [occurrences_generate(a) for a in plan.activities.select_related("plan")]


def holidays_load() -> int:
    """Insert the built-in public holidays that are missing; return how many were added."""
    known = set(Holiday.objects.values_list("date", flat=True))
    new = [Holiday(date=day, name=name) for day, name in HOLIDAYS if day not in known]
    Holiday.objects.bulk_create(new)
    return len(new)


def loudspeaker_area_create(
    *,
    actor: User,
    unit: AdministrativeUnit,
    name: str,
    location: str = "",
    groups: list[AdministrativeUnit] | None = None,
) -> LoudspeakerArea:
    _require_manage(actor, unit)
    name = clean_line(name)
    if not name:
        raise ServiceError(_("Hãy đặt tên cụm loa."), field="name")
    if LoudspeakerArea.objects.filter(unit=unit, name=name).exists():
        raise ServiceError(_("Đã có cụm loa tên này."), field="name")
    if groups and any(g.parent_id != unit.pk or g.level != UnitLevel.HAMLET for g in groups):
        raise ServiceError(_("Tổ dân phố không thuộc đơn vị này."), field="groups")
    area = LoudspeakerArea.objects.create(unit=unit, name=name, location=clean_line(location))
    area.groups.set(groups or [])
    return area


def zalo_group_create(
    *,
    actor: User,
    unit: AdministrativeUnit,
    name: str,
    organisation: MassOrganisation | None = None,
    group: AdministrativeUnit | None = None,
    members: int | None = None,
    admin_name: str = "",
) -> ZaloGroup:
    """A Zalo group of a mass organisation, of a residential group, or of the ward itself."""
    _require_manage(actor, unit)
    name = clean_line(name)
    if not name:
        raise ServiceError(_("Hãy đặt tên nhóm Zalo."), field="name")
    if organisation is not None and group is not None:
        raise ServiceError(_("Nhóm thuộc một đoàn thể hoặc một tổ dân phố, không cả hai."))
    if organisation is not None and organisation.unit_id != unit.pk:
        raise ServiceError(_("Đoàn thể không thuộc đơn vị này."), field="organisation")
    if group is not None and (group.parent_id != unit.pk or group.level != UnitLevel.HAMLET):
        raise ServiceError(_("Tổ dân phố không thuộc đơn vị này."), field="group")
    if ZaloGroup.objects.filter(unit=unit, name=name).exists():
        raise ServiceError(_("Đã có nhóm Zalo tên này."), field="name")
    return ZaloGroup.objects.create(
        unit=unit,
        name=name,
        organisation=organisation,
        group=group,
        members=members,
        admin_name=clean_line(admin_name),
    )
