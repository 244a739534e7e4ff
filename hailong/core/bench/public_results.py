"""``public_results``: the published results page's weight on the wire and its server time.

The demo seed publishes Vĩnh Phúc's 2023 results (corrected once) and its neighbours'. Bytes:
the page's HTML with its inline SVG charts, compressed as a front proxy would (gzip level 6,
Brotli quality 5), plus its two stylesheets as whitenoise serves them precompressed. Time:
gunicorn's own time per request (its access log), 1 and 8 concurrent users, for the results page
(served from the cache keyed by snapshot id after the first request), the city ranking page and
the JSON; the first, uncached render is timed once before the load.
"""

from __future__ import annotations

import gzip
import http.client
import re
import time

import brotli

from hailong.core.bench.base import BenchError, Benchmark, Figures, Params
from hailong.core.bench.env import BenchEnv
from hailong.core.bench.load import Target, percentile, run_load
from hailong.core.bench.server import Server

IDS = """
from hailong.units.models import AdministrativeUnit
ward = AdministrativeUnit.objects.get(name="Phường Vĩnh Phúc")
print(ward.pk, int(ward.path.strip("/").split("/")[0]))
"""
STYLESHEET = re.compile(r'<link rel="stylesheet" href="([^"]+)"')
BUDGET_BYTES = 50 * 1024


def _get(server: Server, path: str, encoding: str = "identity") -> tuple[int, bytes]:
    conn = http.client.HTTPConnection(server.host, server.port, timeout=30)
    try:
        conn.request("GET", path, headers={"Accept-Encoding": encoding})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def _bytes(server: Server, path: str) -> dict[str, int]:
    status, html = _get(server, path)
    if status != 200:
        raise BenchError(f"GET {path} answered {status}")
    figures = {
        "html_bytes": len(html),
        "svg_bytes": sum(len(m) for m in re.findall(rb"<svg.*?</svg>", html, re.S)),
        "html_gzip_bytes": len(gzip.compress(html, compresslevel=6)),
        "html_br_bytes": len(brotli.compress(html, quality=5)),
        "css_gzip_bytes": 0,
        "css_br_bytes": 0,
    }
    for href in STYLESHEET.findall(html.decode()):
        figures["css_gzip_bytes"] += len(_get(server, href, "gzip")[1])
        figures["css_br_bytes"] += len(_get(server, href, "br")[1])
    figures["total_gzip_bytes"] = figures["html_gzip_bytes"] + figures["css_gzip_bytes"]
    figures["total_br_bytes"] = figures["html_br_bytes"] + figures["css_br_bytes"]
    return figures


def _times(server: Server, path: str, params: Params) -> dict[str, float]:
    target = Target(server.host, server.port, path)
    figures: dict[str, float] = {}
    for clients in (1, 8):
        mark = server.log_mark()
        result = run_load(target, clients=clients, seconds=params["seconds"])
        server_ms = sorted(server.server_times_ms(mark, path))
        figures[f"c{clients}_rps"] = result.figures()["rps"]
        figures[f"c{clients}_errors"] = result.figures()["errors"]
        figures[f"c{clients}_server_p50_ms"] = round(percentile(server_ms, 50), 2)
        figures[f"c{clients}_server_p99_ms"] = round(percentile(server_ms, 99), 2)
    return figures


def _first_render_ms(server: Server, path: str) -> float:
    started = time.perf_counter()
    status, _body = _get(server, path)
    if status != 200:
        raise BenchError(f"GET {path} answered {status}")
    return round((time.perf_counter() - started) * 1000, 1)


def run(env: BenchEnv, params: Params) -> Figures:
    env.manage("seed_demo", "--quiet")
    ward, province = env.manage("shell", "--no-imports", "-c", IDS).split()[-2:]
    results = f"/trang/{ward}/ket-qua/"
    ranking = f"/trang/{province}/xep-hang/"
    data = f"/trang/{ward}/ket-qua.json"
    with env.server(workers=params["workers"], threads=params["threads"]) as server:
        first = {p: _first_render_ms(server, p) for p in (results, ranking)}
        png_status, png = _get(server, f"/trang/{ward}/ket-qua.png")
        if png_status != 200:
            raise BenchError("the results PNG did not answer 200")
        weight = _bytes(server, results)
        return {
            "results_page": {
                **weight,
                "first_render_ms": first[results],
                **_times(server, results, params),
            },
            "ranking_page": {"first_render_ms": first[ranking], **_times(server, ranking, params)},
            "json": {"bytes": len(_get(server, data)[1]), **_times(server, data, params)},
            "png_bytes": len(png),
            "budget_bytes": BUDGET_BYTES,
            "within_budget": weight["total_gzip_bytes"] <= BUDGET_BYTES,
        }


BENCHMARK = Benchmark(
    name="public_results",
    description="Published results page: bytes on the wire (gzip) and server time with caching",
    run=run,
    params={"seconds": 5.0, "workers": 5, "threads": 4},
    full_params={"seconds": 30.0},
)
