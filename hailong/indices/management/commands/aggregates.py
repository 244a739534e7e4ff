"""``hailong aggregates rebuild|check|compact [--wave ID]``: recompute, verify or compact the
aggregates."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hailong.indices import aggregates


class Command(BaseCommand):
    help = "Tổng hợp lại (rebuild), đối chiếu (check) hoặc gộp (compact) số liệu tổng hợp."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["rebuild", "check", "compact"])
        parser.add_argument("--wave", type=int, action="append", help="only these wave ids")

    def handle(self, *args: Any, **options: Any) -> None:
        waves = options["wave"]
        if options["action"] == "compact":
            folded = aggregates.compact()
            self.stdout.write(f"Đã gộp {folded} dòng tổng hợp vào dòng chính của từng ô.")
            return
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
