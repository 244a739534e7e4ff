"""A real gunicorn serving hailong on a free loopback port, for benchmarks that need HTTP.

gunicorn writes one access-log line per request with the time it spent on it (``%(D)s``,
microseconds), so a benchmark can report server time next to the latency its clients saw.
"""

from __future__ import annotations

import http.client
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from hailong.core.bench.base import BenchError

HOST = "127.0.0.1"
ACCESS_FORMAT = "%(D)s %(s)s %(m)s %(U)s"
START_TIMEOUT_S = 60.0
STOP_TIMEOUT_S = 15.0


@dataclass(frozen=True)
class Server:
    host: str
    port: int
    access_log: Path

    def log_mark(self) -> int:
        """Where the access log ends now; pass it to ``server_times_ms`` after a load phase."""
        return self.access_log.stat().st_size if self.access_log.exists() else 0

    def server_times_ms(self, since: int, path: str | None = None) -> list[float]:
        """Milliseconds gunicorn spent on each request logged after ``since`` (for ``path``)."""
        with self.access_log.open("rb") as log:
            log.seek(since)
            lines = log.read().decode("utf-8", "replace").splitlines()
        times = []
        for line in lines:
            parts = line.split()
            if len(parts) == 4 and parts[0].isdigit() and (path is None or parts[3] == path):
                times.append(int(parts[0]) / 1000)
        return times


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        port: int = sock.getsockname()[1]
        return port


def _command(port: int, workers: int, threads: int, access_log: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "hailong.wsgi:application",
        f"--bind={HOST}:{port}",
        f"--workers={workers}",
        f"--threads={threads}",
        f"--access-logfile={access_log}",
        f"--access-logformat={ACCESS_FORMAT}",
        "--error-logfile=-",
        "--log-level=warning",
        "--timeout=60",
        "--graceful-timeout=5",
        "--no-control-socket",  # gunicorn 27's default socket is shared by every instance
    ]


def _wait_ready(process: subprocess.Popen[bytes], port: int, errors: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            tail = errors.read_text(errors="replace")[-2000:]
            raise BenchError(f"gunicorn exited with {process.returncode}:\n{tail}")
        try:
            conn = http.client.HTTPConnection(HOST, port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                conn.close()
                return
            conn.close()
        except OSError:
            pass
        time.sleep(0.2)
    raise BenchError(f"gunicorn did not answer /healthz within {START_TIMEOUT_S:.0f} s")


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=STOP_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=STOP_TIMEOUT_S)


@contextmanager
def gunicorn_server(
    *, environ: Mapping[str, str], workdir: Path, workers: int, threads: int = 1
) -> Iterator[Server]:
    """Start gunicorn (gthread workers when ``threads`` > 1), wait until it answers, stop it."""
    port = free_port()
    access_log = workdir / f"access-{port}.log"
    errors = workdir / f"gunicorn-{port}.log"
    with errors.open("wb") as error_file:
        process = subprocess.Popen(  # noqa: S603 (our own interpreter, fixed arguments)
            _command(port, workers, threads, access_log),
            env=dict(environ),
            stdout=error_file,
            stderr=subprocess.STDOUT,
        )
        try:
            _wait_ready(process, port, errors)
            yield Server(HOST, port, access_log)
        finally:
            _stop(process)
