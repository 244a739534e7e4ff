"""``hailong bench``: the registry, database safety, and one JSON line per benchmark run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from hailong.core.bench import registry
from hailong.core.bench.base import BenchError, Benchmark, Figures, Params
from hailong.core.bench.databases import Database, database_for_url, fresh_database
from hailong.core.bench.env import BenchEnv
from hailong.core.bench.runner import run_one


def test_every_registered_benchmark_loads_and_is_named_after_its_module() -> None:
    for name in registry.MODULES:
        benchmark = registry.benchmark_get(name)
        assert benchmark.name == name
        assert benchmark.params, f"{name} needs default params"


def test_an_unknown_benchmark_is_refused() -> None:
    with pytest.raises(CommandError, match="unknown benchmark"):
        call_command("bench", only=["nope"])


def test_full_params_override_the_defaults() -> None:
    benchmark = Benchmark("x", "", lambda env, params: {}, {"a": 1, "b": 2}, {"b": 20})
    assert benchmark.params_for(full=False) == {"a": 1, "b": 2}
    assert benchmark.params_for(full=True) == {"a": 1, "b": 20}


@pytest.mark.parametrize(
    "url",
    ["sqlite:////tmp/hailong.sqlite3", "postgresql://postgres@127.0.0.1:1/hailong"],
)
def test_it_refuses_to_recreate_a_database_not_named_bench(url: str) -> None:
    with pytest.raises(BenchError, match="bench"), fresh_database(database_for_url(url)):
        pass


def test_a_fresh_sqlite_file_is_removed_afterwards(tmp_path: Path) -> None:
    path = tmp_path / "x-bench.sqlite3"
    path.write_text("stale")
    with fresh_database(database_for_url(f"sqlite:///{path}")):
        assert not path.exists()
        path.write_text("made by the benchmark")
    assert not path.exists()


def test_an_unreachable_postgresql_gives_a_skipped_line(tmp_path: Path) -> None:
    benchmark = Benchmark("x", "", lambda env, params: {}, {"n": 1})
    database = Database("postgresql", "postgresql://postgres@127.0.0.1:1/hailong_bench")
    line = run_one(benchmark, database, tmp_path, full=False, log=print)
    assert line == {"name": "x", "database": "postgresql", "skipped": "no PostgreSQL"}


def _counts_units(env: BenchEnv, params: Params) -> Figures:
    output = env.manage(
        "shell", "-v0", "-c", "from django.db import connection; print(connection.vendor)"
    )
    return {"vendor": output.strip(), "n": params["n"]}


def test_a_run_migrates_a_fresh_database_and_returns_one_json_line(tmp_path: Path) -> None:
    benchmark = Benchmark("probe", "", _counts_units, {"n": 1}, {"n": 2})
    database = Database("sqlite", f"sqlite:///{tmp_path / 'bench.sqlite3'}")
    line = run_one(benchmark, database, tmp_path, full=True, log=print)
    assert json.loads(json.dumps(line)) == line
    assert line["name"] == "probe"
    assert line["database"] == "sqlite"
    assert line["params"] == {"n": 2}
    assert line["figures"] == {"vendor": "sqlite", "n": 2}
    assert set(line) >= {"python", "cpus"}
    assert not (tmp_path / "bench.sqlite3").exists()
