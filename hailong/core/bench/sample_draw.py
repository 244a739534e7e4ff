"""``sample_draw``: seconds and queries to draw a wave's sample from a large dossier frame.

The bench makes one ward with ``rows`` dossiers returned over a year (every field of the
catalogue, 5% organisations), then, in one process, times ``sampling.services.sample_draw``:
the frame read, Slovin's n, the allocation, the SHA-256 ranking of every dossier, and the
invitations and members written in bulk. It draws a second time with the same seed (the re-draw
that keeps every invitation) and a third time with a new seed. A draw runs inside the request
(no background job), so this is the wait a leader sees after "Rút mẫu".
"""

from __future__ import annotations

import json
from typing import Any

from hailong.core.bench.base import BenchError, Benchmark, Figures, Params
from hailong.core.bench.env import BenchEnv

SCRIPT = """
import datetime as dt, json, random, time
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hailong.dossiers.catalogue import procedures_load_fixture
from hailong.dossiers.models import Dossier, Procedure
from hailong.sampling.services import sample_draw
from hailong.surveys import services as surveys
from hailong.surveys.models import Method, VersionStatus
from hailong.units.services import unit_create

procedures_load_fixture()
surveys.methods_load_builtin()
city = unit_create(kind="thanh_pho_tw", name="Thành phố Đo", parent=None)
ward = unit_create(kind="phuong", name="Phường Đo Tốc Độ", parent=city)
rng = random.Random(7)
procedures = list(Procedure.objects.all())
start = dt.date(2025, 1, 1)
rows = [
    Dossier(
        unit=ward,
        code=f"B-{{n:07d}}",
        procedure=rng.choice(procedures),
        received_on=start + dt.timedelta(days=n % 360),
        due_on=start + dt.timedelta(days=n % 360 + 3),
        returned_on=start + dt.timedelta(days=n % 360 + 2),
        applicant_type="to_chuc" if rng.random() < 0.05 else "ca_nhan",
    )
    for n in range({rows})
]
Dossier.objects.bulk_create(rows, batch_size=5000)
version = Method.objects.get(owner=None, code="sipas-2017").versions.get(
    status=VersionStatus.PUBLISHED
)
wave = surveys.wave_create(
    actor=None, unit=ward, method_version=version, name="Đợt đo", opens_on=dt.date(2026, 1, 5),
    closes_on=dt.date(2026, 3, 31), respondent_types=["individual", "organisation"],
    target_sample=400, channels=["phone"],
)
figures = {{}}
for label, seed in (("first", 11), ("same_seed", 11), ("new_seed", 12)):
    with CaptureQueriesContext(connection) as queries:
        began = time.perf_counter()
        draw = sample_draw(
            actor=None, wave=wave, frame="dossiers",
            period=(dt.date(2025, 1, 1), dt.date(2025, 12, 31)), seed=seed,
        )
        seconds = time.perf_counter() - began
    figures[label] = {{
        "seconds": round(seconds, 3),
        "queries": len(queries),
        "frame_size": draw.frame_size,
        "sample_size": draw.sample_size,
        "strata": len(draw.design["strata"]),
    }}
print(json.dumps(figures))
"""


def run(env: BenchEnv, params: Params) -> Figures:
    rows = int(params["rows"])
    output = env.manage("shell", "-c", SCRIPT.format(rows=rows))
    try:
        measured: dict[str, Any] = json.loads(output.strip().splitlines()[-1])
    except (ValueError, IndexError) as exc:
        raise BenchError(f"sample_draw printed no figures: {output[-500:]}") from exc
    return {"rows": rows, **measured}


BENCHMARK = Benchmark(
    name="sample_draw",
    description="Seconds and queries to draw a stratified Slovin sample from a dossier frame",
    run=run,
    params={"rows": 100_000},
    full_params={"rows": 1_000_000},
)
