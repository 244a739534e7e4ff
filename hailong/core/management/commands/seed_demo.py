"""``hailong seed-demo``: seed (idempotently) the demo ward and print how to use it."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from hailong.core.demo import DemoContext, run_seeders


class Command(BaseCommand):
    help = "Seed the demo data (Hà Nội, Ba Đình, phường Vĩnh Phúc …). Safe to run again."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--quiet", action="store_true", help="Do not print the summary.")

    def handle(self, *args: Any, **options: Any) -> None:
        quiet = options["quiet"]
        ctx = DemoContext(
            log=(lambda msg: None) if quiet else (lambda msg: self.stdout.write(f"  · {msg}"))
        )
        with transaction.atomic():
            run_seeders(ctx)
        if quiet:
            return
        base = settings.SITE_URL.rstrip("/")
        self.stdout.write(self.style.SUCCESS("\nDữ liệu mẫu đã sẵn sàng / demo data ready.\n"))
        self.stdout.write("Địa chỉ / URLs:")
        for what, path in [("Đăng nhập cán bộ / staff login", "/tai-khoan/dang-nhap/"), *ctx.urls]:
            self.stdout.write(f"  {what:<48} {base}{path}")
        self.stdout.write("\nTài khoản mẫu (chỉ dùng cho bản demo) / demo accounts (demo only):")
        for username, password, what in ctx.accounts:
            self.stdout.write(f"  {username:<22} {password:<20} {what}")
