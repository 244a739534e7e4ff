"""The benchmarks' load generator: bounded, loopback only, counts what it measures."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from hailong.core.bench.base import BenchError
from hailong.core.bench.load import LoadResult, Target, percentile, run_load


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        status = 200 if self.path == "/ok" else 404
        body = b"ok"
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        if self.path == "/ok" and self.headers.get("X-Close"):
            self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        return


@pytest.fixture
def server() -> Iterator[ThreadingHTTPServer]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


def _target(httpd: ThreadingHTTPServer, path: str, **headers: str) -> Target:
    return Target("127.0.0.1", httpd.server_address[1], path, headers=headers)


@pytest.mark.parametrize(
    ("values", "p", "expected"),
    [
        ([], 50, 0.0),
        ([5.0], 99, 5.0),
        ([1.0, 2.0, 3.0, 4.0], 50, 2.0),
        ([1.0, 2.0, 3.0, 4.0], 99, 4.0),
        ([float(i) for i in range(1, 101)], 90, 90.0),
    ],
)
def test_percentile_is_the_nearest_rank(values: list[float], p: float, expected: float) -> None:
    assert percentile(values, p) == expected


def test_it_stops_at_the_request_budget(server: ThreadingHTTPServer) -> None:
    result = run_load(_target(server, "/ok"), clients=4, seconds=10, max_requests=40)
    assert result.requests == 40
    assert result.errors == 0
    assert result.seconds < 10


def test_it_reconnects_when_the_server_closes_each_connection(server: ThreadingHTTPServer) -> None:
    result = run_load(
        _target(server, "/ok", **{"X-Close": "1"}), clients=2, seconds=5, max_requests=20
    )
    assert (result.requests, result.errors) == (20, 0)


def test_it_counts_unexpected_statuses_as_errors(server: ThreadingHTTPServer) -> None:
    result = run_load(_target(server, "/missing"), clients=1, seconds=5, max_requests=5)
    assert (result.requests, result.errors) == (0, 5)


def test_it_stops_when_the_time_is_up(server: ThreadingHTTPServer) -> None:
    result = run_load(_target(server, "/ok"), clients=2, seconds=0.3)
    assert 0.3 <= result.seconds < 2
    assert result.requests > 0


def test_it_refuses_a_host_that_is_not_loopback() -> None:
    with pytest.raises(BenchError, match="loopback"):
        run_load(Target("192.0.2.1", 80, "/"), clients=1, seconds=1)


@pytest.mark.parametrize(("clients", "seconds"), [(0, 1), (257, 1), (1, 0), (1, 601)])
def test_it_refuses_unbounded_loads(
    server: ThreadingHTTPServer, clients: int, seconds: float
) -> None:
    with pytest.raises(BenchError, match="bounds"):
        run_load(_target(server, "/ok"), clients=clients, seconds=seconds)


def test_figures_give_rates_and_percentiles_in_milliseconds() -> None:
    result = LoadResult(clients=2, seconds=2.0, latencies_ms=[10.0, 30.0, 20.0, 40.0], errors=1)
    assert result.figures() == {
        "requests": 4,
        "errors": 1,
        "rps": 2.0,
        "p50_ms": 20.0,
        "p90_ms": 40.0,
        "p99_ms": 40.0,
        "max_ms": 40.0,
    }
