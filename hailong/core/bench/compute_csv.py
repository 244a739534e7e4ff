"""``compute_csv``: ``hailong compute --method sipas-2017 FILE --json`` on a generated CSV of
200,000 responses (1,000,000 with ``--full``), 22 items, 3 % blanks: seconds and peak RSS of the
process that computes. It needs no database; it runs once per database all the same.
"""

from __future__ import annotations

from hailong.core.bench.base import Benchmark, Figures, Params
from hailong.core.bench.env import BenchEnv
from hailong.core.bench.indices_data import run_worker


def run(env: BenchEnv, params: Params) -> Figures:
    path = env.workdir / f"phieu-{params['rows']}.csv"
    if not path.exists():
        run_worker(env, "write-csv", str(path), "--rows", str(params["rows"]))
    return {
        "file_mb": round(path.stat().st_size / 1e6, 1),
        "compute": run_worker(env, "compute", str(path)),
    }


BENCHMARK = Benchmark(
    name="compute_csv",
    description="hailong compute on a generated CSV of responses: seconds, peak RSS",
    run=run,
    params={"rows": 200_000},
    full_params={"rows": 1_000_000},
)
