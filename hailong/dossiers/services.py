"""Writes to the dossier registry: create-or-update by code, and the purge of contact details.

``dossier_upsert(unit=…, data={…})`` takes a plain dict (what an import row or a JSON push
holds) and returns an ``UpsertOutcome`` whose ``errors`` maps each offending key to a
Vietnamese message. ``dossier_upsert_many`` does the same for a batch with a handful of queries,
which is what lets an import write 100,000 rows.

Data keys (all but ``code`` optional on update; a key left out leaves the stored value alone):
``code``, ``procedure_code`` or ``procedure_name`` (+ ``field_name`` to tell apart procedures
with the same name), ``received_on``, ``due_on``, ``returned_on``, ``department``,
``officer``, ``applicant_type``, ``channel``, ``contact_name``, ``contact_phone``,
``contact_email``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from hailong.core.errors import ServiceError
from hailong.dossiers.lookups import DossierLookups
from hailong.dossiers.models import Dossier, DossierContact
from hailong.dossiers.values import parse_code
from hailong.units.models import AdministrativeUnit, UnitLevel

DATA_KEYS = (
    "code",
    "procedure_code",
    "procedure_name",
    "field_name",
    "received_on",
    "due_on",
    "returned_on",
    "department",
    "officer",
    "applicant_type",
    "channel",
    "contact_name",
    "contact_phone",
    "contact_email",
)
CONTACT_RETENTION = dt.timedelta(days=366)


@dataclass
class UpsertOutcome:
    """What happened to one input row: the dossier written, or the errors per data key."""

    code: str = ""
    dossier: Dossier | None = None
    created: bool = False
    changed: bool = False
    errors: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class _Planned:
    outcome: UpsertOutcome
    values: dict[str, Any]
    contact: dict[str, str] | None
    changed_fields: set[str] = field(default_factory=set)


def unit_check_commune(unit: AdministrativeUnit) -> None:
    if unit.level != UnitLevel.COMMUNE:
        raise ServiceError(
            _("Chỉ đơn vị cấp xã (xã, phường, đặc khu) mới có sổ hồ sơ."), code="unit_level"
        )


def dossier_upsert(*, unit: AdministrativeUnit, data: Mapping[str, object]) -> UpsertOutcome:
    """Create or update one dossier of ``unit`` by its code; never raises for bad data."""
    try:
        return dossier_upsert_many(unit=unit, rows=[data])[0]
    except IntegrityError:
        # Another request created the same code a moment ago: now it is an update.
        return dossier_upsert_many(unit=unit, rows=[data])[0]


def dossier_upsert_many(
    *,
    unit: AdministrativeUnit,
    rows: Sequence[Mapping[str, object]],
    lookups: DossierLookups | None = None,
) -> list[UpsertOutcome]:
    """Validate and write a batch; one outcome per row, in order.

    1. Parse each row against the catalogue and the unit's officers and departments.
    2. Load the batch's existing dossiers by code (one query); a code seen twice is an error.
    3. Merge each row onto its dossier (or a new one) and check the required fields and dates.
    4. ``bulk_create`` the new, ``bulk_update`` the changed, then the contact details.
    """
    planned = dossier_plan_many(unit=unit, rows=rows, lookups=lookups)
    with transaction.atomic():
        _write(planned)
    return [p.outcome for p in planned]


def dossier_plan_many(
    *,
    unit: AdministrativeUnit,
    rows: Sequence[Mapping[str, object]],
    lookups: DossierLookups | None = None,
) -> list[_Planned]:
    """Steps 1–3 of ``dossier_upsert_many`` without writing (used by the import preview)."""
    unit_check_commune(unit)
    lookups = lookups or DossierLookups.load(unit)
    parsed = [_parse(lookups, row) for row in rows]
    codes = {p.outcome.code for p in parsed if p.outcome.code}
    # No ORDER BY: with one, SQLite walks the unit's date index instead of (unit, code).
    existing = {d.code: d for d in Dossier.objects.filter(unit=unit, code__in=codes).order_by()}
    seen: set[str] = set()
    for item in parsed:
        code = item.outcome.code
        if code and code in seen:
            item.outcome.errors.setdefault(
                "code", _("Mã hồ sơ %(code)s lặp lại trong cùng đợt gửi.") % {"code": code}
            )
        seen.add(code)
        if item.outcome.ok:
            _merge(unit, item, existing.get(code))
    return parsed


def _parse(lookups: DossierLookups, row: Mapping[str, object]) -> _Planned:
    outcome = UpsertOutcome()
    try:
        outcome.code = parse_code(row.get("code"))
    except ValueError as exc:
        outcome.errors["code"] = str(exc)
    values, contact = lookups.values(row, outcome.errors)
    return _Planned(outcome=outcome, values=values, contact=contact)


def _merge(unit: AdministrativeUnit, item: _Planned, dossier: Dossier | None) -> None:
    """Put the row's values on the stored dossier (or a new one); check what needs both."""
    outcome = item.outcome
    if dossier is None:
        dossier = Dossier(unit=unit, code=outcome.code)
        outcome.created = outcome.changed = True
    for name, value in item.values.items():
        if getattr(dossier, name) != value:
            item.changed_fields.add(name)
            setattr(dossier, name, value)
    # On a new dossier, and on a stored one whose row blanks a required value.
    for key, message in _missing_required(dossier).items():
        outcome.errors.setdefault(key, message)
    outcome.changed = outcome.created or bool(item.changed_fields)
    if outcome.ok:
        _check_dates(dossier, outcome.errors)
    if outcome.ok:
        outcome.dossier = dossier


def _missing_required(dossier: Dossier) -> dict[str, str]:
    missing: dict[str, str] = {}
    if dossier.procedure_id is None:
        missing["procedure_code"] = _("Thiếu thủ tục (mã hoặc tên thủ tục).")
    if dossier.received_on is None:
        missing["received_on"] = _("Thiếu ngày tiếp nhận.")
    if dossier.due_on is None:
        missing["due_on"] = _("Thiếu ngày hẹn trả.")
    return missing


def _check_dates(dossier: Dossier, errors: dict[str, str]) -> None:
    received, due, returned = dossier.received_on, dossier.due_on, dossier.returned_on
    if received is None or due is None:
        return
    if due < received:
        errors["due_on"] = _("Ngày hẹn trả (%(due)s) trước ngày tiếp nhận (%(received)s).") % {
            "due": f"{due:%d/%m/%Y}",
            "received": f"{received:%d/%m/%Y}",
        }
    if returned is not None and returned < received:
        errors["returned_on"] = _(
            "Ngày trả kết quả (%(returned)s) trước ngày tiếp nhận (%(received)s)."
        ) % {"returned": f"{returned:%d/%m/%Y}", "received": f"{received:%d/%m/%Y}"}
    if returned is not None and returned > timezone.localdate() + dt.timedelta(days=1):
        errors["returned_on"] = _("Ngày trả kết quả (%(returned)s) ở tương lai.") % {
            "returned": f"{returned:%d/%m/%Y}"
        }


def _write(planned: list[_Planned]) -> None:
    """Insert the new dossiers; update only the changed columns of the changed ones."""
    now = timezone.now()
    new: list[Dossier] = []
    old: list[Dossier] = []
    fields: set[str] = set()
    for item in planned:
        dossier = item.outcome.dossier
        if dossier is None or not item.outcome.changed:
            continue
        dossier.updated_at = now
        if item.outcome.created:
            dossier.created_at = now
            new.append(dossier)
        else:
            old.append(dossier)
            fields |= item.changed_fields
    Dossier.objects.bulk_create(new)
    if old:
        Dossier.objects.bulk_update(old, [*sorted(fields), "updated_at"])
    _write_contacts([p for p in planned if p.outcome.dossier and p.contact])


def _write_contacts(planned: list[_Planned]) -> None:
    if not planned:
        return
    purge_after = timezone.localdate() + CONTACT_RETENTION
    by_dossier = {
        p.outcome.dossier.pk: p.contact for p in planned if p.outcome.dossier and p.contact
    }
    existing = {c.dossier_id: c for c in DossierContact.objects.filter(dossier__in=by_dossier)}
    create: list[DossierContact] = []
    update: list[DossierContact] = []
    for dossier_id, values in by_dossier.items():
        contact = existing.get(dossier_id) or DossierContact(dossier_id=dossier_id)
        for name, value in values.items():
            setattr(contact, name, value)
        contact.purge_after = purge_after
        (update if contact.pk else create).append(contact)
    DossierContact.objects.bulk_create(create)
    if update:
        DossierContact.objects.bulk_update(update, ["name", "phone", "email", "purge_after"])


def dossier_contacts_purge(*, unit: AdministrativeUnit, before: dt.date) -> int:
    """Delete the applicant contact details of ``unit`` that a wave closing on ``before`` used.

    That is: contacts of dossiers returned before that day, and any contact whose own
    ``purge_after`` date is before it. Returns how many were deleted.
    """
    stale = Q(dossier__returned_on__lt=before) | Q(purge_after__lt=before)
    deleted, _per_model = DossierContact.objects.filter(stale, dossier__unit=unit).delete()
    return deleted
