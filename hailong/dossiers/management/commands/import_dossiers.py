"""``hailong import-dossiers UNIT_CODE FILE``: import a one-stop export from the shell.

The columns are mapped as the upload page would guess them; the import runs in this process
(no worker needed) and prints its counts, its speed and the process's peak memory. Operators use
it for very large files; ``hailong bench`` uses it to measure the import.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path
from typing import Any

from django.core.files import File
from django.core.management.base import BaseCommand, CommandError

from hailong.core.errors import ServiceError
from hailong.dossiers import imports
from hailong.dossiers.models import DossierImport
from hailong.units.models import AdministrativeUnit, UnitLevel


def peak_rss_mb() -> float:
    """The process's peak resident memory so far (Linux reports KiB, macOS bytes)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(peak / (1024 * 1024 if sys.platform == "darwin" else 1024), 1)


class Command(BaseCommand):
    help = "Import dossiers for the commune-level unit with code UNIT_CODE from an XLSX/CSV file."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("unit_code", help="official code of the ward/commune, e.g. 00004")
        parser.add_argument("file", type=Path)
        parser.add_argument("--json", action="store_true", help="print one JSON line")

    def handle(self, *args: Any, **options: Any) -> None:
        unit = (
            AdministrativeUnit.objects.filter(code=options["unit_code"], level=UnitLevel.COMMUNE)
            .order_by("-valid_from")
            .first()
        )
        if unit is None:
            raise CommandError(f"không có đơn vị cấp xã mã {options['unit_code']}")
        job = self._job(unit, options["file"])
        rss_before = peak_rss_mb()
        started = time.perf_counter()
        job.run()
        seconds = time.perf_counter() - started
        job.refresh_from_db()
        summary = {
            "status": job.status,
            "rows": job.rows_read,
            "created": job.created_count,
            "updated": job.updated_count,
            "unchanged": job.unchanged_count,
            "errors": job.error_count,
            "seconds": round(seconds, 2),
            "rows_per_s": round(job.rows_read / seconds) if seconds else None,
            "peak_rss_mb_before": rss_before,
            "peak_rss_mb": peak_rss_mb(),
        }
        if options["json"]:
            self.stdout.write(json.dumps(summary))
        else:
            for key, value in summary.items():
                self.stdout.write(f"{key}: {value}")
        if job.error:
            self.stderr.write(job.error[:2000])

    def _job(self, unit: AdministrativeUnit, path: Path) -> DossierImport:
        if not path.is_file():
            raise CommandError(f"không có tệp {path}")
        try:
            with path.open("rb") as handle:
                upload = imports.dossier_upload_store(unit=unit, file=File(handle, name=path.name))
            mapping = imports.guess_mapping(upload.header)
            return imports.dossier_import_start(
                unit=unit, user=None, upload=upload, mapping=mapping, enqueue=False
            )
        except ServiceError as error:
            raise CommandError(error.message) from error
