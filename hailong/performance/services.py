"""Writes: points rules (draft → published → new version) and improvement actions.

Who may do what:

- points rules belong to a province: ``units.manage`` on the province (its administrator);
- improvement actions belong to a ward: ``results.publish``. Creating one is the leader's answer
  to a published result, and an action can be shown on the ward's public page, which is a
  publication decision; ``surveys.manage`` is about designing questionnaires and waves, a
  different job that may be delegated to a clerk who should not commit the ward publicly.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from hailong.accounts.roles import Perm
from hailong.accounts.scope import user_can
from hailong.core.errors import PermissionDenied, ServiceError
from hailong.core.text import clean_line, nfc
from hailong.performance import points
from hailong.performance.models import (
    CLOSED_STATUSES,
    ActionStatus,
    ImprovementAction,
    PointsRule,
    RuleKind,
    RuleStatus,
)
from hailong.units.models import UnitLevel

if TYPE_CHECKING:
    from hailong.accounts.models import User
    from hailong.surveys.models import SurveyWave
    from hailong.units.models import AdministrativeUnit, Department

MIN_YEAR, MAX_YEAR = 2012, 2100
OUTCOME_MAX = 2000


# --- Points rules -----------------------------------------------------------------------------


def _can_manage_rules(actor: User | None, province: AdministrativeUnit) -> None:
    if actor is not None and not user_can(actor, Perm.MANAGE_UNITS, province):
        raise PermissionDenied(
            _("Bạn không có quyền quản lý quy tắc điểm của tỉnh, thành phố này.")
        )


def _rule_fields(
    *, kind: str, max_points: Decimal, bands: Any, legal_basis: str, note: str, year: int
) -> dict[str, Any]:
    """Check a rule's data and return it clean (bands sorted and normalised)."""
    if kind not in RuleKind.values:
        raise ServiceError(_("Cách quy đổi không hợp lệ."), field="kind")
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ServiceError(_("Năm áp dụng không hợp lệ."), field="year")
    max_points = Decimal(max_points)
    if not Decimal(0) < max_points <= Decimal(100):
        raise ServiceError(_("Điểm tối đa phải lớn hơn 0 và không quá 100."), field="max_points")
    clean_bands: list[dict[str, str]] = []
    if kind == RuleKind.BANDS:
        try:
            clean_bands = [b.to_json() for b in points.bands_parse(bands, max_points)]
        except ValueError as exc:
            raise ServiceError(str(exc), field="bands") from exc
    basis = clean_line(legal_basis)
    if not basis:
        raise ServiceError(_("Cần ghi căn cứ (số, ngày quyết định)."), field="legal_basis")
    return {
        "kind": kind,
        "max_points": max_points.quantize(points.CENT),
        "bands": clean_bands,
        "legal_basis": basis,
        "note": clean_line(note),
        "year": year,
    }


def points_rule_create(
    *,
    actor: User | None,
    province: AdministrativeUnit,
    year: int,
    kind: str,
    max_points: Decimal,
    bands: Any = (),
    legal_basis: str,
    note: str = "",
) -> PointsRule:
    """A draft rule for ``province`` and ``year``, numbered after the existing versions.

    Rules: the unit is a province; at most one draft per province and year (the database
    backs this; a race becomes a message, not a 500).
    """
    _can_manage_rules(actor, province)
    if province.level != UnitLevel.PROVINCE:
        raise ServiceError(_("Quy tắc điểm chỉ đặt cho tỉnh, thành phố trực thuộc trung ương."))
    fields = _rule_fields(
        kind=kind,
        max_points=max_points,
        bands=bands,
        legal_basis=legal_basis,
        note=note,
        year=year,
    )
    return _insert_draft(actor, province, fields)


def _insert_draft(
    actor: User | None, province: AdministrativeUnit, fields: dict[str, Any]
) -> PointsRule:
    versions = PointsRule.objects.filter(province=province, year=fields["year"])
    if versions.filter(status=RuleStatus.DRAFT).exists():
        raise ServiceError(
            _("Năm %(y)s đã có một bản nháp; hãy sửa hoặc ban hành bản nháp đó.")
            % {"y": fields["year"]}
        )
    number = (versions.aggregate(top=Max("number"))["top"] or 0) + 1
    try:
        with transaction.atomic():
            return PointsRule.objects.create(
                province=province, number=number, created_by=actor, **fields
            )
    except IntegrityError:
        raise ServiceError(_("Có người vừa tạo phiên bản này; hãy tải lại trang.")) from None


def points_rule_update(
    *,
    actor: User | None,
    rule: PointsRule,
    kind: str,
    max_points: Decimal,
    bands: Any = (),
    legal_basis: str,
    note: str = "",
) -> PointsRule:
    """Change a draft (the year and number stay); a published rule is refused."""
    _can_manage_rules(actor, rule.province)
    if not rule.is_draft:
        raise ServiceError(_("Quy tắc đã ban hành không thể sửa; hãy tạo phiên bản mới."))
    fields = _rule_fields(
        kind=kind,
        max_points=max_points,
        bands=bands,
        legal_basis=legal_basis,
        note=note,
        year=rule.year,
    )
    for name, value in fields.items():
        setattr(rule, name, value)
    rule.save()
    return rule


def points_rule_publish(*, actor: User | None, rule: PointsRule) -> PointsRule:
    """Publish a draft: from now on it converts indices and never changes."""
    _can_manage_rules(actor, rule.province)
    if not rule.is_draft:
        raise ServiceError(_("Quy tắc này đã được ban hành."))
    rule.status = RuleStatus.PUBLISHED
    rule.published_at = timezone.now()
    rule.published_by = actor
    rule.save()
    return rule


def points_rule_new_version(*, actor: User | None, rule: PointsRule) -> PointsRule:
    """A draft copy of a published rule, numbered next, to be changed and published."""
    _can_manage_rules(actor, rule.province)
    if rule.is_draft:
        raise ServiceError(_("Đây đã là bản nháp; hãy sửa trực tiếp."))
    fields = {
        "kind": rule.kind,
        "max_points": rule.max_points,
        "bands": rule.bands,
        "legal_basis": rule.legal_basis,
        "note": rule.note,
        "year": rule.year,
    }
    return _insert_draft(actor, rule.province, fields)


# --- Improvement actions ----------------------------------------------------------------------


def _can_act(actor: User | None, unit: AdministrativeUnit) -> None:
    if actor is not None and not user_can(actor, Perm.PUBLISH_RESULTS, unit):
        raise PermissionDenied(_("Chỉ lãnh đạo UBND mới lập và cập nhật hành động cải thiện."))


def _check_department(unit: AdministrativeUnit, department: Department | None) -> None:
    if department is not None and department.unit_id != unit.pk:
        raise ServiceError(_("Bộ phận này không thuộc đơn vị."), field="department")


def _clean_what(what: str) -> str:
    text = clean_line(what)
    if not text:
        raise ServiceError(_("Hãy ghi việc cần làm."), field="what")
    return text


def improvement_action_create(
    *,
    actor: User | None,
    unit: AdministrativeUnit,
    wave: SurveyWave,
    item_code: str,
    what: str,
    department: Department | None,
    deadline: dt.date,
    public: bool = False,
) -> ImprovementAction:
    """An action on item ``item_code`` of ``wave``, with the item's current share frozen.

    1. The actor leads the unit; the wave is the unit's; the item is one the wave's method
       scores (an item of an element); the department is the unit's.
    2. Freeze the item's wording, satisfied share and n as they are now.
    """
    from hailong.performance.results import wave_results

    _can_act(actor, unit)
    if wave.unit_id != unit.pk:
        raise ServiceError(_("Đợt khảo sát này không phải của đơn vị."), field="wave")
    _check_department(unit, department)
    with translation.override("vi"):  # the frozen wording is the method's own (Vietnamese)
        results = wave_results(wave)
    item = results.item(clean_line(item_code))
    if item is None:
        raise ServiceError(
            _("Tiêu chí «%(code)s» không có trong phương pháp của đợt.") % {"code": item_code},
            field="item_code",
        )
    return ImprovementAction.objects.create(
        unit=unit,
        wave=wave,
        item_code=item.code,
        item_text=item.text[:600],
        baseline_index=item.satisfied_pct,
        baseline_n=item.n,
        what=_clean_what(what),
        department=department,
        deadline=deadline,
        public=public,
        created_by=actor,
    )


def improvement_action_update(
    *,
    actor: User | None,
    action: ImprovementAction,
    what: str,
    department: Department | None,
    deadline: dt.date,
    public: bool,
) -> ImprovementAction:
    """Change what, who, when and whether it is public (the frozen baseline stays)."""
    _can_act(actor, action.unit)
    _check_department(action.unit, department)
    action.what = _clean_what(what)
    action.department = department
    action.deadline = deadline
    action.public = public
    action.save()
    return action


def improvement_action_set_status(
    *,
    actor: User | None,
    action: ImprovementAction,
    status: str,
    outcome: str = "",
    today: dt.date | None = None,
) -> ImprovementAction:
    """Move an action to ``status``; closing it (done, dropped) needs the outcome or reason.

    Done records the completion day (local date); reopening clears it.
    """
    _can_act(actor, action.unit)
    if status not in ActionStatus.values:
        raise ServiceError(_("Trạng thái không hợp lệ."), field="status")
    text = nfc(outcome).strip()[:OUTCOME_MAX]
    if status in CLOSED_STATUSES and not text:
        raise ServiceError(
            _("Hãy ghi kết quả đạt được (hoặc lý do dừng) trước khi đóng hành động."),
            field="outcome",
        )
    action.status = status
    action.outcome = text
    if status == ActionStatus.DONE:
        action.completed_on = action.completed_on or today or timezone.localdate()
    else:
        action.completed_on = None
    action.save()
    return action


# --- The ward's SIPAS report ------------------------------------------------------------------


def sipas_report_start(
    *,
    actor: User,
    unit: AdministrativeUnit,
    scope_key: str,
    narrative: dict[str, str],
    date: dt.date,
    number: str,
    formats: list[str],
) -> list[Any]:
    """One report job per chosen format, all with the same edited text (``params``).

    The narrative is stored as typed (NFC, CRLF → LF); an emptied section falls back to the
    prefilled text when the document is built.
    """
    from hailong.reports.services import report_job_start

    if not formats:
        raise ServiceError(_("Hãy chọn ít nhất một định dạng."), field="formats")
    params = {
        "scope": scope_key,
        "narrative": {k: nfc(v).replace("\r\n", "\n").strip() for k, v in narrative.items()},
        "date": f"{date:%d/%m/%Y}",
        "number": clean_line(number),
    }
    with transaction.atomic():
        return [
            report_job_start(
                actor=actor, unit=unit, kind="sipas_report", output_format=fmt, params=params
            )
            for fmt in formats
        ]
