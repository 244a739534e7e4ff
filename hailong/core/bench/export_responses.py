"""``export_responses``: export a wave's responses (anonymous) to CSV and to XLSX.

The worker grows one SIPAS 2023 wave to ``rows`` responses (100,000; 1,000,000 with ``--full``),
then runs the ``survey_responses`` report job once per format, each in a fresh process, and
reports rows/s, the file's size and the process's peak resident memory (``ru_maxrss``) before
and after. Goal: peak RSS under 250 MB, whatever the number of rows (the writers stream).
"""

from __future__ import annotations

from hailong.core.bench.base import Benchmark, Figures, Params
from hailong.core.bench.env import BenchEnv
from hailong.core.bench.indices_data import run_worker


def run(env: BenchEnv, params: Params) -> Figures:
    data = run_worker(env, "grow", "--to", str(params["rows"]))
    return {
        "data": data,
        "csv": run_worker(env, "export", "--format", "csv"),
        "xlsx": run_worker(env, "export", "--format", "xlsx"),
    }


BENCHMARK = Benchmark(
    name="export_responses",
    description="export one wave's responses to CSV and XLSX: rows/s, peak RSS",
    run=run,
    params={"rows": 100_000},
    full_params={"rows": 1_000_000},
)
