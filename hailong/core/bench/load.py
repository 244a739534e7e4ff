"""A small HTTP load generator for benchmarks: threads with keep-alive ``http.client`` clients.

Only loopback addresses, at most ``MAX_CLIENTS`` clients, ``MAX_SECONDS`` per phase and a request
budget: it can load our own server on this machine and nothing else. Each client sends its next
request as soon as the previous answer is read (closed loop), so requests/s is what the server
sustains with that many users waiting on it. Python clients cost CPU too: on 2 cores they share
the machine with the server, which lowers the figures a little (as any client on the box would).
"""

from __future__ import annotations

import http.client
import ipaddress
import itertools
import math
import re
import socket
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from urllib.parse import urlencode

from hailong.core.bench.base import BenchError

MAX_CLIENTS = 256
MAX_SECONDS = 600.0
MAX_REQUESTS = 1_000_000
REQUEST_TIMEOUT_S = 30.0
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass(frozen=True)
class Target:
    host: str
    port: int
    path: str
    headers: Mapping[str, str] = field(default_factory=dict)
    expect_status: int = 200


@dataclass
class LoadResult:
    clients: int
    seconds: float
    latencies_ms: list[float]
    errors: int

    @property
    def requests(self) -> int:
        return len(self.latencies_ms)

    def figures(self) -> dict[str, float | int]:
        """requests, errors, requests/s and latency percentiles (ms) of the answered requests."""
        ok = sorted(self.latencies_ms)
        return {
            "requests": len(ok),
            "errors": self.errors,
            "rps": round(len(ok) / self.seconds, 1) if self.seconds else 0.0,
            "p50_ms": round(percentile(ok, 50), 2),
            "p90_ms": round(percentile(ok, 90), 2),
            "p99_ms": round(percentile(ok, 99), 2),
            "max_ms": round(ok[-1], 2) if ok else 0.0,
        }


def percentile(values: Sequence[float], p: float) -> float:
    """Nearest-rank percentile of already sorted ``values`` (0 for an empty list)."""
    if not values:
        return 0.0
    rank = max(1, math.ceil(p / 100 * len(values)))
    return values[min(rank, len(values)) - 1]


def check_loopback(host: str) -> None:
    address = ipaddress.ip_address(socket.gethostbyname(host))
    if not address.is_loopback:
        raise BenchError(f"the load generator only targets loopback addresses, not {host}")


class _Client:
    """One simulated user: one keep-alive connection, reopened when the server closes it."""

    def __init__(self, target: Target) -> None:
        self.target = target
        self.conn: http.client.HTTPConnection | None = None
        self.latencies_ms: list[float] = []
        self.errors = 0

    def request_once(self) -> None:
        target = self.target
        if self.conn is None:
            self.conn = http.client.HTTPConnection(
                target.host, target.port, timeout=REQUEST_TIMEOUT_S
            )
        start = time.perf_counter()
        try:
            self.conn.request("GET", target.path, headers=dict(target.headers))
            response = self.conn.getresponse()
            response.read()
        except (OSError, http.client.HTTPException):
            self.errors += 1
            self.close()
            return
        elapsed_ms = (time.perf_counter() - start) * 1000
        if response.status == target.expect_status:
            self.latencies_ms.append(elapsed_ms)
        else:
            self.errors += 1
        if response.will_close:
            self.close()

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def _client_loop(
    client: _Client,
    start: threading.Barrier,
    deadline: list[float],
    budget: itertools.count[int],
    limit: int,
) -> None:
    start.wait()
    while time.monotonic() < deadline[0] and next(budget) < limit:
        client.request_once()
    client.close()


def run_load(
    target: Target, *, clients: int, seconds: float, max_requests: int = MAX_REQUESTS
) -> LoadResult:
    """Keep ``clients`` concurrent users busy on ``target`` for ``seconds`` (or the budget).

    1. Check the target is a loopback address and the bounds are sane.
    2. Start one thread per client; a barrier releases them together.
    3. Each loops: request, read the answer, record its latency, until time or budget ends.
    4. Merge the latencies; the elapsed time runs from the release to the last client's end.
    """
    check_loopback(target.host)
    if not (1 <= clients <= MAX_CLIENTS and 0 < seconds <= MAX_SECONDS):
        raise BenchError(f"load out of bounds: {clients} clients for {seconds} s")
    users = [_Client(target) for _ in range(clients)]
    barrier = threading.Barrier(clients + 1)
    deadline = [math.inf]
    budget = itertools.count()
    limit = min(max_requests, MAX_REQUESTS)
    threads = [
        threading.Thread(target=_client_loop, args=(u, barrier, deadline, budget, limit))
        for u in users
    ]
    for thread in threads:
        thread.start()
    deadline[0] = time.monotonic() + seconds
    began = time.perf_counter()
    barrier.wait()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    latencies = [ms for user in users for ms in user.latencies_ms]
    return LoadResult(clients, elapsed, latencies, sum(user.errors for user in users))


def _cookies(response: http.client.HTTPResponse, jar: dict[str, str]) -> None:
    for header in response.headers.get_all("Set-Cookie") or []:
        parsed: SimpleCookie = SimpleCookie()
        parsed.load(header)
        jar.update({name: morsel.value for name, morsel in parsed.items()})


def _cookie_header(jar: Mapping[str, str]) -> str:
    return "; ".join(f"{name}={value}" for name, value in jar.items())


def login_cookie(
    host: str, port: int, *, username: str, password: str, path: str = "/tai-khoan/dang-nhap/"
) -> str:
    """Log in through the real login form; return the ``Cookie`` header of the session."""
    check_loopback(host)
    jar: dict[str, str] = {}
    conn = http.client.HTTPConnection(host, port, timeout=REQUEST_TIMEOUT_S)
    try:
        conn.request("GET", path)
        page = conn.getresponse()
        match = CSRF_INPUT.search(page.read().decode("utf-8", "replace"))
        _cookies(page, jar)
        if match is None or page.status != 200:
            raise BenchError(f"GET {path} answered {page.status} without a CSRF token")
        body = urlencode(
            {"username": username, "password": password, "csrfmiddlewaretoken": match[1]}
        )
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": _cookie_header(jar),
        }
        conn.request("POST", path, body=body, headers=headers)
        answer = conn.getresponse()
        answer.read()
        _cookies(answer, jar)
    finally:
        conn.close()
    if answer.status != 302 or "sessionid" not in jar:
        raise BenchError(f"login as {username} failed: POST {path} answered {answer.status}")
    return _cookie_header(jar)
