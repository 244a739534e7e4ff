"""Visitor statistics of a unit's public site without cookies, trackers or stored addresses.

Definitions (also in ``docs/architecture.md``):

- A **visitor** is a daily-rotating keyed hash of the client's address and user agent: HMAC-SHA256
  with a salt derived from ``SECRET_KEY`` and the Vietnam date, cut to 80 bits. The address and
  user agent are never stored; yesterday's hashes cannot be linked to today's.
- A **visit** (lượt truy cập) is one visitor on one unit's public site on one Vietnam day,
  however many pages they open. "Số lượt truy cập" is the sum of visits over every day.
- **Online now** (đang trực tuyến) is the number of distinct visitors whose last page of the
  unit's site was opened in the last ``HAILONG_PORTAL_ONLINE_MINUTES`` minutes (default 5).
- Obvious robots are not counted (empty user agent, or one naming a crawler, a link previewer,
  a monitor, a script library or a headless browser).

Cost per page view: only Django's cache (no database write). A returning visitor costs two
``add`` calls; a new one of the minute/day a few more, all atomic (Redis ``SETNX``/``INCR``, a
lock in local memory):

1. ``add(seen:<unit>:<day>:<visitor>)``: if new, ``incr(pending:<unit>:<day>)`` (and, the first
   time of the day for that unit, register the unit in the day's list so a flush can find it).
2. ``add(minute:<unit>:<m>:<visitor>)``: if new for minute ``m``, move the visitor into minute
   ``m``'s counter (``incr``) out of the minute of their previous page (``decr``), so each visitor
   is in exactly one minute counter and "online now" is the sum of the last N minutes.

``flush`` moves the pending counts into ``VisitDay`` (``visits = visits + n``, then
``decr(pending, n)``, so visits counted meanwhile stay pending); it runs every few minutes from
the scheduler (``portal.flush_visits``) when the cache is shared (Redis), and, with the
embedded per-process local-memory cache, from the web process itself at most once per
``HAILONG_PORTAL_VISIT_FLUSH_SECONDS``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import hmac
import re
from functools import lru_cache

from django.conf import settings
from django.core.cache import BaseCache, caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import transaction
from django.db.models import F, Sum
from django.http import HttpRequest
from django.utils import timezone

from hailong.portal.models import VisitDay
from hailong.units.models import AdministrativeUnit

PREFIX = "hailong:portal:v"
DAY_TTL = 3 * 24 * 3600
TOTAL_TTL = 300
BOT_PATTERN = re.compile(
    r"bot|crawl|spider|slurp|archiver|facebookexternalhit|facebookcatalog|embedly|preview|"
    r"curl|wget|python-|httpx|aiohttp|okhttp|java/|go-http|libwww|headless|phantomjs|"
    r"lighthouse|pingdom|uptime|monitor|scanner|feedfetcher|feedburner|validator",
    re.IGNORECASE,
)


_LOCAL: LocMemCache | None = None


def store() -> BaseCache:
    """Where the counters live: the project cache when it is shared (Redis), else a
    local-memory cache of our own, big enough not to cull (Django's default keeps 300 keys)."""
    global _LOCAL
    default = caches["default"]
    if not isinstance(default, LocMemCache):
        return default
    if _LOCAL is None:
        entries = int(getattr(settings, "HAILONG_PORTAL_LOCAL_CACHE_ENTRIES", 200_000))
        _LOCAL = LocMemCache(
            "hailong-portal-visitors", {"TIMEOUT": DAY_TTL, "OPTIONS": {"MAX_ENTRIES": entries}}
        )
    return _LOCAL


def online_minutes() -> int:
    return max(1, int(getattr(settings, "HAILONG_PORTAL_ONLINE_MINUTES", 5)))


def flush_seconds() -> int:
    return int(getattr(settings, "HAILONG_PORTAL_VISIT_FLUSH_SECONDS", 300))


def is_robot(user_agent: str) -> bool:
    """An empty user agent or one that names a robot (see ``BOT_PATTERN``)."""
    return not user_agent.strip() or bool(BOT_PATTERN.search(user_agent))


def _client_address(request: HttpRequest) -> str:
    header = getattr(settings, "HAILONG_CLIENT_IP_HEADER", "")
    address = (request.META.get(header, "") if header else "") or request.META.get(
        "REMOTE_ADDR", ""
    )
    return str(address).split(",")[0].strip()


@lru_cache(maxsize=4)
def _salt(day: dt.date, secret: str) -> bytes:
    return hashlib.sha256(f"{secret}|hailong.portal.visitors|{day.isoformat()}".encode()).digest()


def visitor_hash(address: str, user_agent: str, day: dt.date) -> str:
    """80 bits of HMAC(salt of ``day``, address + user agent): never the address itself."""
    salt = _salt(day, str(settings.SECRET_KEY))
    message = f"{address}\n{user_agent[:512]}".encode()
    return hmac.new(salt, message, hashlib.sha256).hexdigest()[:20]


def _incr(key: str, ttl: int, delta: int = 1) -> int:
    """Atomic increment that creates the counter first (retried once if it just expired)."""
    for _attempt in range(2):
        store().add(key, 0, timeout=ttl)
        try:
            return int(store().incr(key, delta))
        except ValueError:
            continue
    return 0


def _decr(key: str, delta: int = 1) -> None:
    with contextlib.suppress(ValueError):  # an expired counter: nothing to take away
        store().decr(key, delta)


def visit_record(request: HttpRequest, unit: AdministrativeUnit | int) -> bool:
    """Count the request's visitor on ``unit``'s site; ``True`` if it was their first today."""
    user_agent = str(request.META.get("HTTP_USER_AGENT", ""))
    if request.method != "GET" or is_robot(user_agent):
        return False
    unit_pk = unit if isinstance(unit, int) else unit.pk
    now = timezone.now()
    visitor = visitor_hash(_client_address(request), user_agent, timezone.localdate(now))
    first = record_hash(unit_pk, visitor, now)
    _maybe_flush_here(now)
    return first


def record_hash(unit_pk: int, visitor: str, now: dt.datetime) -> bool:
    """The cache side of ``visit_record`` for an already hashed visitor (steps 1–2 above)."""
    day = timezone.localdate(now).isoformat()
    first = bool(store().add(f"{PREFIX}:seen:{unit_pk}:{day}:{visitor}", 1, timeout=DAY_TTL))
    if first:
        _incr(f"{PREFIX}:pending:{unit_pk}:{day}", DAY_TTL)
        _register(unit_pk, day)
    window = online_minutes()
    minute = int(now.timestamp() // 60)
    ttl = (window + 2) * 60
    if store().add(f"{PREFIX}:min:{unit_pk}:{minute}:{visitor}", 1, timeout=ttl):
        last_key = f"{PREFIX}:last:{unit_pk}:{visitor}"
        previous = store().get(last_key)
        store().set(last_key, minute, timeout=ttl)
        _incr(f"{PREFIX}:on:{unit_pk}:{minute}", ttl)
        if isinstance(previous, int) and 0 < minute - previous <= window:
            _decr(f"{PREFIX}:on:{unit_pk}:{previous}")
    return first


def _register(unit_pk: int, day: str) -> None:
    """Put the unit in the day's list (once), so that ``flush`` finds its pending count."""
    if not store().add(f"{PREFIX}:registered:{unit_pk}:{day}", 1, timeout=DAY_TTL):
        return
    slot = _incr(f"{PREFIX}:units:{day}", DAY_TTL)
    store().set(f"{PREFIX}:unit:{day}:{slot}", unit_pk, timeout=DAY_TTL)


def online_now(unit_pk: int, *, now: dt.datetime | None = None) -> int:
    """Distinct visitors whose last page was in the last ``online_minutes()`` minutes."""
    minute = int((now or timezone.now()).timestamp() // 60)
    keys = [f"{PREFIX}:on:{unit_pk}:{m}" for m in range(minute - online_minutes() + 1, minute + 1)]
    return max(0, sum(int(v) for v in store().get_many(keys).values()))


def _days(now: dt.datetime) -> list[str]:
    today = timezone.localdate(now)
    return [(today - dt.timedelta(days=1)).isoformat(), today.isoformat()]


def pending_visits(unit_pk: int, *, now: dt.datetime | None = None) -> int:
    keys = [f"{PREFIX}:pending:{unit_pk}:{day}" for day in _days(now or timezone.now())]
    return sum(max(0, int(v)) for v in store().get_many(keys).values())


def total_visits(unit_pk: int, *, now: dt.datetime | None = None) -> int:
    """Every visit so far: the flushed days (cached a few minutes) plus what is pending."""
    key = f"{PREFIX}:total:{unit_pk}"
    stored = store().get(key)
    if stored is None:
        stored = VisitDay.objects.filter(unit_id=unit_pk).aggregate(n=Sum("visits"))["n"] or 0
        store().set(key, stored, timeout=TOTAL_TTL)
    return int(stored) + pending_visits(unit_pk, now=now)


def flush(*, now: dt.datetime | None = None) -> int:
    """Move pending visits of yesterday and today into ``VisitDay``; return how many moved.

    1. Take the flush lock (one flusher at a time on a shared cache).
    2. For each day, read the units registered that day and their pending counters.
    3. For each positive count n: in a transaction add n to the day's row, then ``decr`` the
       counter by n, so visits counted during the flush stay pending for the next one.
    4. Forget the cached totals of the units that changed.
    """
    lock = f"{PREFIX}:flush-lock"
    if not store().add(lock, 1, timeout=120):
        return 0
    moved = 0
    try:
        for day in _days(now or timezone.now()):
            moved += _flush_day(day)
    finally:
        store().delete(lock)
    return moved


def _flush_day(day: str) -> int:
    count = int(store().get(f"{PREFIX}:units:{day}") or 0)
    if not count:
        return 0
    slots = store().get_many([f"{PREFIX}:unit:{day}:{i}" for i in range(1, count + 1)])
    units = sorted({int(pk) for pk in slots.values()})
    pending = store().get_many([f"{PREFIX}:pending:{pk}:{day}" for pk in units])
    existing = set(AdministrativeUnit.objects.filter(pk__in=units).values_list("pk", flat=True))
    moved = 0
    date = dt.date.fromisoformat(day)
    for key, value in pending.items():
        unit_pk, n = int(key.split(":")[-2]), int(value)
        if n <= 0 or unit_pk not in existing:
            continue
        with transaction.atomic():
            VisitDay.objects.get_or_create(unit_id=unit_pk, day=date)
            VisitDay.objects.filter(unit_id=unit_pk, day=date).update(visits=F("visits") + n)
        _decr(key, n)
        store().delete(f"{PREFIX}:total:{unit_pk}")
        moved += n
    return moved


def _maybe_flush_here(now: dt.datetime) -> None:
    """With a per-process cache only this process can flush its counts: now and then, do it."""
    seconds = flush_seconds()
    if seconds <= 0 or not isinstance(caches["default"], LocMemCache):
        return
    if store().add(f"{PREFIX}:flush-due", 1, timeout=seconds):
        flush(now=now)
