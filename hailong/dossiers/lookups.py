"""Turn one input row into dossier field values, resolving names against the catalogue and unit.

``DossierLookups.load(unit)`` reads the procedure catalogue and the unit's officers and
departments once; ``values(row, errors)`` then works without queries, so a batch import of
100,000 rows does not ask the database 100,000 times who "Đỗ Quang Huy" is.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from hailong.core.text import search_key
from hailong.dossiers.models import Procedure, ProcedureLevel
from hailong.dossiers.values import (
    parse_applicant_type,
    parse_channel,
    parse_date,
    parse_phone,
    text_value,
)
from hailong.units.models import AdministrativeUnit, Department, Officer


@dataclass(frozen=True)
class _ProcedureRef:
    pk: int
    field_key: str
    commune_level: bool


@dataclass(frozen=True)
class _OfficerRef:
    pk: int
    department_id: int | None


@dataclass
class DossierLookups:
    procedures_by_code: dict[str, _ProcedureRef]
    procedures_by_name: dict[str, list[_ProcedureRef]]
    officers: dict[str, _OfficerRef]
    departments: dict[str, int]
    _contained: dict[str, list[_ProcedureRef]] = field(default_factory=dict)

    @classmethod
    def load(cls, unit: AdministrativeUnit) -> DossierLookups:
        by_code: dict[str, _ProcedureRef] = {}
        by_name: dict[str, list[_ProcedureRef]] = {}
        rows = Procedure.objects.values_list("pk", "code", "search_key", "level", "field__name")
        for pk, code, key, level, field_name in rows:
            ref = _ProcedureRef(pk, search_key(field_name), level == ProcedureLevel.COMMUNE)
            by_code[code.upper()] = ref
            by_name.setdefault(key, []).append(ref)
        officers: dict[str, _OfficerRef] = {}
        for pk, key, department_id in (
            Officer.objects.filter(unit=unit)
            .order_by("-active", "pk")
            .values_list("pk", "search_key", "department_id")
        ):
            officers.setdefault(key, _OfficerRef(pk, department_id))
        departments = {
            search_key(name): pk
            for pk, name in Department.objects.filter(unit=unit).values_list("pk", "name")
        }
        return cls(by_code, by_name, officers, departments)

    def values(
        self, row: Mapping[str, object], errors: dict[str, str]
    ) -> tuple[dict[str, Any], dict[str, str] | None]:
        """Model attribute values for the keys present in ``row``, and the contact details."""
        values: dict[str, Any] = {}
        for key, resolve in _RESOLVERS:
            if not any(k in row for k in key.split("|")):
                continue
            try:
                values.update(resolve(self, row))
            except ValueError as exc:
                errors.setdefault(_error_key(key, row), str(exc))
        contact = _contact(row, errors)
        return values, contact

    def procedure(self, row: Mapping[str, object]) -> dict[str, Any]:
        code = text_value(row.get("procedure_code")).upper()
        name = text_value(row.get("procedure_name"))
        if code and code in self.procedures_by_code:
            return {"procedure_id": self.procedures_by_code[code].pk}
        if name:
            return {"procedure_id": self._by_name(name, row).pk}
        if code:
            raise ValueError(
                _("Không có thủ tục mã «%(code)s» trong danh mục thủ tục.") % {"code": code}
            )
        raise ValueError(_("Thiếu thủ tục (mã hoặc tên thủ tục)."))

    def _by_name(self, name: str, row: Mapping[str, object]) -> _ProcedureRef:
        """Exact name (without diacritics), else the one catalogue name that contains it."""
        key = search_key(name)
        candidates = self.procedures_by_name.get(key, [])
        if not candidates and len(key) >= 8:
            if key not in self._contained:
                self._contained[key] = [
                    ref
                    for other, refs in self.procedures_by_name.items()
                    if key in other
                    for ref in refs
                ]
            candidates = self._contained[key]
        field_key = search_key(text_value(row.get("field_name")))
        if len(candidates) > 1 and field_key:
            candidates = [c for c in candidates if c.field_key == field_key] or candidates
        if len(candidates) > 1:
            candidates = [c for c in candidates if c.commune_level] or candidates
        if not candidates:
            raise ValueError(
                _("Không có thủ tục «%(name)s» trong danh mục thủ tục.") % {"name": name[:120]}
            )
        if len(candidates) > 1:
            raise ValueError(
                _("Có nhiều thủ tục tên «%(name)s»: hãy dùng mã thủ tục.") % {"name": name[:120]}
            )
        return candidates[0]

    def officer(self, row: Mapping[str, object]) -> dict[str, Any]:
        name = text_value(row.get("officer"))
        if not name:
            return {"officer_id": None}
        ref = self.officers.get(search_key(name))
        if ref is None:
            raise ValueError(
                _("Không có cán bộ «%(name)s» trong danh sách cán bộ của đơn vị.")
                % {"name": name[:120]}
            )
        found = {"officer_id": ref.pk}
        if "department" not in row and ref.department_id:
            found["department_id"] = ref.department_id
        return found

    def department(self, row: Mapping[str, object]) -> dict[str, Any]:
        name = text_value(row.get("department"))
        if not name:
            return {"department_id": None}
        pk = self.departments.get(search_key(name))
        if pk is None:
            raise ValueError(
                _("Không có bộ phận «%(name)s» trong danh sách bộ phận của đơn vị.")
                % {"name": name[:120]}
            )
        return {"department_id": pk}


Resolver = Callable[["DossierLookups", Mapping[str, object]], dict[str, Any]]


def _date(key: str) -> Resolver:
    def resolve(_lookups: DossierLookups, row: Mapping[str, object]) -> dict[str, Any]:
        return {key: parse_date(row.get(key))}

    return resolve


def _choice(key: str, parse: Callable[[object], str | None]) -> Resolver:
    def resolve(_lookups: DossierLookups, row: Mapping[str, object]) -> dict[str, Any]:
        value = parse(row.get(key))
        return {key: value} if value else {}

    return resolve


_RESOLVERS: list[tuple[str, Resolver]] = [
    ("procedure_code|procedure_name", DossierLookups.procedure),
    ("received_on", _date("received_on")),
    ("due_on", _date("due_on")),
    ("returned_on", _date("returned_on")),
    ("department", DossierLookups.department),
    ("officer", DossierLookups.officer),
    ("applicant_type", _choice("applicant_type", parse_applicant_type)),
    ("channel", _choice("channel", parse_channel)),
]


def _error_key(key: str, row: Mapping[str, object]) -> str:
    options = key.split("|")
    return next((k for k in options if text_value(row.get(k))), options[0])


def _contact(row: Mapping[str, object], errors: dict[str, str]) -> dict[str, str] | None:
    keys = ("contact_name", "contact_phone", "contact_email")
    if not any(text_value(row.get(k)) for k in keys):
        return None
    contact = {"name": text_value(row.get("contact_name"))[:200], "phone": "", "email": ""}
    try:
        contact["phone"] = parse_phone(row.get("contact_phone"))
    except ValueError as exc:
        errors["contact_phone"] = str(exc)
    email = text_value(row.get("contact_email"))
    try:
        validate_email(email) if email else None
        contact["email"] = email
    except ValidationError:
        errors["contact_email"] = _("Địa chỉ thư điện tử «%(value)s» không hợp lệ.") % {
            "value": email[:80]
        }
    return contact
