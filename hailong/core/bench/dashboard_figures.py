"""``dashboard_figures``: the ward dashboard at 10,000, 100,000 (and, with ``--full``, 1,000,000)
responses of one SIPAS 2023 wave.

The worker (``indices_data``) grows one wave to each size in turn (generated answers, bulk
inserted, the running aggregates updated from the same rows) and times, in its own process:
the dashboard's figures (selectors + engine), every aggregate-based figure of the page, the
bounded raw cross-tab, and the whole page through Django (cold chart cache, then warm, then the
htmx partial a filter change asks for). Goal: figures under 300 ms at 1M and at most twice the
10k time; the page's cost must not grow with the number of responses.
"""

from __future__ import annotations

from typing import Any

from hailong.core.bench.base import Benchmark, Figures, Params
from hailong.core.bench.env import BenchEnv
from hailong.core.bench.indices_data import run_worker


def run(env: BenchEnv, params: Params) -> Figures:
    figures: dict[str, Any] = {}
    for size in params["sizes"]:
        grown = run_worker(env, "grow", "--to", str(size), *(["--check"] if size <= 10_000 else []))
        figures[f"n{size}"] = {"data": grown, **run_worker(env, "time-dashboard")}
    first, last = params["sizes"][0], params["sizes"][-1]
    base = figures[f"n{first}"]["figures"]["median_ms"]
    top = figures[f"n{last}"]["figures"]["median_ms"]
    figures["ratio_largest_to_smallest"] = round(top / base, 2) if base else None
    return figures


BENCHMARK = Benchmark(
    name="dashboard_figures",
    description="ward dashboard figures and page at 10k/100k(/1M) responses of one wave",
    run=run,
    params={"sizes": [10_000, 100_000]},
    full_params={"sizes": [10_000, 100_000, 1_000_000]},
)
