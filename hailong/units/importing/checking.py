"""Check the parsed rows against each other, the database and the actor's scope.

Nothing here writes. The tree's own rules (kind under parent level, dates inside the parent's,
codes free in the database) come from ``services.unit_validate``; this module adds what only a
file can get wrong: duplicates and cycles inside the file, parents that cannot be found, scope.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from itertools import batched
from typing import TYPE_CHECKING, Protocol

from django.utils.translation import gettext as _

from hailong.accounts.roles import Perm
from hailong.accounts.scope import user_can
from hailong.core.errors import ServiceError
from hailong.core.text import search_key
from hailong.units.importing.issues import IssueList
from hailong.units.importing.parsing import Columns, ParsedRow
from hailong.units.models import KIND_LEVEL, AdministrativeUnit, UnitLevel
from hailong.units.services import unit_validate

if TYPE_CHECKING:
    from hailong.accounts.models import User

Progress = Callable[[int, int], None]
PROGRESS_EVERY = 500
# unit_validate names a field; the error goes to that field's column.
FIELD_COLUMNS = {
    "kind": "loai",
    "name": "ten",
    "code": "ma",
    "parent": "ma_cap_tren",
    "valid_from": "hieu_luc_tu",
    "valid_to": "hieu_luc_den",
}


class Dated(Protocol):
    valid_from: dt.date | None
    valid_to: dt.date | None


def period(item: Dated) -> tuple[dt.date, dt.date]:
    return item.valid_from or dt.date.min, item.valid_to or dt.date.max


def _overlaps(a: tuple[dt.date, dt.date], b: tuple[dt.date, dt.date]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def _contains(outer: tuple[dt.date, dt.date], inner: tuple[dt.date, dt.date]) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1]


class RowChecker:
    def __init__(
        self,
        rows: list[ParsedRow],
        *,
        actor: User | None,
        root: AdministrativeUnit | None,
        columns: Columns,
        issues: IssueList,
        progress: Progress | None = None,
    ) -> None:
        self.rows, self.actor, self.root = rows, actor, root
        self.columns, self.issues, self.progress = columns, issues, progress
        self.db: dict[str, list[AdministrativeUnit]] = {}
        self.codeless: dict[int, dict[tuple[str, dt.date | None], AdministrativeUnit]] = {}

    def fail(self, row: ParsedRow, column: str | None, message: str) -> None:
        label = self.columns.label(column) if column else None
        self.issues.add(message, row=row.number, column=label)
        row.ok = False

    def run(self) -> list[ParsedRow]:
        """The rows to write, parents first; every problem goes to ``issues``.

        1. Refuse a code used twice in the file at overlapping times.
        2. Load the database's units that the file's codes (own and parent) name.
        3. Resolve each row's parent: a row of the file, a unit in the database, the root, none.
        4. Refuse cycles among the file's parent references, and unnamed twins under a parent.
        5. Parents first: match rows already imported, check the scope, then ``unit_validate``.
        """
        coded = [row for row in self.rows if row.code]
        self._refuse_overlaps(_group(coded, lambda r: r.code).values(), self._code_clash)
        self.db = _load_by_code({r.code for r in coded} | {r.parent_code for r in self.rows})
        in_file = _group(coded, lambda r: r.code)
        for row in self.rows:
            self._resolve_parent(row, in_file)
        self._refuse_cycles()
        codeless = [row for row in self.rows if not row.code and row.ok]
        self._refuse_overlaps(_group(codeless, _twin_key).values(), self._twin_clash)
        ordered = _parents_first(self.rows)
        for done, row in enumerate(ordered, start=1):
            self._check(row)
            if self.progress and done % PROGRESS_EVERY == 0:
                self.progress(done, len(ordered))
        return [row for row in ordered if row.ok]

    # 1, 4. Overlapping duplicates

    def _refuse_overlaps(
        self,
        groups: Iterable[list[ParsedRow]],
        message: Callable[[ParsedRow, ParsedRow], tuple[str, str]],
    ) -> None:
        """In each group, flag a row whose period overlaps an earlier-starting one."""
        for group in groups:
            group.sort(key=lambda r: period(r)[0])
            widest = group[0]
            for row in group[1:]:
                if period(row)[0] <= period(widest)[1]:
                    self.fail(row, *message(row, widest))
                if period(row)[1] > period(widest)[1]:
                    widest = row

    def _code_clash(self, row: ParsedRow, other: ParsedRow) -> tuple[str, str]:
        return "ma", _("mã «%(code)s» trùng với dòng %(other)s trong cùng thời gian hiệu lực.") % {
            "code": row.code,
            "other": other.number,
        }

    def _twin_clash(self, row: ParsedRow, other: ParsedRow) -> tuple[str, str]:
        return "ten", _(
            "đơn vị «%(name)s» không có mã và trùng tên với dòng %(other)s (cùng đơn vị cấp "
            "trên, cùng thời gian hiệu lực)."
        ) % {"name": row.name, "other": other.number}

    # 3. Parents

    def _resolve_parent(self, row: ParsedRow, in_file: dict[str, list[ParsedRow]]) -> None:
        if not row.parent_code:
            row.parent = self.root
            return
        rows_here = {(r.code, r.valid_from) for r in in_file.get(row.parent_code, [])}
        candidates: list[ParsedRow | AdministrativeUnit] = [*in_file.get(row.parent_code, [])]
        candidates += [
            unit
            for unit in self.db.get(row.parent_code, [])
            if (unit.code, unit.valid_from) not in rows_here and self._visible(unit)
        ]
        if not candidates:
            self.fail(
                row,
                "ma_cap_tren",
                _(
                    "không tìm thấy đơn vị cấp trên có mã «%(code)s» trong tệp hay trong phạm vi "
                    "bạn được xem."
                )
                % {"code": row.parent_code},
            )
            return
        row.parent = _pick(candidates, period(row))

    def _visible(self, unit: AdministrativeUnit) -> bool:
        return self.actor is None or user_can(self.actor, Perm.VIEW_UNITS, unit)

    def _refuse_cycles(self) -> None:
        """Follow parent links inside the file; a walk that meets itself is a cycle."""
        settled: set[ParsedRow] = set()
        for start in self.rows:
            trail: list[ParsedRow] = []
            node: ParsedRow | AdministrativeUnit | None = start
            while isinstance(node, ParsedRow) and node not in settled:
                if node in trail:
                    self._report_cycle(trail[trail.index(node) :])
                    break
                trail.append(node)
                node = node.parent
            settled.update(trail)

    def _report_cycle(self, cycle: list[ParsedRow]) -> None:
        chain = " → ".join(f"{r.code} ({_('dòng')} {r.number})" for r in [*cycle, cycle[0]])
        for row in cycle:
            self.fail(
                row,
                "ma_cap_tren",
                _("đơn vị cấp trên tạo thành vòng lặp: %(chain)s.") % {"chain": chain},
            )
        for row in cycle:
            row.parent = None  # cut the loop; these rows are not written

    # 5. Each row, parents first

    def _check(self, row: ParsedRow) -> None:
        if not row.ok:
            return
        ready, parent = self._parent_unit(row)
        if not ready or not self._in_scope(row, parent):
            row.ok = False  # a parent row with errors: its children wait for the fix, silently
            return
        row.existing = self._match(row, parent)
        if row.existing is not None and not self._merge_existing(row, row.existing):
            return
        try:
            unit_validate(
                kind=row.kind,
                name=row.name,
                code=self._code_to_check(row),
                parent=parent,
                valid_from=row.valid_from,
                valid_to=row.valid_to,
                instance=row.existing,
            )
        except ServiceError as error:
            self.fail(row, FIELD_COLUMNS.get(error.field or ""), error.message)
            return
        row.draft = _draft(row)

    def _code_to_check(self, row: ParsedRow) -> str:
        """The code for ``unit_validate`` to check against the database, or "" when no other
        unit there holds it (the check is a query per row; most rows need none)."""
        own = row.existing.pk if row.existing is not None else None
        others = (unit for unit in self.db.get(row.code, []) if unit.pk != own)
        return row.code if any(others) else ""

    def _parent_unit(self, row: ParsedRow) -> tuple[bool, AdministrativeUnit | None]:
        parent = row.parent
        if isinstance(parent, ParsedRow):
            return parent.ok and parent.draft is not None, parent.draft
        return True, parent

    def _in_scope(self, row: ParsedRow, parent: AdministrativeUnit | None) -> bool:
        """A parent from the database must be inside the root and managed by the actor
        (a parent row of the file is checked itself); no parent needs a superuser."""
        if parent is None:
            if self.root is None and (self.actor is None or self.actor.is_superuser):
                return True
            self.fail(
                row,
                "ma_cap_tren",
                _(
                    "thiếu mã đơn vị cấp trên (chỉ quản trị hệ thống mới thêm được đơn vị cấp "
                    "tỉnh)."
                ),
            )
            return False
        if isinstance(row.parent, ParsedRow):
            return True
        if self.root is not None and not parent.path.startswith(self.root.path):
            self.fail(
                row,
                "ma_cap_tren",
                _("đơn vị cấp trên «%(parent)s» không thuộc «%(root)s», đơn vị đang nhập vào.")
                % {"parent": parent.name, "root": self.root.name},
            )
            return False
        if self.actor is not None and not user_can(self.actor, Perm.MANAGE_UNITS, parent):
            self.fail(
                row,
                "ma_cap_tren",
                _("bạn không có quyền quản lý đơn vị cấp trên «%(parent)s».")
                % {"parent": parent.name},
            )
            return False
        return True

    def _match(
        self, row: ParsedRow, parent: AdministrativeUnit | None
    ) -> AdministrativeUnit | None:
        """The unit this row imported before: same code and start under the same parent, or,
        without a code, same name and start under the same parent."""
        if parent is not None and parent.pk is None:
            return None  # a parent that is new this time has no children yet
        parent_id = parent.pk if parent is not None else None
        if row.code:
            return next(
                (
                    unit
                    for unit in self.db.get(row.code, [])
                    if unit.valid_from == row.valid_from and unit.parent_id == parent_id
                ),
                None,
            )
        if parent_id is None:
            return None
        return self._codeless_children(parent_id).get((search_key(row.name), row.valid_from))

    def _codeless_children(
        self, parent_id: int
    ) -> dict[tuple[str, dt.date | None], AdministrativeUnit]:
        if parent_id not in self.codeless:
            children = AdministrativeUnit.objects.filter(parent_id=parent_id, code="")
            self.codeless[parent_id] = {(u.search_key, u.valid_from): u for u in children}
        return self.codeless[parent_id]

    def _merge_existing(self, row: ParsedRow, unit: AdministrativeUnit) -> bool:
        """Fill the row's empty optional cells from ``unit`` and list what changes."""
        if KIND_LEVEL[row.kind] != unit.level:
            self.fail(
                row,
                "loai",
                _(
                    "«%(name)s» đã có trong hệ thống ở cấp «%(level)s»; không đổi cấp đơn vị "
                    "bằng cách nhập tệp."
                )
                % {"name": unit.name, "level": UnitLevel(unit.level).label},
            )
            return False
        row.valid_to = row.valid_to or unit.valid_to
        row.population = unit.population if row.population is None else row.population
        row.households = unit.households if row.households is None else row.households
        wanted: dict[str, object] = {
            "name": row.name,
            "kind": row.kind,
            "valid_to": row.valid_to,
            "population": row.population,
            "households": row.households,
        }
        row.changes = {key: value for key, value in wanted.items() if getattr(unit, key) != value}
        return True


def _group(rows: list[ParsedRow], key: Callable[[ParsedRow], object]) -> dict[str, list[ParsedRow]]:
    groups: dict[str, list[ParsedRow]] = defaultdict(list)
    for row in rows:
        groups[str(key(row))].append(row)
    return {k: v for k, v in groups.items() if v}


def _twin_key(row: ParsedRow) -> str:
    parent = row.parent
    owner = f"r{id(parent)}" if isinstance(parent, ParsedRow) else f"u{getattr(parent, 'pk', '')}"
    return f"{owner}|{search_key(row.name)}"


def _load_by_code(codes: set[str]) -> dict[str, list[AdministrativeUnit]]:
    found: dict[str, list[AdministrativeUnit]] = defaultdict(list)
    for chunk in batched(sorted(codes - {""}), 500):
        for unit in AdministrativeUnit.objects.filter(code__in=chunk):
            found[unit.code].append(unit)
    return dict(found)


def _pick(
    candidates: list[ParsedRow | AdministrativeUnit], child: tuple[dt.date, dt.date]
) -> ParsedRow | AdministrativeUnit:
    """The candidate whose validity holds the child's, else one that overlaps it, else the
    first (``unit_validate`` then explains the mismatch)."""
    for fits in (_contains, _overlaps):
        for candidate in candidates:
            if fits(period(candidate), child):
                return candidate
    return candidates[0]


def _parents_first(rows: list[ParsedRow]) -> list[ParsedRow]:
    """Rows ordered by their depth in the file's own forest (cycles were cut before)."""
    for row in rows:
        trail: list[ParsedRow] = []
        node: ParsedRow | AdministrativeUnit | None = row
        while isinstance(node, ParsedRow) and not node.depth and node not in trail:
            trail.append(node)
            node = node.parent
        base = node.depth if isinstance(node, ParsedRow) else -1
        for item in reversed(trail):
            base += 1
            item.depth = base
    return sorted(rows, key=lambda r: r.depth)


def _draft(row: ParsedRow) -> AdministrativeUnit:
    """The unit to insert (or, for a row imported before, its new state for the children's
    checks). ``save()`` is bypassed by the bulk insert, so level and search key are set here."""
    unit = AdministrativeUnit(
        kind=row.kind,
        level=KIND_LEVEL[row.kind],
        name=row.name,
        code=row.code,
        valid_from=row.valid_from,
        valid_to=row.valid_to,
        population=row.population,
        households=row.households,
        search_key=search_key(row.name),
    )
    if row.existing is not None:
        unit.pk, unit.path, unit.depth = row.existing.pk, row.existing.path, row.existing.depth
        unit.parent_id = row.existing.parent_id
    return unit
