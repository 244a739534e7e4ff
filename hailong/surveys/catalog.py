"""Where the ``methods`` CLI reads methods from: the database if it holds any, else the files.

Analysts run ``hailong methods show sipas-2017 --json`` on a laptop without a database; on a
server the database is the truth (wards' own methods, versions published since).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.db import DatabaseError, connection

from hailong.surveys.builtin import builtin_definitions
from hailong.surveys.definition import Definition


@dataclass(frozen=True)
class CatalogEntry:
    definition: Definition
    source: str  # "db" or "files"
    version: int | None = None
    status: str = "published"
    owner: str | None = None

    def meta(self) -> dict[str, object]:
        return {
            "source": self.source,
            "version": self.version,
            "status": self.status,
            "owner": self.owner,
        }


def _database_ready() -> bool:
    """The surveys tables exist and hold a method (any database error means "no")."""
    try:
        if "surveys_method" not in connection.introspection.table_names():
            return False
        from hailong.surveys.models import Method

        return Method.objects.exists()
    except (DatabaseError, RuntimeError):  # RuntimeError: database access blocked (tests)
        return False


def _db_entries(code: str | None, number: int | None) -> list[CatalogEntry]:
    from hailong.surveys.models import Method, VersionStatus

    methods = Method.objects.select_related("owner").order_by("owner__path", "code")
    if code is not None:
        methods = methods.filter(code=code)
    entries = []
    for method in methods:
        versions = method.versions.order_by("-number")
        if number is not None:
            versions = versions.filter(number=number)
        version = versions.filter(status=VersionStatus.PUBLISHED).first() or versions.first()
        if version is None:
            continue
        entries.append(
            CatalogEntry(
                definition=version.parsed(),
                source="db",
                version=version.number,
                status=version.status,
                owner=method.owner.name if method.owner else None,
            )
        )
    return entries


def catalog_entries(
    *,
    source: str = "auto",
    code: str | None = None,
    number: int | None = None,
    directory: Path | None = None,
) -> list[CatalogEntry]:
    """The methods from ``source`` ("db", "files" or "auto"), optionally one code/version."""
    use_db = source == "db" or (source == "auto" and _database_ready())
    if use_db:
        return _db_entries(code, number)
    entries = [CatalogEntry(definition=d, source="files") for d in builtin_definitions(directory)]
    return [e for e in entries if code is None or e.definition.code == code]
