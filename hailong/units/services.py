"""Writes to the unit tree. Each function checks the rules and raises ``ServiceError``."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Q, Value
from django.db.models.functions import Concat, Substr
from django.utils.translation import gettext as _

from hailong.core.errors import ServiceError
from hailong.core.text import clean_line
from hailong.units.models import (
    KIND_LEVEL,
    PARENT_LEVELS,
    AdministrativeUnit,
    Department,
    MassOrganisation,
    Officer,
    UnitLevel,
    UnitSuccession,
)


def _fmt(day: dt.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else "…"


def unit_validate(
    *,
    kind: str,
    name: str,
    code: str,
    parent: AdministrativeUnit | None,
    valid_from: dt.date | None,
    valid_to: dt.date | None,
    instance: AdministrativeUnit | None = None,
) -> None:
    """Check the tree's rules for a unit about to be written; raise ``ServiceError``.

    1. The kind is known and its level may hang off the parent's level.
    2. The validity period is in order and lies inside the parent's.
    3. No other unit with the same official code is valid at an overlapping time.
    4. Moving a unit never puts it below itself (no cycles).
    """
    if kind not in KIND_LEVEL:
        raise ServiceError(_("Loại đơn vị «%(kind)s» không hợp lệ.") % {"kind": kind}, field="kind")
    if not name:
        raise ServiceError(_("Tên đơn vị không được để trống."), field="name")
    level = KIND_LEVEL[kind]
    allowed = PARENT_LEVELS[level]
    if parent is None and allowed:
        raise ServiceError(
            _("Đơn vị cấp «%(level)s» phải có đơn vị cấp trên.")
            % {"level": UnitLevel(level).label},
            field="parent",
        )
    if parent is not None and parent.level not in allowed:
        raise ServiceError(
            _("«%(parent)s» không thể là đơn vị cấp trên của một đơn vị cấp «%(level)s».")
            % {"parent": parent.name, "level": UnitLevel(level).label},
            field="parent",
        )
    if valid_from and valid_to and valid_to < valid_from:
        raise ServiceError(
            _("Ngày hết hiệu lực (%(to)s) trước ngày bắt đầu hiệu lực (%(start)s).")
            % {"to": _fmt(valid_to), "start": _fmt(valid_from)},
            field="valid_to",
        )
    if parent is not None:
        _check_inside_parent(parent, valid_from, valid_to)
    moving_below_itself = (
        instance is not None
        and instance.pk
        and parent is not None
        and (parent.pk == instance.pk or parent.path.startswith(instance.path))
    )
    if moving_below_itself:
        assert instance is not None
        raise ServiceError(
            _("Không thể đặt «%(unit)s» dưới chính nó hoặc đơn vị cấp dưới của nó.")
            % {"unit": instance.name},
            field="parent",
        )
    if code:
        _check_code_free(code, valid_from, valid_to, instance)


def _check_inside_parent(
    parent: AdministrativeUnit, valid_from: dt.date | None, valid_to: dt.date | None
) -> None:
    starts_before = parent.valid_from and (valid_from is None or valid_from < parent.valid_from)
    ends_after = parent.valid_to and (valid_to is None or valid_to > parent.valid_to)
    if starts_before or ends_after:
        raise ServiceError(
            _(
                "Thời gian hiệu lực (%(start)s – %(to)s) nằm ngoài thời gian hiệu lực của đơn vị "
                "cấp trên «%(parent)s» (%(pstart)s – %(pto)s)."
            )
            % {
                "start": _fmt(valid_from),
                "to": _fmt(valid_to),
                "parent": parent.name,
                "pstart": _fmt(parent.valid_from),
                "pto": _fmt(parent.valid_to),
            },
            field="valid_from",
        )


def _check_code_free(
    code: str,
    valid_from: dt.date | None,
    valid_to: dt.date | None,
    instance: AdministrativeUnit | None,
) -> None:
    # exclude(code="") lets SQLite use the partial unique index on code.
    overlapping = AdministrativeUnit.objects.filter(code=code).exclude(code="")
    if valid_to is not None:
        overlapping = overlapping.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=valid_to))
    if valid_from is not None:
        overlapping = overlapping.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=valid_from))
    if instance is not None and instance.pk:
        overlapping = overlapping.exclude(pk=instance.pk)
    other = overlapping.first()
    if other is not None:
        raise ServiceError(
            _("Mã đơn vị %(code)s đã dùng cho «%(other)s» trong cùng thời gian hiệu lực.")
            % {"code": code, "other": other.name},
            field="code",
        )


@transaction.atomic
def unit_create(
    *,
    kind: str,
    name: str,
    parent: AdministrativeUnit | None,
    code: str = "",
    valid_from: dt.date | None = None,
    valid_to: dt.date | None = None,
    **details: Any,
) -> AdministrativeUnit:
    """Create a unit below ``parent`` after checking the tree's rules."""
    name, code = clean_line(name), clean_line(code)
    unit_validate(
        kind=kind, name=name, code=code, parent=parent, valid_from=valid_from, valid_to=valid_to
    )
    unit = AdministrativeUnit(
        kind=kind,
        name=name,
        code=code,
        parent=parent,
        valid_from=valid_from,
        valid_to=valid_to,
        **details,
    )
    unit.save()
    unit.path = f"{parent.path if parent else '/'}{unit.pk}/"
    unit.depth = unit.path.count("/") - 2
    unit.save(update_fields=["path", "depth"])
    return unit


@transaction.atomic
def unit_update(*, unit: AdministrativeUnit, **fields: Any) -> AdministrativeUnit:
    """Change a unit's fields; a new parent moves the whole subtree (paths rewritten)."""
    for key in ("name", "code"):
        if key in fields and isinstance(fields[key], str):
            fields[key] = clean_line(fields[key])
    merged = {
        "kind": fields.get("kind", unit.kind),
        "name": fields.get("name", unit.name),
        "code": fields.get("code", unit.code),
        "parent": fields.get("parent", unit.parent),
        "valid_from": fields.get("valid_from", unit.valid_from),
        "valid_to": fields.get("valid_to", unit.valid_to),
    }
    unit_validate(**merged, instance=unit)
    _check_level_kept(unit, merged["kind"])
    _check_children_inside(unit, merged["valid_from"], merged["valid_to"])
    old_path = unit.path
    for key, value in fields.items():
        setattr(unit, key, value)
    parent: AdministrativeUnit | None = merged["parent"]
    unit.path = f"{parent.path if parent else '/'}{unit.pk}/"
    unit.depth = unit.path.count("/") - 2
    unit.save()
    if unit.path != old_path:
        AdministrativeUnit.objects.filter(path__startswith=old_path).exclude(pk=unit.pk).update(
            path=Concat(Value(unit.path), Substr("path", len(old_path) + 1))
        )
        for child in AdministrativeUnit.objects.filter(path__startswith=unit.path):
            depth = child.path.count("/") - 2
            if child.depth != depth:
                AdministrativeUnit.objects.filter(pk=child.pk).update(depth=depth)
    return unit


def _check_level_kept(unit: AdministrativeUnit, kind: str) -> None:
    """A unit keeps its level while units, people or succession links hang off it."""
    if KIND_LEVEL[kind] == unit.level:
        return
    attached = (
        unit.children.exists()
        or unit.departments.exists()
        or unit.officers.exists()
        or unit.mass_organisations.exists()
        or unit.successor_links.exists()
        or unit.predecessor_links.exists()
    )
    if attached:
        raise ServiceError(
            _(
                "Không thể đổi cấp của «%(unit)s» khi đơn vị còn đơn vị trực thuộc, bộ phận, "
                "cán bộ, tổ chức hoặc liên kết kế thừa."
            )
            % {"unit": unit.name},
            field="kind",
        )


def _check_children_inside(
    unit: AdministrativeUnit, valid_from: dt.date | None, valid_to: dt.date | None
) -> None:
    children = unit.children.all()
    if valid_from is not None:
        early = children.filter(Q(valid_from__isnull=True) | Q(valid_from__lt=valid_from)).first()
        if early is not None:
            raise ServiceError(
                _("Đơn vị cấp dưới «%(child)s» có hiệu lực trước %(day)s.")
                % {"child": early.name, "day": _fmt(valid_from)},
                field="valid_from",
            )
    if valid_to is not None:
        late = children.filter(Q(valid_to__isnull=True) | Q(valid_to__gt=valid_to)).first()
        if late is not None:
            raise ServiceError(
                _("Đơn vị cấp dưới «%(child)s» còn hiệu lực sau %(day)s.")
                % {"child": late.name, "day": _fmt(valid_to)},
                field="valid_to",
            )


def succession_create(
    *,
    predecessor: AdministrativeUnit,
    successor: AdministrativeUnit,
    effective_date: dt.date,
    share: Decimal | None = None,
    legal_basis: str = "",
) -> UnitSuccession:
    """Record that (part of) ``predecessor`` became ``successor`` on ``effective_date``."""
    if predecessor.pk == successor.pk:
        raise ServiceError(_("Một đơn vị không thể kế thừa chính nó."), field="successor")
    if predecessor.level != successor.level:
        raise ServiceError(_("Đơn vị cũ và đơn vị mới phải cùng cấp."), field="successor")
    if share is not None and not (Decimal(0) <= share <= Decimal(1)):
        raise ServiceError(_("Tỷ trọng phải nằm trong khoảng từ 0 đến 1."), field="share")
    if (
        successor.valid_from
        and predecessor.valid_from
        and successor.valid_from <= predecessor.valid_from
    ):
        raise ServiceError(_("Đơn vị mới phải bắt đầu hiệu lực sau đơn vị cũ."), field="successor")
    if _reaches(successor, predecessor):
        raise ServiceError(_("Liên kết này tạo thành vòng lặp kế thừa."), field="successor")
    if UnitSuccession.objects.filter(predecessor=predecessor, successor=successor).exists():
        raise ServiceError(_("Liên kết kế thừa này đã có."), field="successor")
    total = sum(
        (s for s in predecessor.successor_links.values_list("share", flat=True) if s is not None),
        Decimal(0),
    )
    if share is not None and total + share > Decimal(1):
        raise ServiceError(
            _("Tổng tỷ trọng chuyển đi của «%(unit)s» vượt quá 1.") % {"unit": predecessor.name},
            field="share",
        )
    return UnitSuccession.objects.create(
        predecessor=predecessor,
        successor=successor,
        effective_date=effective_date,
        share=share,
        legal_basis=clean_line(legal_basis),
    )


def _reaches(start: AdministrativeUnit, target: AdministrativeUnit) -> bool:
    """Whether following successor links from ``start`` reaches ``target``."""
    seen: set[int] = set()
    frontier = {start.pk}
    while frontier:
        if target.pk in frontier:
            return True
        seen |= frontier
        frontier = (
            set(
                UnitSuccession.objects.filter(predecessor_id__in=frontier).values_list(
                    "successor_id", flat=True
                )
            )
            - seen
        )
    return False


def _require_commune(unit: AdministrativeUnit, what: str) -> None:
    if unit.level != UnitLevel.COMMUNE:
        raise ServiceError(
            _("%(what)s chỉ thuộc đơn vị cấp xã (xã, phường, đặc khu).") % {"what": what}
        )


def department_save(
    *,
    unit: AdministrativeUnit,
    kind: str,
    name: str,
    code: str = "",
    active: bool = True,
    instance: Department | None = None,
) -> Department:
    """Create or update a department of a commune-level unit."""
    _require_commune(unit, _("Bộ phận"))
    name = clean_line(name)
    clash = Department.objects.filter(unit=unit, name=name)
    if instance is not None:
        clash = clash.exclude(pk=instance.pk)
    if clash.exists():
        raise ServiceError(_("Đơn vị đã có bộ phận «%(name)s».") % {"name": name}, field="name")
    department = instance or Department(unit=unit)
    department.kind, department.name, department.code = kind, name, clean_line(code)
    department.active = active
    department.save()
    return department


def officer_save(
    *,
    unit: AdministrativeUnit,
    full_name: str,
    title: str = "",
    department: Department | None = None,
    code: str = "",
    active: bool = True,
    instance: Officer | None = None,
) -> Officer:
    """Create or update an officer; the department must belong to the same unit."""
    _require_commune(unit, _("Cán bộ, công chức"))
    if department is not None and department.unit_id != unit.pk:
        raise ServiceError(_("Bộ phận không thuộc đơn vị này."), field="department")
    full_name = clean_line(full_name)
    if not full_name:
        raise ServiceError(_("Họ và tên không được để trống."), field="full_name")
    officer = instance or Officer(unit=unit)
    officer.full_name, officer.title = full_name, clean_line(title)
    officer.department, officer.code, officer.active = department, clean_line(code), active
    officer.save()
    return officer


def mass_organisation_save(
    *,
    unit: AdministrativeUnit,
    kind: str,
    name: str,
    leader_name: str = "",
    phone: str = "",
    members: int | None = None,
    instance: MassOrganisation | None = None,
) -> MassOrganisation:
    """Create or update a mass organisation of a commune-level unit."""
    _require_commune(unit, _("Tổ chức chính trị – xã hội"))
    name = clean_line(name)
    clash = MassOrganisation.objects.filter(unit=unit, name=name)
    if instance is not None:
        clash = clash.exclude(pk=instance.pk)
    if clash.exists():
        raise ServiceError(_("Đơn vị đã có tổ chức «%(name)s».") % {"name": name}, field="name")
    org = instance or MassOrganisation(unit=unit)
    org.kind, org.name = kind, name
    org.leader_name, org.phone, org.members = clean_line(leader_name), clean_line(phone), members
    org.save()
    return org
