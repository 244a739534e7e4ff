"""``hailong load-methods``: load the built-in methods; a changed file publishes a new version."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from hailong.surveys.services import methods_load_builtin


class Command(BaseCommand):
    help = (
        "Nạp các phương pháp dựng sẵn (chạy lại an toàn) / load the built-in methods (idempotent)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        created = methods_load_builtin()
        if not created:
            self.stdout.write("Không có thay đổi / nothing changed.")
        for version in created:
            self.stdout.write(
                f"{version.method.code}: phiên bản {version.number} / version {version.number}"
            )
