"""The index benchmarks' worker: run as ``python -m hailong.core.bench.indices_data COMMAND``
with the benchmark's environment (its own database), print one JSON object.

Commands:

- ``grow --to N``: make sure one SIPAS 2023 wave of one ward exists, and add generated responses
  until it has ``N``; the running aggregates are updated from the same generated rows in one
  upsert (exactly what ``aggregates.record`` would add), so they stay consistent with the raw
  data without a slow rebuild. ``--check`` also recomputes them from raw data and compares.
- ``time-dashboard``: time the dashboard's figure computation (selectors + engine) and the
  whole page as a user gets it (Django's test client, cold then warm chart cache).
- ``export --format csv|xlsx``: run the ``survey_responses`` export job; rows/s, peak RSS.
- ``compute FILE``: ``hailong compute --method sipas-2017 FILE --json``; seconds, peak RSS.
- ``write-csv FILE --rows N``: a CSV of ``N`` generated sipas-2017 responses for ``compute``.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
import random
import resource
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from contextlib import redirect_stdout
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")
WARD_CODE = "99001"
WAVE_NAME = "Đợt đo hiệu năng"
BATCH = 5000
SEED = 2026


def peak_rss_mb() -> float:
    """This process's peak resident memory (Linux reports kilobytes)."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _setup() -> Any:
    """The ward and its wave (created once), on the built-in SIPAS 2023 method."""
    from hailong.surveys import services as survey_services
    from hailong.surveys.models import Method, SurveyWave, VersionStatus
    from hailong.units import services as unit_services
    from hailong.units.models import AdministrativeUnit, UnitKind

    ward = AdministrativeUnit.objects.filter(code=WARD_CODE).first()
    if ward is None:
        city = unit_services.unit_create(kind=UnitKind.CITY, name="Thành phố Đo", parent=None)
        ward = unit_services.unit_create(
            kind=UnitKind.WARD, name="Phường Hiệu Năng", parent=city, code=WARD_CODE
        )
    wave = SurveyWave.objects.filter(unit=ward, name=WAVE_NAME).first()
    if wave is None:
        survey_services.methods_load_builtin()
        version = Method.objects.get(owner=None, code="sipas-2023").versions.get(
            status=VersionStatus.PUBLISHED
        )
        wave = survey_services.wave_create(
            actor=None,
            unit=ward,
            method_version=version,
            name=WAVE_NAME,
            opens_on=dt.date(2025, 8, 1),
            closes_on=dt.date(2025, 11, 30),
            respondent_types=["individual"],
            target_sample=1000,
            channels=["online", "kiosk", "paper"],
            status="closed",
        )
    return wave


class Generator:
    """Plausible answers for every item and respondent field of the wave's method."""

    def __init__(self, wave: Any, rng: random.Random) -> None:
        from hailong.indices.dashboard import definition_for_version

        self.rng = rng
        definition = definition_for_version(wave.method_version_id)
        self.items: list[tuple[str, str, tuple[int, ...], tuple[int, ...]]] = []
        for item in definition.items:
            scale = definition.scale_of(item)
            values = tuple(o.value for o in scale.options) if scale else ()
            na = scale.not_applicable if scale else ()
            self.items.append((item.code, item.type, values, na))
        self.fields = [
            (f.code, [o.value for o in f.options] or [b.value for b in f.bands])
            for f in definition.respondent_fields
            if f.type in ("single_choice", "age_band")
        ]

    def answers(self, mood: float) -> dict[str, Any]:
        rng = self.rng
        answers: dict[str, Any] = {}
        for code, kind, values, na in self.items:
            if kind == "text":
                continue
            if rng.random() < 0.03:
                answers[code] = None
            elif kind == "multi_choice":
                answers[code] = sorted(rng.sample(values, rng.randint(1, min(3, len(values)))))
            elif kind == "scale" and len(values) - len(na) == 5:
                if na and rng.random() < 0.15:
                    answers[code] = na[0]
                else:
                    answers[code] = max(1, min(5, round(rng.gauss(4.0 + mood, 0.8))))
            else:
                answers[code] = rng.choice(values)
        return answers

    def respondent(self) -> dict[str, Any]:
        return {code: self.rng.choice(values) for code, values in self.fields}


def grow(target: int, *, check: bool) -> dict[str, Any]:
    """Add generated responses to the wave until it has ``target``; keep the aggregates exact.

    1. Generate rows in batches of 5,000 and ``bulk_create`` them.
    2. Count their aggregate cells as ``aggregates.record`` does, across all batches.
    3. Upsert the counted cells once (adds to what earlier calls stored).
    """
    from django.db import transaction

    from hailong.indices import aggregates
    from hailong.indices.models import AnswerMonthCount, ResponseDayCount
    from hailong.responses.models import Response, Source

    wave = _setup()
    have = Response.objects.filter(wave=wave).count()
    rng = random.Random(SEED + have)  # noqa: S311 (generated test data)
    sources = list(Source.objects.filter(wave=wave)) or [
        Source.objects.create(wave=wave, kind="to_roi", label=f"Tờ rơi Tổ {n}") for n in range(5)
    ]
    generator = Generator(wave, rng)
    days: Counter[tuple[Any, ...]] = Counter()
    months: Counter[tuple[Any, ...]] = Counter()
    started = time.monotonic()
    with transaction.atomic():
        while have < target:
            rows = [_row(wave, generator, sources) for _ in range(min(BATCH, target - have))]
            Response.objects.bulk_create(rows, batch_size=1000)
            for row in rows:
                day_key, month_keys = aggregates._keys(row)
                days[day_key] += 1
                months.update(month_keys)
            have += len(rows)
        aggregates._upsert(ResponseDayCount._meta.db_table, aggregates.DAY_DIMS, days)
        aggregates._upsert(AnswerMonthCount._meta.db_table, aggregates.MONTH_DIMS, months)
    figures: dict[str, Any] = {
        "responses": have,
        "generate_s": round(time.monotonic() - started, 1),
        "aggregate_cells": AnswerMonthCount.objects.filter(wave=wave).count(),
    }
    if check:
        figures["aggregates_consistent"] = aggregates.check(wave_ids=[wave.pk]) == []
    return figures


def _row(wave: Any, generator: Generator, sources: list[Any]) -> Any:
    from hailong.responses.models import Response

    rng = generator.rng
    day = wave.opens_on + dt.timedelta(days=rng.randrange((wave.closes_on - wave.opens_on).days))
    moment = dt.datetime.combine(day, dt.time(7), tzinfo=LOCAL) + dt.timedelta(
        minutes=rng.randrange(600)
    )
    status = rng.choices(["valid", "flagged", "excluded"], weights=[97, 2, 1])[0]
    return Response(
        wave=wave,
        method_version_id=wave.method_version_id,
        unit_id=wave.unit_id,
        channel=rng.choices(["web", "kiosk", "paper"], weights=[6, 2, 2])[0],
        source=rng.choice([*sources, None]),
        respondent_type="individual",
        transaction_channel=rng.choice(["direct", "online", None]),
        answers=generator.answers(rng.gauss(0, 0.4)),
        respondent=generator.respondent(),
        submitted_at=moment,
        status=status,
        verified=True,
    )


def _timed(fn: Callable[[], object], repeat: int = 5) -> dict[str, float]:
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - started) * 1000)
    return {"median_ms": round(statistics.median(runs), 1), "min_ms": round(min(runs), 1)}


def time_dashboard() -> dict[str, Any]:
    """Figures (selectors + engine) and the full page, cold and warm."""
    from django.core.cache import cache
    from django.test import Client

    from hailong.accounts.models import User
    from hailong.indices import crosstabs, dashboard
    from hailong.indices import selectors as sel

    wave = _setup()
    unit, filters = wave.unit, sel.Filters()
    figures = _timed(lambda: dashboard.ward_figures(unit=unit, wave=wave, filters=filters))
    everything = _timed(lambda: _all_aggregate_figures(unit, wave, filters))
    crosstab = _timed(
        lambda: crosstabs.crosstab(unit=unit, wave=wave, filters=filters, field="gender"), 3
    )
    user = User.objects.filter(username="bench-root").first() or User.objects.create_superuser(
        "bench-root", password=None
    )
    client = Client()
    client.force_login(user)
    url = f"/staff/don-vi/{unit.pk}/chi-so/"
    cache.clear()
    cold = _timed(lambda: _get(client, url), 1)
    warm = _timed(lambda: _get(client, url))
    filtered = _timed(lambda: _get(client, url + "?kenh=kiosk", htmx=True))
    return {
        "figures": figures,
        "all_aggregate_figures": everything,
        "crosstab_gender_raw": crosstab,
        "page_cold_ms": cold["median_ms"],
        "page_warm": warm,
        "htmx_partial_warm": filtered,
    }


def _all_aggregate_figures(unit: Any, wave: Any, filters: Any) -> None:
    from hailong.indices import dashboard

    dashboard.ward_figures(unit=unit, wave=wave, filters=filters)
    dashboard.trend_periods(unit=unit, wave=wave, filters=filters, grain="month")
    dashboard.trend_waves(unit=unit, filters=filters)
    dashboard.breakdown_aggregate(
        unit=unit, wave=wave, filters=filters, dimension="channel", labels={}
    )
    dashboard.sample_progress(wave)


def _get(client: Any, url: str, *, htmx: bool = False) -> None:
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    response = client.get(url, HTTP_HOST="127.0.0.1", **headers)
    if response.status_code != 200:
        raise RuntimeError(f"GET {url} answered {response.status_code}")


def export(fmt: str) -> dict[str, Any]:
    """Run the responses export job of the wave in this process; rows/s and peak RSS."""
    from hailong.accounts.models import User
    from hailong.reports.models import ReportJob

    wave = _setup()
    user = User.objects.filter(username="bench-root").first() or User.objects.create_superuser(
        "bench-root", password=None
    )
    before = peak_rss_mb()
    job = ReportJob.objects.create(
        unit=wave.unit,
        kind="survey_responses",
        format=fmt,
        params={"wave": wave.pk},
        created_by=user,
    )
    started = time.monotonic()
    job.run()
    seconds = time.monotonic() - started
    job.refresh_from_db()
    rows = wave.responses.filter(status="valid").count()
    return {
        "status": job.status,
        "error": job.error[-300:],
        "rows": rows,
        "seconds": round(seconds, 1),
        "rows_per_s": round(rows / seconds) if seconds else None,
        "file_mb": round(job.output.size / 1e6, 1) if job.output else None,
        "peak_rss_mb_before": before,
        "peak_rss_mb": peak_rss_mb(),
    }


def write_csv(path: Path, rows: int) -> dict[str, Any]:
    """``rows`` generated sipas-2017 responses, one column per item (empty = blank)."""
    rng = random.Random(SEED)  # noqa: S311 (generated test data)
    codes = [
        f"C{e}.{i}" for e, count in enumerate((4, 5, 6, 3, 4), start=1) for i in range(1, count + 1)
    ]
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["ma_phieu", *codes])
        for n in range(rows):
            mood = rng.gauss(0, 0.4)
            cells = [
                "" if rng.random() < 0.03 else max(1, min(5, round(rng.gauss(4 + mood, 0.8))))
                for _ in codes
            ]
            writer.writerow([n + 1, *cells])
    return {"rows": rows, "file_mb": round(path.stat().st_size / 1e6, 1)}


def compute(path: Path) -> dict[str, Any]:
    """``hailong compute --method sipas-2017 FILE --json`` in this process."""
    from django.core.management import call_command

    before = peak_rss_mb()
    started = time.monotonic()
    out = io.StringIO()
    with redirect_stdout(out):
        call_command("compute", str(path), "--method", "sipas-2017", "--json", stdout=out)
    seconds = time.monotonic() - started
    result = json.loads(out.getvalue())
    return {
        "rows": result["n"],
        "seconds": round(seconds, 2),
        "rows_per_s": round(result["n"] / seconds) if seconds else None,
        "overall": result["overall"],
        "peak_rss_mb_before": before,
        "peak_rss_mb": peak_rss_mb(),
    }


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="indices_data")
    sub = parser.add_subparsers(dest="command", required=True)
    grow_parser = sub.add_parser("grow")
    grow_parser.add_argument("--to", type=int, required=True)
    grow_parser.add_argument("--check", action="store_true")
    sub.add_parser("time-dashboard")
    export_parser = sub.add_parser("export")
    export_parser.add_argument("--format", choices=["csv", "xlsx"], required=True)
    csv_parser = sub.add_parser("write-csv")
    csv_parser.add_argument("file", type=Path)
    csv_parser.add_argument("--rows", type=int, required=True)
    compute_parser = sub.add_parser("compute")
    compute_parser.add_argument("file", type=Path)
    args = parser.parse_args(argv)
    if args.command == "write-csv":
        result = write_csv(args.file, args.rows)
    else:
        import django

        django.setup()
        commands: dict[str, Callable[[], dict[str, Any]]] = {
            "grow": lambda: grow(args.to, check=args.check),
            "time-dashboard": time_dashboard,
            "export": lambda: export(args.format),
            "compute": lambda: compute(args.file),
        }
        result = commands[args.command]()
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hailong.settings")
    main(sys.argv[1:])


def run_worker(env: Any, *args: str, timeout_s: int = 3600) -> dict[str, Any]:
    """Run this module as a command in its own process with the benchmark's environment."""
    import subprocess

    from hailong.core.bench.base import BenchError

    completed = subprocess.run(  # noqa: S603 (our own interpreter, fixed arguments)
        [sys.executable, "-m", "hailong.core.bench.indices_data", *args],
        env=env.environ,
        cwd=Path(__file__).resolve().parents[3],
        capture_output=True,
        text=True,
        timeout=timeout_s,
        check=False,
    )
    if completed.returncode != 0:
        raise BenchError(f"indices_data {' '.join(args)} failed:\n{completed.stderr[-2000:]}")
    result: dict[str, Any] = json.loads(completed.stdout.strip().splitlines()[-1])
    return result
