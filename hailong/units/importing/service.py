"""Import a list of units all or nothing, and start the background job that does it."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from hailong.accounts.roles import Perm
from hailong.accounts.scope import user_can
from hailong.core.errors import PermissionDenied
from hailong.core.text import clean_line
from hailong.jobs.base import job_enqueue
from hailong.units.importing.checking import Progress, RowChecker
from hailong.units.importing.issues import ImportRefused, IssueList
from hailong.units.importing.parsing import HEADER_WINDOW, Columns, ParsedRow, find_header
from hailong.units.importing.parsing import parse_rows as _parse_rows
from hailong.units.importing.reading import Source, read_table
from hailong.units.importing.writing import Counts, write_rows
from hailong.units.models import AdministrativeUnit, UnitImport

if TYPE_CHECKING:
    from django.core.files.uploadedfile import UploadedFile

    from hailong.accounts.models import User

DEFAULT_MAX_ROWS = 200_000


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    unchanged: int
    rows: int
    seconds: float
    dry_run: bool = False
    ignored_columns: list[str] = field(default_factory=list)

    def summary(self) -> str:
        values = {
            "rows": self.rows,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "seconds": f"{self.seconds:.1f}".replace(".", ","),
        }
        if self.dry_run:
            return (
                _(
                    "Tệp hợp lệ (%(rows)s dòng): sẽ thêm %(created)s, cập nhật %(updated)s, giữ "
                    "nguyên %(unchanged)s đơn vị. Đây là lần chạy thử, chưa ghi gì."
                )
                % values
            )
        return (
            _(
                "Đã nhập %(rows)s dòng trong %(seconds)s giây: thêm %(created)s, cập nhật "
                "%(updated)s, giữ nguyên %(unchanged)s đơn vị."
            )
            % values
        )


def units_import(
    *,
    source: Source,
    actor: User | None,
    root: AdministrativeUnit | None = None,
    dry_run: bool = False,
    progress: Progress | None = None,
    max_rows: int | None = None,
    max_bytes: int | None = None,
) -> ImportResult:
    """Import a CSV or XLSX unit list for ``actor`` (``None``: the system, no scope limit).

    With ``root``, rows without a parent code go directly under it and every parent must lie
    inside it. Raises ``ImportRefused`` listing every error; then nothing was written.

    1. Read the file into rows (size, encoding, TCVN3/VNI, row cap), find the header.
    2. Parse every row's cells, then check the rows (file, database, scope, tree rules).
    3. Write them in one transaction, parents first; a dry run rolls it back.
    """
    started = time.perf_counter()
    if root is not None and actor is not None and not user_can(actor, Perm.MANAGE_UNITS, root):
        raise PermissionDenied(_("Bạn không có quyền quản lý đơn vị này."))
    max_rows = max_rows or int(getattr(settings, "HAILONG_MAX_IMPORT_ROWS", DEFAULT_MAX_ROWS))
    issues = IssueList()
    columns, rows = _read(source, issues, max_rows, max_bytes, has_root=root is not None)
    checker = RowChecker(
        rows, actor=actor, root=root, columns=columns, issues=issues, progress=progress
    )
    ordered = checker.run()
    _stop_if_any(issues)
    counts = _write(ordered, columns, issues, dry_run=dry_run)
    if progress is not None:
        progress(len(rows), len(rows))
    return ImportResult(
        created=counts.created,
        updated=counts.updated,
        unchanged=counts.unchanged,
        rows=len(rows),
        seconds=time.perf_counter() - started,
        dry_run=dry_run,
        ignored_columns=columns.ignored,
    )


def _read(
    source: Source, issues: IssueList, max_rows: int, max_bytes: int | None, *, has_root: bool
) -> tuple[Columns, list[ParsedRow]]:
    limit = max_bytes or settings.HAILONG_MAX_IMPORT_BYTES
    table = read_table(
        source, max_bytes=limit, max_rows=max_rows + HEADER_WINDOW + 1, issues=issues
    )
    _stop_if_any(issues)
    columns = find_header(table, issues)
    _stop_if_any(issues)
    assert columns is not None
    rows = _parse_rows(table, columns, issues, max_rows=max_rows, has_root=has_root)
    if not rows:
        _stop_if_any(issues)
    return columns, rows


def _stop_if_any(issues: IssueList) -> None:
    if issues:
        raise ImportRefused(issues)


def _write(rows: list[ParsedRow], columns: Columns, issues: IssueList, *, dry_run: bool) -> Counts:
    try:
        with transaction.atomic():
            counts = write_rows(rows, columns, issues)
            _stop_if_any(issues)  # raising inside the block rolls everything back
            if dry_run:
                transaction.set_rollback(True)
    except IntegrityError:
        issues.add(_("Danh sách đơn vị vừa bị thay đổi trong lúc nhập. Hãy nhập lại tệp."))
        raise ImportRefused(issues) from None
    return counts


def unit_import_start(
    *, actor: User, root: AdministrativeUnit, file: UploadedFile[bytes], dry_run: bool = False
) -> UnitImport:
    """Store the uploaded file as a job importing under ``root``; it runs after the commit."""
    if not user_can(actor, Perm.MANAGE_UNITS, root):
        raise PermissionDenied(_("Bạn không có quyền quản lý đơn vị này."))
    job = UnitImport.objects.create(
        root=root,
        created_by=actor,
        file=file,
        original_name=clean_line(file.name or "")[:200],
        dry_run=dry_run,
    )
    job_enqueue(job)
    return job
