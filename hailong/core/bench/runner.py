"""Run benchmarks against each database and turn each run into one JSON-ready dict."""

from __future__ import annotations

import os
import platform
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from hailong.core.bench.base import BenchError, Benchmark
from hailong.core.bench.databases import (
    DEFAULT_POSTGRES_URL,
    Database,
    database_for_url,
    fresh_database,
    postgres_reachable,
)
from hailong.core.bench.env import BenchEnv, prepare_static

Log = Callable[[str], None]


def default_databases(workdir: Path) -> list[Database]:
    return [
        Database("sqlite", f"sqlite:///{workdir / 'bench.sqlite3'}"),
        Database("postgresql", DEFAULT_POSTGRES_URL),
    ]


def _line(benchmark: Benchmark, database: Database, params: dict[str, Any]) -> dict[str, Any]:
    return {
        "name": benchmark.name,
        "params": params,
        "database": database.vendor,
        "figures": {},
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "load_avg_1m": round(os.getloadavg()[0], 2),
    }


def run_one(
    benchmark: Benchmark, database: Database, workdir: Path, *, full: bool, log: Log
) -> dict[str, Any]:
    """Run one benchmark on a fresh, migrated database; the line to print (or why it could not)."""
    if database.vendor == "postgresql" and not postgres_reachable(database.url):
        return {"name": benchmark.name, "database": database.vendor, "skipped": "no PostgreSQL"}
    params = benchmark.params_for(full=full)
    line = _line(benchmark, database, params)
    started = time.monotonic()
    log(f"bench: {benchmark.name} on {database.vendor} …")
    try:
        with fresh_database(database) as ready:
            env = BenchEnv.create(ready, workdir)
            env.manage("migrate", "--noinput", "-v0")
            line["figures"] = benchmark.run(env, params)
    except BenchError as exc:
        return {"name": benchmark.name, "database": database.vendor, "error": str(exc)}
    log(f"bench: {benchmark.name} on {database.vendor} done in {time.monotonic() - started:.0f} s")
    return line


def run_all(
    benchmarks: list[Benchmark], *, full: bool, database_url: str | None, log: Log
) -> Iterator[dict[str, Any]]:
    """1. Make a work directory with its own var/ and collected static files.
    2. For each benchmark and each database: a fresh database, migrated; run; yield its line.
    3. Remove the work directory.
    """
    workdir = Path(tempfile.mkdtemp(prefix="hailong-bench-"))
    try:
        databases = [database_for_url(database_url)] if database_url else default_databases(workdir)
        prepare_static(BenchEnv.create(databases[0], workdir))
        for benchmark in benchmarks:
            for database in databases:
                yield run_one(benchmark, database, workdir, full=full, log=log)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
