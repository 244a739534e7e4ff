"""Writes of the plan: create from the template, edit, submit, approve or reject, revise."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hailong.accounts.roles import Perm
from hailong.accounts.scope import user_can
from hailong.campaigns.document import plan_snapshot
from hailong.campaigns.models import (
    CONTENT_FIELDS,
    CampaignPlan,
    CampaignPlanVersion,
    PlanAction,
    PlanEvent,
    PlanStatus,
)
from hailong.campaigns.template import template_content
from hailong.campaigns.wards import departments, organisations, residential_groups
from hailong.core.errors import PermissionDenied, ServiceError
from hailong.core.text import clean_line, normalize_data
from hailong.units.models import DepartmentKind, UnitLevel

if TYPE_CHECKING:
    from hailong.accounts.models import User
    from hailong.surveys.models import SurveyWave
    from hailong.units.models import AdministrativeUnit, Department, MassOrganisation

FIRST_YEAR, LAST_YEAR = 2000, 2100
LIST_FIELDS = ("purposes", "requirements", "content_topics", "organisation", "recipients")


def _require(actor: User, perm: Perm, unit: AdministrativeUnit, message: str) -> None:
    if not user_can(actor, perm, unit):
        raise PermissionDenied(message)


def _event(plan: CampaignPlan, action: str, actor: User | None, note: str = "") -> None:
    PlanEvent.objects.create(
        plan=plan, action=action, version=plan.version, actor=actor, at=timezone.now(), note=note
    )


def default_issue_day(year: int) -> dt.date:
    """Today if it falls in ``year``, else the nearest day of that year."""
    today = timezone.localdate()
    return min(max(today, dt.date(year, 1, 1)), dt.date(year, 12, 31))


@transaction.atomic
def plan_create_from_template(
    *,
    actor: User,
    unit: AdministrativeUnit,
    year: int,
    wave: SurveyWave | None = None,
    issued_on: dt.date | None = None,
) -> CampaignPlan:
    """A draft plan of ``unit`` for ``year`` with every section filled from the seed plan.

    The culture–information department coordinates; every other department, mass organisation
    and residential group of the unit is a partner (the seed's "các ban, ngành, đoàn thể, tổ
    dân phố"), for the officer to trim.
    """
    _require(actor, Perm.MANAGE_CAMPAIGNS, unit, _("Bạn không có quyền lập kế hoạch tuyên truyền."))
    if unit.level != UnitLevel.COMMUNE:
        raise ServiceError(_("Kế hoạch tuyên truyền được lập ở cấp xã, phường."), field="unit")
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ServiceError(_("Năm không hợp lệ."), field="year")
    if wave is not None and wave.unit_id != unit.pk:
        raise ServiceError(_("Đợt khảo sát không thuộc đơn vị này."), field="wave")
    issued_on = issued_on or default_issue_day(year)
    if issued_on.year != year:
        raise ServiceError(_("Ngày ban hành phải trong năm của kế hoạch."), field="issued_on")
    content = template_content(unit, year, issued_on)
    all_departments = departments(unit)
    coordinator = next((d for d in all_departments if d.kind == DepartmentKind.CULTURE), None)
    plan = CampaignPlan.objects.create(
        unit=unit, year=year, wave=wave, coordinator=coordinator, created_by=actor, **content
    )
    plan.partner_departments.set([d for d in all_departments if d != coordinator])
    plan.partner_organisations.set(organisations(unit))
    plan.partner_groups.set(residential_groups(unit, issued_on))
    _event(plan, PlanAction.CREATED, actor)
    return plan


@transaction.atomic
def plan_update(
    *,
    actor: User,
    plan: CampaignPlan,
    content: dict[str, Any],
    coordinator: Department | None = None,
    partner_departments: list[Department] | None = None,
    partner_organisations: list[MassOrganisation] | None = None,
    partner_groups: list[AdministrativeUnit] | None = None,
) -> CampaignPlan:
    """Change what a draft plan says. ``content`` holds any of ``CONTENT_FIELDS``.

    A period change regenerates the schedule (marked items are kept).
    """
    _require(actor, Perm.MANAGE_CAMPAIGNS, plan.unit, _("Bạn không có quyền sửa kế hoạch này."))
    if not plan.editable:
        raise ServiceError(
            _("Chỉ sửa được bản nháp. Kế hoạch đã duyệt: hãy bắt đầu một lần sửa đổi.")
        )
    old_period = (plan.period_start, plan.period_end)
    for name, value in _clean_content(content).items():
        setattr(plan, name, value)
    _check_dates(plan)
    plan.coordinator = _own(coordinator, plan.unit)
    plan.save()
    _set_partners(plan, partner_departments, partner_organisations, partner_groups)
    _event(plan, PlanAction.EDITED, actor)
    if (plan.period_start, plan.period_end) != old_period:
        from hailong.campaigns.services.schedule import plan_regenerate

        plan_regenerate(plan)
    return plan


def _clean_content(content: dict[str, Any]) -> dict[str, Any]:
    """Known fields only, NFC, whitespace collapsed, empty list items dropped."""
    clean: dict[str, Any] = {}
    for name, value in normalize_data(content).items():
        if name not in CONTENT_FIELDS:
            continue
        if name in LIST_FIELDS or name == "signer_authority":
            value = [clean_line(v) for v in value if clean_line(v)]
        elif name in {"legal_references", "channels"}:
            value = [
                {k: clean_line(v) if isinstance(v, str) else v for k, v in row.items()}
                for row in value
            ]
        elif isinstance(value, str):
            value = clean_line(value)
        clean[name] = value
    return clean


def _check_dates(plan: CampaignPlan) -> None:
    if plan.period_end < plan.period_start:
        raise ServiceError(_("Ngày kết thúc phải sau ngày bắt đầu."), field="period_end")
    if plan.issued_on.year != plan.year:
        raise ServiceError(_("Ngày ban hành phải trong năm của kế hoạch."), field="issued_on")


def _own[T](obj: T, unit: AdministrativeUnit) -> T:
    if obj is not None and getattr(obj, "unit_id", unit.pk) != unit.pk:
        raise ServiceError(_("Bộ phận không thuộc đơn vị này."), field="coordinator")
    return obj


def _set_partners(
    plan: CampaignPlan,
    partner_departments: list[Department] | None,
    partner_organisations: list[MassOrganisation] | None,
    partner_groups: list[AdministrativeUnit] | None,
) -> None:
    unit = plan.unit
    if partner_departments is not None:
        plan.partner_departments.set([_own(d, unit) for d in partner_departments])
    if partner_organisations is not None:
        plan.partner_organisations.set([_own(o, unit) for o in partner_organisations])
    if partner_groups is not None:
        if any(g.parent_id != unit.pk for g in partner_groups):
            raise ServiceError(_("Tổ dân phố không thuộc đơn vị này."), field="partner_groups")
        plan.partner_groups.set(partner_groups)


def _locked(plan: CampaignPlan) -> CampaignPlan:
    return CampaignPlan.objects.select_for_update().select_related("unit").get(pk=plan.pk)


@transaction.atomic
def plan_submit(*, actor: User, plan: CampaignPlan) -> CampaignPlan:
    """Draft → submitted, by the communication officer (``campaigns.manage``)."""
    _require(actor, Perm.MANAGE_CAMPAIGNS, plan.unit, _("Bạn không có quyền trình kế hoạch này."))
    plan = _locked(plan)
    if plan.status != PlanStatus.DRAFT:
        raise ServiceError(_("Chỉ trình được bản nháp."))
    if not plan.title.strip() or not plan.purposes or not plan.channels:
        raise ServiceError(_("Kế hoạch cần có trích yếu, mục đích và hình thức tuyên truyền."))
    plan.status, plan.submitted_by, plan.submitted_at = PlanStatus.SUBMITTED, actor, timezone.now()
    plan.save(update_fields=["status", "submitted_by", "submitted_at", "updated_at"])
    _event(plan, PlanAction.SUBMITTED, actor)
    return plan


@transaction.atomic
def plan_approve(*, actor: User, plan: CampaignPlan) -> CampaignPlan:
    """Submitted → approved by a ward leader (``campaigns.approve``); freeze the version.

    1. Only a holder of the approval permission approves. The drafter of this version may
       approve it only if they hold it themselves, i.e. they are a leader of the unit: a
       communication officer never approves their own plan.
    2. Freeze the content as ``CampaignPlanVersion`` number ``plan.version``.
    3. An approved plan of the same unit and year that this one replaces becomes superseded.
    """
    _require(actor, Perm.APPROVE_CAMPAIGNS, plan.unit, _("Bạn không có quyền phê duyệt kế hoạch."))
    plan = _locked(plan)
    if plan.status != PlanStatus.SUBMITTED:
        raise ServiceError(_("Chỉ phê duyệt được kế hoạch đã trình."))
    now = timezone.now()
    CampaignPlanVersion.objects.create(
        plan=plan,
        number=plan.version,
        snapshot=plan_snapshot(plan),
        drafted_by=plan.submitted_by,
        approved_by=actor,
        approved_at=now,
    )
    for older in CampaignPlan.objects.filter(
        unit=plan.unit, year=plan.year, status=PlanStatus.APPROVED
    ).exclude(pk=plan.pk):
        older.status = PlanStatus.SUPERSEDED
        older.save(update_fields=["status", "updated_at"])
        _event(older, PlanAction.SUPERSEDED, actor, note=str(plan.pk))
    plan.status, plan.approved_by, plan.approved_at = PlanStatus.APPROVED, actor, now
    plan.rejection_reason = ""
    plan.save(
        update_fields=["status", "approved_by", "approved_at", "rejection_reason", "updated_at"]
    )
    _event(plan, PlanAction.APPROVED, actor)
    return plan


@transaction.atomic
def plan_reject(*, actor: User, plan: CampaignPlan, reason: str) -> CampaignPlan:
    """Submitted → back to draft, with the leader's reason (required)."""
    _require(actor, Perm.APPROVE_CAMPAIGNS, plan.unit, _("Bạn không có quyền phê duyệt kế hoạch."))
    reason = " ".join(reason.split())
    if not reason:
        raise ServiceError(_("Hãy ghi lý do trả lại."), field="reason")
    plan = _locked(plan)
    if plan.status != PlanStatus.SUBMITTED:
        raise ServiceError(_("Chỉ trả lại được kế hoạch đã trình."))
    plan.status, plan.rejection_reason = PlanStatus.DRAFT, reason[:2000]
    plan.save(update_fields=["status", "rejection_reason", "updated_at"])
    _event(plan, PlanAction.REJECTED, actor, note=plan.rejection_reason)
    return plan


@transaction.atomic
def plan_revise(*, actor: User, plan: CampaignPlan) -> CampaignPlan:
    """Approved → a new draft version; the approved version stays frozen and in force."""
    _require(actor, Perm.MANAGE_CAMPAIGNS, plan.unit, _("Bạn không có quyền sửa kế hoạch này."))
    plan = _locked(plan)
    if plan.status != PlanStatus.APPROVED:
        raise ServiceError(_("Chỉ sửa đổi được kế hoạch đang có hiệu lực."))
    plan.status, plan.version = PlanStatus.DRAFT, plan.version + 1
    plan.submitted_by, plan.submitted_at = None, None
    plan.save(update_fields=["status", "version", "submitted_by", "submitted_at", "updated_at"])
    _event(plan, PlanAction.REVISED, actor)
    return plan
