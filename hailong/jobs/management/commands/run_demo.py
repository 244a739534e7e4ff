"""``hailong run-demo --host H --port P``: the whole site on one machine.

Starts gunicorn (the web site), one ``hailong worker`` and one ``hailong scheduler`` as child
processes, prints the addresses, forwards Ctrl-C/SIGTERM to them, and stops when any dies.
"""

from __future__ import annotations

import sys
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from hailong.jobs.supervisor import Supervisor

WILDCARD_HOSTS = {"0.0.0.0", "::", ""}  # noqa: S104 (what the user asked to bind)


def bind_address(host: str, port: int) -> str:
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def child_commands(*, host: str, port: int, workers: int, threads: int) -> dict[str, list[str]]:
    """The three processes of the embedded mode, run with this very interpreter."""
    python = sys.executable
    return {
        "web": [
            python, "-m", "gunicorn", "hailong.wsgi:application",
            "--bind", bind_address(host, port),
            "--workers", str(workers), "--threads", str(threads),
            "--access-logfile", "-", "--graceful-timeout", "20",
            "--no-control-socket",  # gunicorn 27's default socket is shared by every instance
        ],
        "worker": [python, "-m", "hailong.cli", "worker"],
        "scheduler": [python, "-m", "hailong.cli", "scheduler"],
    }  # fmt: skip


class Command(BaseCommand):
    help = "Chạy bản demo: web (gunicorn), một tiến trình xử lý nền và bộ lập lịch."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        # Two cores: three sync processes with two threads each keep both busy.
        parser.add_argument("--workers", type=int, default=3, help="gunicorn processes")
        parser.add_argument("--threads", type=int, default=2, help="threads per process")

    def handle(self, *args: Any, **options: Any) -> None:
        self._ensure_static()
        host, port = options["host"], options["port"]
        supervisor = Supervisor(
            child_commands(
                host=host, port=port, workers=options["workers"], threads=options["threads"]
            )
        )
        self._print_urls(host, port)
        sys.exit(supervisor.run())

    def _ensure_static(self) -> None:
        """Without DEBUG, whitenoise needs collected files and their manifest."""
        if not settings.DEBUG and not (settings.STATIC_ROOT / "staticfiles.json").exists():
            call_command("collectstatic", interactive=False, verbosity=0)

    def _print_urls(self, host: str, port: int) -> None:
        shown = "127.0.0.1" if host in WILDCARD_HOSTS else host
        base = f"http://{bind_address(shown, port)}"
        self.stdout.write(self.style.SUCCESS(_("hailong đang chạy tại %(base)s/") % {"base": base}))
        self.stdout.write(
            _("  Đăng nhập cán bộ:   %(url)s") % {"url": f"{base}/tai-khoan/dang-nhap/"}
        )
        self.stdout.write(_("  Kiểm tra hoạt động: %(url)s") % {"url": f"{base}/healthz"})
        self.stdout.write(_("Nhấn Ctrl-C để dừng (web, xử lý nền, lập lịch)."))
        self.stdout.flush()
