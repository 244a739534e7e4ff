"""``hailong import-units FILE [--dry-run] [--user USERNAME]``: import a unit list now."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from hailong.accounts.models import User
from hailong.units.importing import ImportRefused, units_import


class Command(BaseCommand):
    help = (
        "Nhập danh sách đơn vị hành chính từ tệp CSV hoặc XLSX, tất cả hoặc không gì cả "
        "(xem docs/import-units.md)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="Tệp .csv hoặc .xlsx")
        parser.add_argument(
            "--dry-run", action="store_true", help="Chỉ kiểm tra, không ghi gì vào hệ thống."
        )
        parser.add_argument(
            "--user",
            help="Nhập với quyền của tài khoản này (mặc định: quyền hệ thống, không giới hạn).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(_("Không tìm thấy tệp %(path)s.") % {"path": path})
        actor = self._actor(options["user"])
        try:
            with path.open("rb") as handle:
                result = units_import(source=handle, actor=actor, dry_run=options["dry_run"])
        except ImportRefused as refused:
            for line in refused.lines():
                self.stderr.write(line)
            raise CommandError(refused.message, returncode=1) from None
        self.stdout.write(result.summary())
        if result.ignored_columns:
            ignored = ", ".join(f"«{c}»" for c in result.ignored_columns)
            self.stdout.write(_("Các cột không dùng: %(columns)s.") % {"columns": ignored})

    def _actor(self, username: str | None) -> User | None:
        if not username:
            return None
        actor = User.objects.filter(username=username, is_active=True).first()
        if actor is None:
            raise CommandError(_("Không có tài khoản đang hoạt động «%(u)s».") % {"u": username})
        return actor
