"""A fresh database for each benchmark run, created before and dropped after.

Safety: the bench only creates and drops databases (or SQLite files) whose name contains
``bench``, so a mistyped ``--database-url`` cannot wipe a real one.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlparse

import psycopg
from psycopg import sql

from hailong.core.bench.base import BenchError

DEFAULT_POSTGRES_URL = "postgresql://postgres@127.0.0.1:5432/hailong_bench"
CONNECT_TIMEOUT_S = 3


@dataclass(frozen=True)
class Database:
    vendor: str  # "sqlite" | "postgresql"
    url: str


def database_for_url(url: str) -> Database:
    scheme = urlparse(url).scheme.lower()
    if scheme == "sqlite":
        return Database("sqlite", url)
    if scheme in {"postgres", "postgresql", "pgsql"}:
        return Database("postgresql", url)
    raise BenchError(f"unsupported database URL {url!r} (use sqlite:/// or postgresql://)")


def _sqlite_path(url: str) -> Path:
    parsed = urlparse(url)
    raw = unquote(parsed.netloc + parsed.path) if parsed.netloc else unquote(parsed.path)[1:]
    path = Path(raw)
    if not path.is_absolute():
        raise BenchError(f"give the bench an absolute SQLite path (sqlite:////abs/path): {url}")
    return path


def _postgres_admin(url: str) -> tuple[psycopg.Connection[tuple[object, ...]], str]:
    """An autocommit connection to the server's ``postgres`` database, and the target name."""
    parsed = urlparse(url)
    name = unquote(parsed.path.removeprefix("/"))
    conn = psycopg.connect(
        host=parsed.hostname or "127.0.0.1",
        port=parsed.port or 5432,
        user=unquote(parsed.username or "postgres"),
        password=unquote(parsed.password or "") or None,
        dbname="postgres",
        connect_timeout=CONNECT_TIMEOUT_S,
        autocommit=True,
    )
    return conn, name


def postgres_reachable(url: str) -> bool:
    try:
        conn, _name = _postgres_admin(url)
    except psycopg.Error:
        return False
    conn.close()
    return True


def _check_name(name: str) -> None:
    if "bench" not in name:
        raise BenchError(f"refusing to create or drop {name!r}: its name must contain 'bench'")


def _sqlite_remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _postgres_recreate(url: str, *, create: bool) -> None:
    _check_name(unquote(urlparse(url).path.removeprefix("/")))
    conn, name = _postgres_admin(url)
    with conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        if create:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


@contextmanager
def fresh_database(database: Database) -> Iterator[Database]:
    """Create an empty database for ``database``, yield it, then drop it."""
    if database.vendor == "sqlite":
        path = _sqlite_path(database.url)
        _check_name(path.name)
        _sqlite_remove(path)
        try:
            yield database
        finally:
            _sqlite_remove(path)
        return
    _postgres_recreate(database.url, create=True)
    try:
        yield database
    finally:
        _postgres_recreate(database.url, create=False)
