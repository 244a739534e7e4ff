"""Every benchmark, by name: one module per benchmark, each exporting ``BENCHMARK``."""

from __future__ import annotations

import importlib

from hailong.core.bench.base import BenchError, Benchmark

MODULES = [
    "staff_home_rps",
    "dossier_import",
    "sample_draw",
    "public_form_submit",
    "public_form_first_page",
    "dashboard_figures",
    "export_responses",
    "compute_csv",
    "campaign_schedule",
    "public_results",
]


def benchmark_get(name: str) -> Benchmark:
    if name not in MODULES:
        raise BenchError(f"unknown benchmark {name!r}; known: {', '.join(MODULES)}")
    module = importlib.import_module(f"hailong.core.bench.{name}")
    benchmark: Benchmark = module.BENCHMARK
    return benchmark


def benchmarks_select(only: list[str] | None = None) -> list[Benchmark]:
    """The benchmarks to run, in registry order (or in the order ``only`` names them)."""
    return [benchmark_get(name) for name in (only or MODULES)]
