"""``staff_home_rps``: requests/s and latency of the staff home page under concurrent users.

gunicorn serves the demo seed as ``docs/deployment.md`` runs it in production (2 × cores + 1
processes × 4 threads); a ward leader logs in through the login form, then 1, 8 and 32 clients
request ``GET /staff/`` with that session for a fixed time each.
"""

from __future__ import annotations

import os

from hailong.core.bench.base import BenchError, Benchmark, Figures, Params
from hailong.core.bench.env import BenchEnv
from hailong.core.bench.load import Target, login_cookie, percentile, run_load
from hailong.core.bench.server import Server
from hailong.core.demo import DEMO_PASSWORD

PATH = "/staff/"
USERNAME = "vinhphuc.lanhdao"
WARMUP_S = 1.0


def _workers() -> int:
    return 2 * (os.cpu_count() or 1) + 1


def _phase(server: Server, target: Target, clients: int, params: Params) -> dict[str, object]:
    mark = server.log_mark()
    result = run_load(
        target, clients=clients, seconds=params["seconds"], max_requests=params["max_requests"]
    )
    server_ms = sorted(server.server_times_ms(mark, PATH))
    return {
        **result.figures(),
        "server_p50_ms": round(percentile(server_ms, 50), 2),
        "server_p99_ms": round(percentile(server_ms, 99), 2),
    }


def _check(target: Target) -> None:
    """One request first: a 302 to the login page or a 500 must stop the run, not be timed."""
    result = run_load(target, clients=1, seconds=10, max_requests=1)
    if result.errors:
        raise BenchError(f"GET {PATH} as {USERNAME} did not answer {target.expect_status}")


def run(env: BenchEnv, params: Params) -> Figures:
    env.manage("seed_demo", "--quiet")
    figures: Figures = {}
    with env.server(workers=params["workers"], threads=params["threads"]) as server:
        cookie = login_cookie(server.host, server.port, username=USERNAME, password=DEMO_PASSWORD)
        target = Target(server.host, server.port, PATH, headers={"Cookie": cookie})
        _check(target)
        run_load(target, clients=params["workers"], seconds=WARMUP_S)
        for clients in params["clients"]:
            figures[f"c{clients}"] = _phase(server, target, clients, params)
    return figures


BENCHMARK = Benchmark(
    name="staff_home_rps",
    description="GET /staff/ (logged-in ward leader) on gunicorn: requests/s, p50/p99 latency",
    run=run,
    params={
        "clients": [1, 8, 32],
        "seconds": 5.0,
        "max_requests": 100_000,
        "workers": _workers(),
        "threads": 4,
    },
    full_params={"clients": [1, 8, 32, 64], "seconds": 30.0, "max_requests": 1_000_000},
)
