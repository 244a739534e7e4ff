"""Shared by the public-form benchmarks: seed an open wave with ready drafts, POST in a loop.

``prepare`` runs inside ``hailong shell`` against the bench database (the demo seed gives
Phường Ngọc Hà a wave open today on the ward short form) and writes what the load needs to a
JSON file: the wave's token, its ids, the last step of its form, and N draft keys whose answers
are complete and verified, as a person who answered every page would leave them.
"""

from __future__ import annotations

import http.client
import itertools
import json
import math
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hailong.core.bench.base import BenchError
from hailong.core.bench.env import BenchEnv
from hailong.core.bench.load import REQUEST_TIMEOUT_S, LoadResult, check_loopback

OPEN_WAVE = "Khảo sát sự hài lòng (biểu mẫu trực tuyến)"
PREPARE = """
import datetime as dt, json, sys
from django.utils import timezone
from hailong.responses.models import ResponseDraft
from hailong.responses.questionnaire import form_for
from hailong.surveys.models import SurveyWave
wave = SurveyWave.objects.select_related("method_version").get(name={wave!r})
form = form_for(wave)
raw = {{}}
for _page, q in form.questions():
    if q.scale is None:
        raw[q.name] = ["Chứng thực bản sao"]
    else:
        values = [o.value for o in q.scale.options]
        raw[q.name] = [str(4 if 4 in values else values[0])]
now = timezone.now()
drafts = [ResponseDraft(wave=wave, language="vi", answers=raw, page=1, verified=True,
                        started_at=now - dt.timedelta(minutes=5),
                        expires_at=now + dt.timedelta(days=1)) for _ in range({count})]
ResponseDraft.objects.bulk_create(drafts, batch_size=2000)
json.dump({{"token": wave.public_token, "wave": wave.pk, "version": wave.method_version_id,
           "unit": wave.unit_id, "last_step": len(form.pages),
           "keys": [d.key for d in drafts]}}, open({out!r}, "w"))
"""
COUNT = (
    "from hailong.responses.models import Response; "
    "print(Response.objects.filter(channel='web').count())"
)


def prepare(env: BenchEnv, count: int) -> dict[str, Any]:
    """Seed the demo and ``count`` ready drafts; return the wave's data and the draft keys."""
    env.manage("seed_demo", "--quiet")
    out = env.workdir / "drafts.json"
    env.manage(
        "shell", "--no-imports", "-c", PREPARE.format(wave=OPEN_WAVE, count=count, out=str(out))
    )
    data: dict[str, Any] = json.loads(out.read_text())
    return data


def responses_stored(env: BenchEnv) -> int:
    return int(env.manage("shell", "--no-imports", "-c", COUNT).strip().splitlines()[-1])


@dataclass
class Posts:
    """Where to POST and with what: one path per request (a fresh draft each time)."""

    host: str
    port: int
    paths: Iterator[str]
    body: bytes = b"action=submit"
    expect_status: int = 302
    lock: threading.Lock = field(default_factory=threading.Lock)

    def next_path(self) -> str | None:
        with self.lock:
            return next(self.paths, None)


class _Poster:
    """One simulated phone: a keep-alive connection and a User-Agent of its own."""

    def __init__(self, posts: Posts, agent: str) -> None:
        self.posts = posts
        self.agent = agent
        self.conn: http.client.HTTPConnection | None = None
        self.latencies_ms: list[float] = []
        self.errors = 0

    def post_once(self, path: str) -> None:
        if self.conn is None:
            self.conn = http.client.HTTPConnection(
                self.posts.host, self.posts.port, timeout=REQUEST_TIMEOUT_S
            )
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "User-Agent": f"{self.agent}/{len(self.latencies_ms) + self.errors}",
        }
        start = time.perf_counter()
        try:
            self.conn.request("POST", path, body=self.posts.body, headers=headers)
            response = self.conn.getresponse()
            response.read()
        except (OSError, http.client.HTTPException):
            self.errors += 1
            self.close()
            return
        elapsed = (time.perf_counter() - start) * 1000
        if response.status == self.posts.expect_status:
            self.latencies_ms.append(elapsed)
        else:
            self.errors += 1
        if response.will_close:
            self.close()

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def _loop(poster: _Poster, barrier: threading.Barrier, deadline: list[float]) -> None:
    barrier.wait()
    while time.monotonic() < deadline[0]:
        path = poster.posts.next_path()
        if path is None:
            break
        poster.post_once(path)
    poster.close()


def run_posts(posts: Posts, *, clients: int, seconds: float) -> LoadResult:
    """Keep ``clients`` phones POSTing for ``seconds`` (or until the paths run out).

    Each request carries a different User-Agent, as many phones would, so the per-device rate
    limit is exercised (its counters are written) but never reached.
    """
    check_loopback(posts.host)
    if not (1 <= clients <= 256 and 0 < seconds <= 600):
        raise BenchError(f"load out of bounds: {clients} clients for {seconds} s")
    posters = [_Poster(posts, f"BenchPhone-{n}") for n in range(clients)]
    barrier = threading.Barrier(clients + 1)
    deadline = [math.inf]
    threads = [threading.Thread(target=_loop, args=(p, barrier, deadline)) for p in posters]
    for thread in threads:
        thread.start()
    deadline[0] = time.monotonic() + seconds
    began = time.perf_counter()
    barrier.wait()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    latencies = [ms for p in posters for ms in p.latencies_ms]
    return LoadResult(clients, elapsed, latencies, sum(p.errors for p in posters))


def form_paths(data: dict[str, Any], keys: list[str]) -> Iterator[str]:
    token, step = data["token"], data["last_step"]
    return (f"/k/{token}/d/{key}/{step}/" for key in keys)


def bare_paths(data: dict[str, Any]) -> Iterator[str]:
    path = f"/__bench__/insert/{data['wave']}/{data['version']}/{data['unit']}/"
    return itertools.repeat(path)


def use_bench_urls(env: BenchEnv) -> None:
    env.environ["DJANGO_SETTINGS_MODULE"] = "hailong.core.bench.bench_settings"


def workdir_file(env: BenchEnv, name: str) -> Path:
    return env.workdir / name
