"""``hailong run-demo``: web, worker and scheduler as children that live and die together."""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from pytest_django import Settings

from hailong.jobs.management.commands.run_demo import child_commands
from hailong.jobs.supervisor import Supervisor

SLEEPER = [sys.executable, "-c", "import time; time.sleep(60)"]


def test_when_one_child_dies_the_others_are_stopped_and_its_code_returned() -> None:
    supervisor = Supervisor({"web": SLEEPER, "worker": [sys.executable, "-c", "exit(3)"]})
    started = time.monotonic()

    code = supervisor.run()

    assert code == 3
    assert supervisor.processes["web"].returncode == -signal.SIGTERM
    assert time.monotonic() - started < 10


def test_sigterm_is_forwarded_to_every_child() -> None:
    supervisor = Supervisor({"web": SLEEPER, "worker": SLEEPER, "scheduler": SLEEPER})
    threading.Timer(0.5, os.kill, (os.getpid(), signal.SIGTERM)).start()

    code = supervisor.run()

    assert code == 0
    assert [p.returncode for p in supervisor.processes.values()] == [-signal.SIGTERM] * 3
    assert signal.getsignal(signal.SIGTERM) is not supervisor._request_stop


def test_a_child_killed_by_a_signal_gives_the_shell_exit_code() -> None:
    supervisor = Supervisor(
        {"worker": [sys.executable, "-c", "import os; os.kill(os.getpid(), 9)"]}
    )

    assert supervisor.run() == 128 + signal.SIGKILL


def test_a_child_that_ignores_sigterm_is_killed_after_the_timeout() -> None:
    stubborn = [
        sys.executable,
        "-c",
        "import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); time.sleep(60)",
    ]
    supervisor = Supervisor({"web": stubborn, "worker": [sys.executable, "-c", "pass"]})
    supervisor.stop_timeout = 0.5

    assert supervisor.run() == 1
    assert supervisor.processes["web"].returncode == -signal.SIGKILL


def test_the_children_are_gunicorn_a_worker_and_a_scheduler() -> None:
    commands = child_commands(host="127.0.0.1", port=8123, workers=3, threads=2)

    web = commands["web"]
    assert web[1:4] == ["-m", "gunicorn", "hailong.wsgi:application"]
    assert web[web.index("--bind") + 1] == "127.0.0.1:8123"
    assert web[web.index("--workers") + 1] == "3"
    assert commands["worker"][-1] == "worker"
    assert commands["scheduler"][-1] == "scheduler"
    assert child_commands(host="::1", port=80, workers=1, threads=1)["web"][5] == "[::1]:80"


def test_it_prints_the_staff_login_url(
    monkeypatch: pytest.MonkeyPatch, settings: Settings, tmp_path: Path
) -> None:
    settings.STATIC_ROOT = tmp_path
    (tmp_path / "staticfiles.json").write_text("{}")
    monkeypatch.setattr(Supervisor, "run", lambda self: 0)
    out = StringIO()

    with pytest.raises(SystemExit) as exit_info:
        call_command("run_demo", "--host", "0.0.0.0", "--port", "8123", stdout=out)  # noqa: S104

    assert exit_info.value.code == 0
    assert "http://127.0.0.1:8123/tai-khoan/dang-nhap/" in out.getvalue()
