"""``hailong compute --method CODE FILE.csv [--by COLUMN] [--json]``: every index, offline.

No database is needed: the method comes from the built-in definitions (or the database when one
holds methods). See docs/compute.md for the CSV format.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from hailong.indices import spec as method_spec
from hailong.indices.csvcount import GroupCounts, count_rows, open_text
from hailong.indices.engine import format_pct
from hailong.surveys.catalog import catalog_entries


class Command(BaseCommand):
    help = "Tính mọi chỉ số của một phương pháp từ tệp CSV phiếu trả lời (không cần CSDL)."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="CSV: one row a response, one column an item")
        parser.add_argument("--method", required=True, help="method code, e.g. sipas-2017")
        parser.add_argument("--by", help="a column to break the figures down by")
        parser.add_argument("--json", action="store_true", help="print JSON (unrounded)")
        parser.add_argument("--source", choices=["auto", "db", "files"], default="auto")

    def handle(self, *args: Any, **options: Any) -> None:
        entries = catalog_entries(source=options["source"], code=options["method"])
        if not entries:
            raise CommandError(_("Không có phương pháp «%(code)s».") % {"code": options["method"]})
        definition = entries[0].definition
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(_("Không tìm thấy tệp %(path)s.") % {"path": path})
        with open_text(path) as stream:
            counts = count_rows(stream, definition, by=options["by"])
        if counts.errors:
            for error in counts.errors:
                self.stderr.write(error)
            raise CommandError(_("Tệp có lỗi; chưa tính chỉ số."))
        spec = method_spec.MethodSpec.of(definition)
        results = {key: self._compute(spec, group) for key, group in counts.groups.items()}
        overall = self._compute(spec, _merge(counts.groups.values()))
        overall["missing_items"] = counts.missing_items
        if options["by"]:
            overall["by"] = options["by"]
            overall["groups"] = dict(sorted(results.items()))
        if options["json"]:
            self.stdout.write(json.dumps(overall, ensure_ascii=False, indent=2))
        else:
            self._table(overall, definition.name.vi)

    @staticmethod
    def _compute(spec: method_spec.MethodSpec, group: GroupCounts) -> dict[str, Any]:
        return method_spec.compute(spec, group.n, group.items)

    def _table(self, result: dict[str, Any], name: str) -> None:
        write = self.stdout.write
        write(f"{name} ({result['method']}) — n = {result['n']}")
        write(f"{_('Chỉ số chung')}: {format_pct(result['overall'])}%")
        for code, value in result["parts"].items():
            write(f"  {_('Phần')} {code}: {format_pct(value)}%")
        for code, value in result["elements"].items():
            write(f"  {_('Yếu tố')} {code}: {format_pct(value)}%")
        write(f"{'item':<10} {'n':>8} {'% hài lòng':>11} {'TB':>6}  95% CI")
        for code, item in result["items"].items():
            mean = f"{item['mean']:.2f}".replace(".", ",") if item["mean"] is not None else "–"
            ci = item["ci95"] or [None, None]
            write(
                f"{code:<10} {item['n']:>8} {format_pct(item['satisfied_pct']):>11} {mean:>6}  "
                f"{format_pct(ci[0])}–{format_pct(ci[1])}"
            )
        for code, value in result["groups"].items() if "groups" in result else []:
            write(
                f"[{result['by']} = {code}] n = {value['n']}, "
                f"{_('chỉ số chung')} {format_pct(value['overall'])}%"
            )


def _merge(groups: Any) -> GroupCounts:
    total = GroupCounts()
    for group in groups:
        total.n += group.n
        for code, counter in group.items.items():
            total.items.setdefault(code, type(counter)()).update(counter)
    return total
