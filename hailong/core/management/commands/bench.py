"""``hailong bench [--full] [--only NAME] [--database-url URL]``: one JSON line per run.

Each benchmark runs against a fresh SQLite file and, when reachable, a fresh PostgreSQL database
(``hailong_bench`` on 127.0.0.1:5432). Progress goes to stderr, results to stdout; see
``docs/performance.md`` for what the figures mean.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from hailong.core.bench.base import BenchError
from hailong.core.bench.registry import MODULES, benchmarks_select
from hailong.core.bench.runner import run_all


class Command(BaseCommand):
    help = "Run the benchmarks; print one JSON object per benchmark and database."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--full", action="store_true", help="Full sizes (slow).")
        parser.add_argument(
            "--only", action="append", metavar="NAME", help=f"One of: {', '.join(MODULES)}."
        )
        parser.add_argument(
            "--database-url",
            help="Only this database (its name must contain 'bench'; it is created and dropped).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            benchmarks = benchmarks_select(options["only"])
        except BenchError as exc:
            raise CommandError(str(exc)) from exc
        failed = False
        lines = run_all(
            benchmarks,
            full=options["full"],
            database_url=options["database_url"],
            log=lambda message: self.stderr.write(message),
        )
        for line in lines:
            failed = failed or "error" in line
            self.stdout.write(json.dumps(line, ensure_ascii=False))
            self.stdout.flush()
        if failed:
            raise CommandError("some benchmarks failed (see the lines with 'error')")
