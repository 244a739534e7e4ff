"""What a benchmark gets: its database, the ``hailong`` command against it, a real server."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

from hailong.core.bench.base import BenchError
from hailong.core.bench.databases import Database
from hailong.core.bench.server import Server, gunicorn_server

COMMAND_TIMEOUT_S = 1800


def bench_environ(database: Database, var_dir: Path) -> dict[str, str]:
    """The environment of every process the bench starts: production-like, own database."""
    environ = dict(os.environ)
    environ.update(
        DATABASE_URL=database.url,
        SECRET_KEY=secrets.token_urlsafe(50),
        HAILONG_VAR_DIR=str(var_dir),
        DEBUG="0",
        LOG_LEVEL="WARNING",
        PYTHONUNBUFFERED="1",
    )
    return environ


@dataclass
class BenchEnv:
    database: Database
    workdir: Path
    environ: dict[str, str] = field(default_factory=dict)

    @classmethod
    def create(cls, database: Database, workdir: Path) -> BenchEnv:
        return cls(database, workdir, bench_environ(database, workdir / "var"))

    def manage(self, *args: str) -> str:
        """Run ``hailong <args>`` against the benchmark's database; return its stdout."""
        completed = subprocess.run(  # noqa: S603 (our own interpreter, fixed arguments)
            [sys.executable, "-m", "hailong.cli", *args],
            env=self.environ,
            cwd=settings.BASE_DIR,
            capture_output=True,
            text=True,
            timeout=COMMAND_TIMEOUT_S,
            check=False,
        )
        if completed.returncode != 0:
            raise BenchError(f"hailong {' '.join(args)} failed:\n{completed.stderr[-2000:]}")
        return completed.stdout

    def server(self, *, workers: int, threads: int = 1) -> AbstractContextManager[Server]:
        """A gunicorn serving this database (``with env.server(workers=5) as server:``)."""
        return gunicorn_server(
            environ=self.environ, workdir=self.workdir, workers=workers, threads=threads
        )


def prepare_static(env: BenchEnv) -> None:
    """Collect static files once into the bench's own var/ (pages need the manifest)."""
    env.manage("collectstatic", "--noinput", "-v0")
