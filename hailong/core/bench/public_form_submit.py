"""``public_form_submit``: submissions per second through the public form's final POST.

gunicorn serves hailong as in production (2 × cores + 1 processes × 4 threads). The demo seed
gives Phường Ngọc Hà a wave open today; the bench creates N drafts whose every page is
answered (verified, started five minutes ago), then 1, 8 and 32 simulated phones each POST
"Gửi phiếu" on a fresh draft as soon as the previous answer came back: the real path (load the
wave and the draft, rate-limit counters, clean every item through the question types, one
transaction storing the response and deleting the draft, redirect to "thank you"). In the same
run and server, a bare view that inserts one row (bench-only URL) gives the ceiling to compare to.
"""

from __future__ import annotations

import os

from hailong.core.bench.base import BenchError, Benchmark, Figures, Params
from hailong.core.bench.env import BenchEnv
from hailong.core.bench.load import LoadResult, percentile
from hailong.core.bench.public_form import (
    Posts,
    bare_paths,
    form_paths,
    prepare,
    responses_stored,
    run_posts,
    use_bench_urls,
)
from hailong.core.bench.server import Server

WARMUP_S = 1.0


def _workers() -> int:
    return 2 * (os.cpu_count() or 1) + 1


def _figures(server: Server, mark: int, result: LoadResult) -> dict[str, float]:
    server_ms = sorted(server.server_times_ms(mark))
    return {
        **result.figures(),
        "server_p50_ms": round(percentile(server_ms, 50), 2),
        "server_p99_ms": round(percentile(server_ms, 99), 2),
    }


def _phase(server: Server, posts: Posts, clients: int, seconds: float) -> dict[str, float]:
    mark = server.log_mark()
    return _figures(server, mark, run_posts(posts, clients=clients, seconds=seconds))


def run(env: BenchEnv, params: Params) -> Figures:
    data = prepare(env, params["drafts"])
    keys = iter(data["keys"])
    use_bench_urls(env)
    figures: Figures = {}
    sent = 0
    with env.server(workers=params["workers"], threads=params["threads"]) as server:
        form = Posts(server.host, server.port, form_paths(data, list(keys)))
        bare = Posts(server.host, server.port, bare_paths(data))
        run_posts(form, clients=2, seconds=WARMUP_S)
        run_posts(bare, clients=2, seconds=WARMUP_S)
        for clients in params["clients"]:
            form_figures = _phase(server, form, clients, params["seconds"])
            bare_figures = _phase(server, bare, clients, params["seconds"])
            ratio = form_figures["rps"] / bare_figures["rps"] if bare_figures["rps"] else 0.0
            figures[f"c{clients}"] = {
                "form": form_figures,
                "bare_insert": bare_figures,
                "form_to_bare": round(ratio, 2),
            }
            sent += int(form_figures["requests"])
    stored = responses_stored(env)
    if stored < sent:
        raise BenchError(f"{sent} submissions answered 302 but only {stored} responses stored")
    figures["responses_stored"] = stored
    return figures


BENCHMARK = Benchmark(
    name="public_form_submit",
    description="POST 'Gửi phiếu' of the public form on gunicorn vs a bare one-row insert view",
    run=run,
    params={
        "clients": [1, 8, 32],
        "seconds": 5.0,
        "drafts": 30_000,
        "workers": _workers(),
        "threads": 4,
    },
    full_params={"clients": [1, 8, 32, 64], "seconds": 30.0, "drafts": 200_000},
)
