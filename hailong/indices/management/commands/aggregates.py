"""``hailong aggregates rebuild|check [--wave ID]``: recompute or verify the aggregates."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hailong.indices import aggregates


class Command(BaseCommand):
    help = "Tổng hợp lại (rebuild) hoặc đối chiếu (check) số liệu tổng hợp với phiếu gốc."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["rebuild", "check"])
        parser.add_argument("--wave", type=int, action="append", help="only these wave ids")

    def handle(self, *args: Any, **options: Any) -> None:
        waves = options["wave"]
        if options["action"] == "rebuild":
            count = aggregates.rebuild(wave_ids=waves)
            self.stdout.write(f"Đã tổng hợp lại từ {count} phiếu.")
            return
        problems = aggregates.check(wave_ids=waves)
        if problems:
            for line in problems[:50]:
                self.stderr.write(line)
            raise CommandError(f"{len(problems)} ô tổng hợp lệch so với phiếu gốc.")
        self.stdout.write("Số liệu tổng hợp khớp với phiếu gốc.")
