"""A small fixed-window rate limiter on Django's cache (local memory or Redis alike).

Each (rule, client, window) has one counter: ``cache.add`` creates it with the window's
lifetime, ``cache.incr`` bumps it atomically (Redis ``INCR``; a lock in local memory). With
several application servers the cache must be shared (``REDIS_URL``); in production put nginx
``limit_req`` in front as well. Clients are told apart by a keyed hash of their address, so no
address is stored in the cache in clear.

    CODE_MISSES = Rule("dossier-code-miss", limit=10, window=600)
    if is_limited(CODE_MISSES, client_id(request)): return 429
    ...
    hit(CODE_MISSES, client_id(request))   # after a miss
"""

from __future__ import annotations

import hashlib
import hmac
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest


@dataclass(frozen=True)
class Rule:
    """At most ``limit`` hits per ``window`` seconds per client."""

    name: str
    limit: int
    window: int


def client_id(request: HttpRequest) -> str:
    """A stable, non-reversible id of the client's address.

    Behind a reverse proxy set ``HAILONG_CLIENT_IP_HEADER`` (e.g. ``HTTP_X_REAL_IP``) to the
    header the proxy fills in; otherwise every client would share the proxy's address.
    """
    header = getattr(settings, "HAILONG_CLIENT_IP_HEADER", "")
    address = (request.META.get(header, "") if header else "") or request.META.get(
        "REMOTE_ADDR", ""
    )
    address = str(address).split(",")[0].strip()
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, address.encode(), hashlib.sha256).hexdigest()[:24]


def _slot(rule: Rule, now: float | None) -> int:
    return int((time.time() if now is None else now) // rule.window)


def _key(rule: Rule, ident: str, now: float | None) -> str:
    return f"hailong:rl:{rule.name}:{_slot(rule, now)}:{ident}"


def hit(rule: Rule, ident: str, *, now: float | None = None) -> int:
    """Count one hit for ``ident``; return the count in the current window."""
    key = _key(rule, ident, now)
    cache.add(key, 0, timeout=rule.window + 1)
    try:
        return int(cache.incr(key))
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=rule.window + 1)
        return 1


def count(rule: Rule, ident: str, *, now: float | None = None) -> int:
    return int(cache.get(_key(rule, ident, now), 0))


def is_limited(rule: Rule, ident: str, *, now: float | None = None) -> bool:
    """Whether ``ident`` has used up the rule's hits for the current window."""
    return count(rule, ident, now=now) >= rule.limit


def retry_after(rule: Rule, *, now: float | None = None) -> int:
    """Seconds until the current window ends."""
    moment = time.time() if now is None else now
    return max(1, int(rule.window - moment % rule.window))


def _daily_salt(now: float | None = None) -> bytes:
    """A salt that changes every UTC day: yesterday's fingerprints cannot be recomputed today."""
    day = int((time.time() if now is None else now) // 86_400)
    return hmac.new(settings.SECRET_KEY.encode(), f"rl-salt:{day}".encode(), "sha256").digest()


def client_fingerprint(request: HttpRequest, *, now: float | None = None) -> str:
    """A keyed hash of the client's address and browser (User-Agent) under a daily salt.

    Finer than ``client_id`` (people in one meeting hall share a Wi-Fi address but not a phone
    model) and unlinkable across days; nothing reversible is kept, only cache counters.
    """
    address = client_id(request)
    agent = str(request.META.get("HTTP_USER_AGENT", ""))[:400]
    message = f"{address}\n{agent}".encode()
    return hmac.new(_daily_salt(now), message, hashlib.sha256).hexdigest()[:24]
