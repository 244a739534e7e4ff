"""``hailong import-procedures FILE``: load or refresh the national procedure catalogue."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from hailong.core.errors import ServiceError
from hailong.dossiers.catalogue import procedures_import_file


class Command(BaseCommand):
    help = (
        "Import procedure fields and procedures from an XLSX or CSV file with the columns "
        "ma_linh_vuc, ten_linh_vuc, ma_thu_tuc, ten_thu_tuc [, cap_thuc_hien, con_hieu_luc]. "
        "Idempotent: rows are matched by code."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file", type=Path, help="XLSX or CSV file")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"không có tệp {path}")
        try:
            with path.open("rb") as file:
                report = procedures_import_file(file)
        except ServiceError as error:
            raise CommandError(error.message) from error
        for number, message in report.errors:
            self.stderr.write(f"dòng {number}: {message}")
        self.stdout.write(
            f"lĩnh vực mới: {report.fields_created}; thủ tục mới: {report.created}, "
            f"cập nhật: {report.updated}, không đổi: {report.unchanged}, lỗi: {len(report.errors)}"
        )
