"""``public_form_first_page``: bytes on the wire and server time of the public form's pages.

Bytes: the start page's HTML and its stylesheet as a phone downloads them, compressed the way
production serves them: the stylesheet precompressed by whitenoise (gzip and Brotli, read back
with ``Accept-Encoding``), the HTML compressed as a front proxy would (gzip level 6; Brotli
quality 5). The proof-of-work script is not counted (it loads only when JavaScript runs, after
the page). The first question page is measured the same way.
Time: gunicorn's own time per render (its access log), sequential and with 8 users.
"""

from __future__ import annotations

import gzip
import http.client
import re

import brotli

from hailong.core.bench.base import BenchError, Benchmark, Figures, Params
from hailong.core.bench.env import BenchEnv
from hailong.core.bench.load import Target, percentile, run_load
from hailong.core.bench.public_form import OPEN_WAVE
from hailong.core.bench.server import Server

TOKEN = f"""
from hailong.surveys.models import SurveyWave
print(SurveyWave.objects.get(name={OPEN_WAVE!r}).public_token)
"""
STYLESHEET = re.compile(r'<link rel="stylesheet" href="([^"]+)"')


def _get(server: Server, path: str, encoding: str = "identity") -> tuple[int, bytes, str]:
    conn = http.client.HTTPConnection(server.host, server.port, timeout=30)
    try:
        conn.request("GET", path, headers={"Accept-Encoding": encoding})
        response = conn.getresponse()
        return response.status, response.read(), response.headers.get("Location", "")
    finally:
        conn.close()


def _post(server: Server, path: str) -> str:
    conn = http.client.HTTPConnection(server.host, server.port, timeout=30)
    try:
        conn.request(
            "POST",
            path,
            body=b"lang=vi",
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        response = conn.getresponse()
        response.read()
        if response.status != 302:
            raise BenchError(f"POST {path} answered {response.status}")
        return str(response.headers["Location"])
    finally:
        conn.close()


def _bytes(server: Server, path: str) -> dict[str, int]:
    status, html, _location = _get(server, path)
    if status != 200:
        raise BenchError(f"GET {path} answered {status}")
    figures = {
        "html_bytes": len(html),
        "html_gzip_bytes": len(gzip.compress(html, compresslevel=6)),
        "html_br_bytes": len(brotli.compress(html, quality=5)),
    }
    css = [href for href in STYLESHEET.findall(html.decode()) if href.startswith("/static/")]
    figures["css_bytes"] = figures["css_gzip_bytes"] = figures["css_br_bytes"] = 0
    for href in css:
        figures["css_bytes"] += len(_get(server, href)[1])
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
        figures[f"c{clients}_server_p50_ms"] = round(percentile(server_ms, 50), 2)
        figures[f"c{clients}_server_p99_ms"] = round(percentile(server_ms, 99), 2)
    return figures


def run(env: BenchEnv, params: Params) -> Figures:
    env.manage("seed_demo", "--quiet")
    token = env.manage("shell", "--no-imports", "-c", TOKEN).strip().splitlines()[-1]
    start = f"/k/{token}/"
    with env.server(workers=params["workers"], threads=params["threads"]) as server:
        first_question = _post(server, start)
        run_load(Target(server.host, server.port, start), clients=2, seconds=1.0)
        return {
            "start_page": {**_bytes(server, start), **_times(server, start, params)},
            "first_question_page": _bytes(server, first_question),
            "budget_bytes": 30 * 1024,
        }


BENCHMARK = Benchmark(
    name="public_form_first_page",
    description="Public form: compressed bytes of the first page (HTML + CSS) and render time",
    run=run,
    params={"seconds": 5.0, "workers": 5, "threads": 4},
    full_params={"seconds": 30.0},
)
