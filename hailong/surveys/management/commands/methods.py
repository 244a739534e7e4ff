"""``hailong methods list [--json]`` and ``hailong methods show CODE [--json]``.

Reads the database when it holds methods, the built-in files otherwise (``--source`` forces
one). ``show --json`` keys are a public interface (see ``hailong.surveys.summary``).
"""

from __future__ import annotations

import json
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from hailong.surveys.catalog import CatalogEntry, catalog_entries
from hailong.surveys.summary import method_summary


class Command(BaseCommand):
    help = "Liệt kê, xem các phương pháp đo lường (bảng hỏi) / list and show the methods."

    def add_arguments(self, parser: ArgumentParser) -> None:
        common = ArgumentParser(add_help=False)
        common.add_argument("--json", action="store_true", help="In ra JSON / print JSON.")
        common.add_argument(
            "--source",
            choices=["auto", "db", "files"],
            default="auto",
            help="Nguồn: CSDL, tệp dựng sẵn, hay tự chọn / database, built-in files or auto.",
        )
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("list", parents=[common], help="Liệt kê phương pháp / list methods.")
        show = sub.add_parser("show", parents=[common], help="Xem một phương pháp / show one.")
        show.add_argument("code", help="Mã phương pháp, ví dụ sipas-2017.")
        show.add_argument("--number", type=int, help="Số phiên bản / version number.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "list":
            self._list(options)
        else:
            self._show(options)

    def _list(self, options: dict[str, Any]) -> None:
        entries = catalog_entries(source=options["source"])
        rows = [
            {
                "code": e.definition.code,
                "name": e.definition.name.to_json(),
                **e.meta(),
                "elements": len(e.definition.elements),
                "items": len(e.definition.items),
                "checksum": e.definition.checksum(),
            }
            for e in entries
        ]
        if options["json"]:
            self.stdout.write(json.dumps({"methods": rows}, ensure_ascii=False, indent=2))
            return
        for row in rows:
            version = f"v{row['version']}" if row["version"] else "tệp"
            owner = f" · {row['owner']}" if row["owner"] else ""
            self.stdout.write(
                f"{row['code']:<18} {version:<5} {row['items']:>3} câu hỏi  "
                f"{row['name']['vi']}{owner}"  # type: ignore[index]
            )

    def _show(self, options: dict[str, Any]) -> None:
        entry = self._pick(
            catalog_entries(
                source=options["source"], code=options["code"], number=options["number"]
            ),
            options["code"],
        )
        summary = method_summary(entry.definition, **entry.meta())
        if options["json"]:
            self.stdout.write(json.dumps(summary, ensure_ascii=False, indent=2))
            return
        self._print_human(summary)

    @staticmethod
    def _pick(entries: list[CatalogEntry], code: str) -> CatalogEntry:
        if not entries:
            raise CommandError(f"Không có phương pháp mã «{code}» / no method with this code.")
        builtin = [e for e in entries if e.owner is None]
        if builtin:
            return builtin[0]
        if len(entries) > 1:
            owners = ", ".join(str(e.owner) for e in entries)
            raise CommandError(f"Nhiều đơn vị có phương pháp mã «{code}»: {owners}.")
        return entries[0]

    def _print_human(self, summary: dict[str, Any]) -> None:
        self.stdout.write(f"{summary['code']} · {summary['name']['vi']}")
        self.stdout.write(f"{summary['legal_basis']}")
        items = {i["code"]: i for i in summary["items"]}
        for element in summary["elements"]:
            self.stdout.write(f"\n{element['code']} {element['name']['vi']}")
            for code in element["items"]:
                item = items[code]
                values = ",".join(map(str, item["values"]))
                self.stdout.write(f"  {code:<10} [{values}] {item['text']['vi']}")
        others = [i for i in summary["items"] if not i["element"]]
        if others:
            self.stdout.write("\nCâu hỏi khác / other questions")
            for item in others:
                self.stdout.write(f"  {item['code']:<10} {item['type']:<13} {item['text']['vi']}")
