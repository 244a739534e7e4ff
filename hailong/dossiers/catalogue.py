"""The national procedure catalogue: import (idempotent by code) and who may change it.

A catalogue file has the columns ``ma_linh_vuc, ten_linh_vuc, ma_thu_tuc, ten_thu_tuc`` and
optionally ``cap_thuc_hien`` (xã, huyện, tỉnh, trung ương) and ``con_hieu_luc`` (1/0). Column
names are matched without diacritics, so "Mã lĩnh vực" works as well as ``ma_linh_vuc``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from hailong.accounts.roles import Perm
from hailong.accounts.scope import units_for_user
from hailong.core.errors import ServiceError
from hailong.core.text import search_key
from hailong.dossiers import tabular
from hailong.dossiers.models import Procedure, ProcedureField, ProcedureLevel
from hailong.dossiers.values import text_value
from hailong.units.models import UnitLevel

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from hailong.accounts.models import User

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "thu_tuc_cap_xa.csv"
REQUIRED_COLUMNS = ("ma_linh_vuc", "ten_linh_vuc", "ma_thu_tuc", "ten_thu_tuc")
OPTIONAL_COLUMNS = ("cap_thuc_hien", "con_hieu_luc")
_LEVEL_WORDS = {
    "xa": ProcedureLevel.COMMUNE,
    "phuong": ProcedureLevel.COMMUNE,
    "huyen": ProcedureLevel.DISTRICT,
    "quan": ProcedureLevel.DISTRICT,
    "tinh": ProcedureLevel.PROVINCE,
    "trung uong": ProcedureLevel.CENTRAL,
}


@dataclass
class CatalogueReport:
    fields_created: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)


def catalogue_can_manage(user: User | AnonymousUser) -> bool:
    """The catalogue is national: superusers and administrators of a province may change it."""
    if user.is_superuser:
        return True
    return units_for_user(user, Perm.MANAGE_UNITS).filter(level=UnitLevel.PROVINCE).exists()


def _column_key(name: object) -> str:
    return search_key(text_value(name)).replace("_", " ").replace(" ", "_")


def _columns(header: list[object]) -> dict[str, int]:
    """Column index of each known column; ``ServiceError`` if a required one is missing."""
    keys = [_column_key(h) for h in header]
    found = {k: i for i, k in enumerate(keys) if k in REQUIRED_COLUMNS + OPTIONAL_COLUMNS}
    missing = [c for c in REQUIRED_COLUMNS if c not in found]
    if missing:
        raise ServiceError(
            _("Tệp danh mục thiếu cột: %(cols)s.") % {"cols": ", ".join(missing)}, code="columns"
        )
    return found


def _level(value: object) -> str:
    key = search_key(text_value(value)).removeprefix("cap ").replace("_", " ")
    if not key:
        return ProcedureLevel.COMMUNE
    if key in _LEVEL_WORDS:
        return _LEVEL_WORDS[key]
    raise ValueError(_("Cấp thực hiện «%(value)s» không hợp lệ.") % {"value": text_value(value)})


def _active(value: object) -> bool:
    return search_key(text_value(value)) not in {"0", "khong", "false", "het hieu luc"}


def procedures_import_rows(rows: Iterable[tuple[int, Mapping[str, object]]]) -> CatalogueReport:
    """Create or update fields and procedures from rows keyed by the catalogue column names."""
    report = CatalogueReport()
    fields = {f.code: f for f in ProcedureField.objects.all()}
    procedures = {p.code: p for p in Procedure.objects.all()}
    with transaction.atomic():
        for number, row in rows:
            try:
                _import_row(row, fields, procedures, report)
            except ValueError as exc:
                report.errors.append((number, str(exc)))
    return report


def _import_row(
    row: Mapping[str, object],
    fields: dict[str, ProcedureField],
    procedures: dict[str, Procedure],
    report: CatalogueReport,
) -> None:
    field_code, field_name = text_value(row["ma_linh_vuc"]), text_value(row["ten_linh_vuc"])
    code, name = text_value(row["ma_thu_tuc"]), text_value(row["ten_thu_tuc"])
    if not (field_code and field_name and code and name):
        raise ValueError(_("Thiếu mã hoặc tên của lĩnh vực hoặc thủ tục."))
    values = {
        "name": name[:600],
        "level": _level(row.get("cap_thuc_hien")),
        "active": _active(row.get("con_hieu_luc")),
    }
    catalogue_field = fields.get(field_code)
    if catalogue_field is None:
        catalogue_field = ProcedureField.objects.create(code=field_code, name=field_name[:200])
        fields[field_code] = catalogue_field
        report.fields_created += 1
    elif catalogue_field.name != field_name[:200]:
        catalogue_field.name = field_name[:200]
        catalogue_field.save()
    _save_procedure(code, catalogue_field, values, procedures, report)


def _save_procedure(
    code: str,
    catalogue_field: ProcedureField,
    values: dict[str, object],
    procedures: dict[str, Procedure],
    report: CatalogueReport,
) -> None:
    procedure = procedures.get(code)
    if procedure is None:
        procedures[code] = Procedure.objects.create(code=code, field=catalogue_field, **values)
        report.created += 1
        return
    values["field_id"] = catalogue_field.pk
    if all(getattr(procedure, k) == v for k, v in values.items()):
        report.unchanged += 1
        return
    for key, value in values.items():
        setattr(procedure, key, value)
    procedure.save()
    report.updated += 1


def procedures_import_file(file: IO[bytes]) -> CatalogueReport:
    """Import a catalogue from an XLSX or CSV file (header in the first row)."""
    try:
        fmt = tabular.sniff_format(file)
    except tabular.TableError as exc:
        raise ServiceError(exc.message, code="file") from exc
    rows = tabular.iter_rows(file, fmt)
    try:
        _number, header = next(rows, (0, []))
        columns = _columns(header)
        keyed = (
            (number, {key: cells[i] if i < len(cells) else None for key, i in columns.items()})
            for number, cells in rows
            if not tabular.is_blank(cells)
        )
        return procedures_import_rows(keyed)
    except tabular.TableError as exc:
        raise ServiceError(exc.message, code="file") from exc
    finally:
        rows.close()


def procedures_load_fixture() -> CatalogueReport:
    """Load the shipped catalogue of common commune-level procedures (idempotent)."""
    with FIXTURE.open("rb") as file:
        return procedures_import_file(file)
