"""Import of the one-stop system's dossier export: upload → map columns → preview → run.

1. ``dossier_upload_store`` checks and stores the file, finds the header row, and returns an
   ``Upload`` that travels between the steps as a signed token (no row until the user starts).
2. ``guess_mapping`` proposes a column for each of our fields by diacritic-free name matching.
3. ``dossier_import_preview`` validates the first rows without writing anything.
4. ``dossier_import_start`` creates the ``DossierImport`` job; the worker runs
   ``dossier_import_execute``: it streams the file, writes batches of ``BATCH_SIZE`` rows with
   ``dossier_upsert_many`` (idempotent by dossier code), records row errors and progress.
"""

from __future__ import annotations

import secrets
import string
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core import signing
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hailong.core.errors import ServiceError
from hailong.core.text import search_key
from hailong.dossiers import tabular
from hailong.dossiers.lookups import DossierLookups
from hailong.dossiers.models import DossierImport
from hailong.dossiers.services import dossier_plan_many, dossier_upsert_many, unit_check_commune
from hailong.dossiers.values import dossier_code_clean, text_value
from hailong.jobs.base import JobFailed, Progress, job_enqueue
from hailong.units.models import AdministrativeUnit

if TYPE_CHECKING:
    from hailong.accounts.models import User

BATCH_SIZE = 1000
PREVIEW_ROWS = 10
HEADER_SCAN_ROWS = 15
MAX_STORED_ERRORS = 1000
UPLOAD_MAX_AGE = 24 * 3600
_SALT = "hailong.dossiers.upload"


@dataclass(frozen=True)
class Target:
    """One of our fields that a column of the file can feed."""

    key: str
    label: str | Promise
    synonyms: tuple[str, ...]


TARGETS: tuple[Target, ...] = (
    Target("code", gettext_lazy("Mã hồ sơ"), ("mã hồ sơ", "số hồ sơ", "mã hs", "mã biên nhận")),
    Target(
        "procedure_code",
        gettext_lazy("Mã thủ tục"),
        ("mã thủ tục", "mã tthc", "mã thủ tục hành chính"),
    ),
    Target(
        "procedure_name",
        gettext_lazy("Tên thủ tục"),
        ("thủ tục", "tên thủ tục", "thủ tục hành chính", "tên tthc", "tthc"),
    ),
    Target("field_name", gettext_lazy("Lĩnh vực"), ("lĩnh vực", "tên lĩnh vực")),
    Target(
        "received_on",
        gettext_lazy("Ngày tiếp nhận"),
        ("ngày tiếp nhận", "ngày nhận", "ngày nộp", "ngày nhận hồ sơ"),
    ),
    Target(
        "due_on",
        gettext_lazy("Ngày hẹn trả"),
        ("ngày hẹn trả", "hẹn trả", "ngày hẹn trả kết quả", "ngày hẹn"),
    ),
    Target(
        "returned_on",
        gettext_lazy("Ngày trả kết quả"),
        ("ngày trả kết quả", "ngày trả", "ngày hoàn thành", "ngày trả kq"),
    ),
    Target(
        "department",
        gettext_lazy("Bộ phận"),
        ("bộ phận", "bộ phận xử lý", "phòng ban", "đơn vị xử lý"),
    ),
    Target(
        "officer",
        gettext_lazy("Cán bộ xử lý"),
        ("cán bộ xử lý", "người xử lý", "cán bộ", "cán bộ tiếp nhận", "công chức xử lý"),
    ),
    Target(
        "applicant_type",
        gettext_lazy("Cá nhân / tổ chức"),
        ("loại đối tượng", "đối tượng", "loại người nộp", "cá nhân tổ chức"),
    ),
    Target(
        "channel",
        gettext_lazy("Hình thức nộp"),
        ("hình thức nộp", "kênh nộp", "hình thức tiếp nhận", "hình thức"),
    ),
    Target(
        "contact_name",
        gettext_lazy("Họ tên người nộp"),
        ("họ tên người nộp", "người nộp", "tên người nộp", "chủ hồ sơ", "người nộp hồ sơ"),
    ),
    Target(
        "contact_phone",
        gettext_lazy("Điện thoại người nộp"),
        ("số điện thoại", "điện thoại", "sđt", "số đt"),
    ),
    Target("contact_email", gettext_lazy("Thư điện tử người nộp"), ("email", "thư điện tử")),
)
TARGET_BY_KEY = {t.key: t for t in TARGETS}
# Each group needs at least one mapped column.
REQUIRED_GROUPS: tuple[tuple[str, ...], ...] = (
    ("code",),
    ("procedure_code", "procedure_name"),
    ("received_on",),
    ("due_on",),
)
_SYNONYM_KEYS = {t.key: [search_key(s) for s in t.synonyms] for t in TARGETS}


@dataclass(frozen=True)
class Upload:
    """A stored upload waiting for its column mapping."""

    name: str
    original_name: str
    header_row: int
    header: list[str]


@dataclass
class PreviewRow:
    number: int
    cells: list[str]
    errors: list[tuple[str, str]]
    new: bool


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA (as spreadsheets name columns)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = string.ascii_uppercase[rest] + letters
    return letters


def _header_score(cells: tabular.Row) -> int:
    keys = {search_key(text_value(c)) for c in cells if text_value(c)}
    return sum(1 for synonyms in _SYNONYM_KEYS.values() if keys & set(synonyms))


def find_header(rows: list[tuple[int, tabular.Row]]) -> tuple[int, list[str]]:
    """The header row: the first of the top rows naming two of our fields, else the first."""
    filled = [(n, cells) for n, cells in rows if not tabular.is_blank(cells)]
    if not filled:
        raise ServiceError(_("Tệp không có dữ liệu."), code="empty")
    number, cells = next(((n, c) for n, c in filled if _header_score(c) >= 2), filled[0])
    while cells and tabular.is_blank(cells[-1:]):
        cells = cells[:-1]
    names = [
        text_value(c) or _("Cột %(letter)s") % {"letter": column_letter(i)}
        for i, c in enumerate(cells)
    ]
    return number, names


def guess_mapping(header: list[str]) -> dict[str, int]:
    """Our field → column index, by the best diacritic-free name match, each column once."""
    keys = [search_key(h) for h in header]
    candidates: list[tuple[int, int, int, str, int]] = []
    for target, synonyms in _SYNONYM_KEYS.items():
        for column, key in enumerate(keys):
            for rank, synonym in enumerate(synonyms):
                score = 3 if key == synonym else 2 if f" {synonym} " in f" {key} " else 0
                if score:
                    candidates.append((score, -rank, -column, target, column))
    mapping: dict[str, int] = {}
    for _score, _rank, _column, target, column in sorted(candidates, reverse=True):
        if target not in mapping and column not in mapping.values():
            mapping[target] = column
    return mapping


def mapping_missing(mapping: dict[str, int]) -> list[str]:
    """Labels of the required fields that no column feeds."""
    return [
        " / ".join(str(TARGET_BY_KEY[k].label) for k in group)
        for group in REQUIRED_GROUPS
        if not any(k in mapping for k in group)
    ]


def row_data(cells: tabular.Row, mapping: dict[str, int]) -> dict[str, object]:
    return {key: cells[i] if i < len(cells) else None for key, i in mapping.items()}


def dossier_upload_store(*, unit: AdministrativeUnit, file: File[bytes]) -> Upload:
    """Check and store an uploaded export; find its header row. Raises ``ServiceError``."""
    unit_check_commune(unit)
    if file.size is not None and file.size > settings.HAILONG_MAX_IMPORT_BYTES:
        raise ServiceError(
            _("Tệp quá lớn (tối đa %(mb)d MB).")
            % {"mb": settings.HAILONG_MAX_IMPORT_BYTES // (1024 * 1024)},
            field="file",
        )
    try:
        fmt = tabular.sniff_format(file)
        head = tabular.head_rows(file, fmt, HEADER_SCAN_ROWS)
    except tabular.TableError as exc:
        raise ServiceError(exc.message, field="file") from exc
    header_row, header = find_header(head)
    file.seek(0)
    extension = ".xlsx" if fmt.kind == "xlsx" else ".csv"
    name = default_storage.save(f"imports/dossiers/{secrets.token_urlsafe(16)}{extension}", file)
    original = (file.name or "").rsplit("/", 1)[-1][:200]
    return Upload(name=name, original_name=original, header_row=header_row, header=header)


def upload_sign(upload: Upload, *, unit: AdministrativeUnit, user: User) -> str:
    payload = {
        "u": unit.pk,
        "by": user.pk,
        "f": upload.name,
        "n": upload.original_name,
        "r": upload.header_row,
        "h": upload.header,
    }
    return signing.dumps(payload, salt=_SALT, compress=True)


def upload_unsign(token: str, *, unit: AdministrativeUnit, user: User) -> Upload:
    """The upload behind ``token`` if this user made it for this unit less than a day ago."""
    try:
        data: dict[str, Any] = signing.loads(token, salt=_SALT, max_age=UPLOAD_MAX_AGE)
    except signing.BadSignature as exc:
        raise ServiceError(
            _("Phiên tải tệp đã hết hạn: hãy tải tệp lên lại."), code="expired"
        ) from exc
    if data.get("u") != unit.pk or data.get("by") != user.pk:
        raise ServiceError(_("Phiên tải tệp không hợp lệ: hãy tải tệp lên lại."), code="expired")
    return Upload(name=data["f"], original_name=data["n"], header_row=data["r"], header=data["h"])


def _data_only(
    rows: Iterator[tuple[int, tabular.Row]], header_row: int
) -> Iterator[tuple[int, tabular.Row]]:
    for number, cells in rows:
        if number > header_row and not tabular.is_blank(cells):
            yield number, cells


def dossier_import_preview(
    *, unit: AdministrativeUnit, upload: Upload, mapping: dict[str, int]
) -> list[PreviewRow]:
    """The first ``PREVIEW_ROWS`` data rows as they would be imported, with their errors."""
    rows: list[tuple[int, tabular.Row]] = []
    try:
        with (
            default_storage.open(upload.name, "rb") as file,
            tabular.open_table(file, tabular.sniff_format(file)) as table,
        ):
            for item in _data_only(table.rows, upload.header_row):
                rows.append(item)
                if len(rows) >= PREVIEW_ROWS:
                    break
    except (tabular.TableError, FileNotFoundError) as exc:
        raise ServiceError(_("Không đọc được tệp đã tải lên: hãy tải lên lại.")) from exc
    data = [row_data(cells, mapping) for _n, cells in rows]
    planned = dossier_plan_many(unit=unit, rows=data)
    return [
        PreviewRow(
            number=number,
            cells=[text_value(cells[i]) if i < len(cells) else "" for i in mapping.values()],
            errors=_labelled(plan.outcome.errors, upload.header, mapping),
            new=plan.outcome.created,
        )
        for (number, cells), plan in zip(rows, planned, strict=True)
    ]


def _column_label(key: str, header: list[str], mapping: dict[str, int]) -> str:
    if key in mapping and mapping[key] < len(header):
        return header[mapping[key]]
    target = TARGET_BY_KEY.get(key)
    return str(target.label) if target else key


def _labelled(
    errors: dict[str, str], header: list[str], mapping: dict[str, int]
) -> list[tuple[str, str]]:
    return [(_column_label(key, header, mapping), message) for key, message in errors.items()]


def dossier_import_start(
    *,
    unit: AdministrativeUnit,
    user: User | None,
    upload: Upload,
    mapping: dict[str, int],
    enqueue: bool = True,
) -> DossierImport:
    """Create the import job for a mapped upload and queue it (unless the caller runs it)."""
    unit_check_commune(unit)
    missing = mapping_missing(mapping)
    if missing:
        raise ServiceError(
            _("Hãy chọn cột cho: %(fields)s.") % {"fields": ", ".join(missing)}, code="mapping"
        )
    with transaction.atomic():
        job = DossierImport.objects.create(
            unit=unit,
            created_by=user,
            file=upload.name,
            original_name=upload.original_name,
            header_row=upload.header_row,
            header=upload.header,
            mapping=mapping,
        )
        if enqueue:
            job_enqueue(job)
    return job


@dataclass
class _Run:
    job: DossierImport
    lookups: DossierLookups
    seen: dict[str, int] = field(default_factory=dict)
    batch: list[tuple[int, dict[str, object]]] = field(default_factory=list)

    def error(self, number: int, key: str, message: str) -> None:
        self.job.error_count += 1
        if len(self.job.errors) < MAX_STORED_ERRORS:
            column = _column_label(key, self.job.header, self.job.mapping)
            self.job.errors.append({"row": number, "column": column, "message": message})

    def add(self, number: int, data: dict[str, object]) -> None:
        self.job.rows_read += 1
        code = dossier_code_clean(data.get("code"))
        if code and code in self.seen:
            message = _("Mã hồ sơ %(code)s đã có ở dòng %(row)d của tệp.") % {
                "code": code,
                "row": self.seen[code],
            }
            self.error(number, "code", message)
            return
        if code:
            self.seen[code] = number
        self.batch.append((number, data))

    def flush(self) -> None:
        if not self.batch:
            return
        rows = [data for _n, data in self.batch]
        outcomes = dossier_upsert_many(unit=self.job.unit, rows=rows, lookups=self.lookups)
        for (number, _data), outcome in zip(self.batch, outcomes, strict=True):
            if outcome.ok:
                self.job.created_count += outcome.created
                self.job.updated_count += outcome.changed and not outcome.created
                self.job.unchanged_count += not outcome.changed
            for key, message in outcome.errors.items():
                self.error(number, key, message)
        self.batch = []


def dossier_import_execute(job: DossierImport, progress: Progress) -> None:
    """Stream the file and write it in batches; called by ``DossierImport.execute``."""
    job.rows_read = job.created_count = job.updated_count = job.unchanged_count = 0
    job.error_count = 0
    job.errors = []
    run = _Run(job=job, lookups=DossierLookups.load(job.unit))
    try:
        with (
            default_storage.open(job.file, "rb") as file,
            tabular.open_table(file, tabular.sniff_format(file)) as table,
        ):
            total = max(0, table.estimate - job.header_row)
            progress(0, total)
            for number, cells in _data_only(table.rows, job.header_row):
                run.add(number, row_data(cells, job.mapping))
                if len(run.batch) >= BATCH_SIZE:
                    run.flush()
                    progress(job.rows_read, max(total, job.rows_read))
            run.flush()
            progress(job.rows_read, max(total, job.rows_read))
    except FileNotFoundError as exc:
        raise JobFailed(_("Tệp đã tải lên không còn trên máy chủ: hãy tải lên lại.")) from exc
    except tabular.TableError as exc:
        raise JobFailed(exc.message) from exc
    default_storage.delete(job.file)
