"""``hailong.core.ratelimit``: a fixed-window counter per rule and client on Django's cache."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.cache import cache
from django.test import RequestFactory

from hailong.core import ratelimit

RULE = ratelimit.Rule("test", limit=3, window=60)


@pytest.fixture(autouse=True)
def _empty_cache() -> Iterator[None]:
    cache.clear()
    yield
    cache.clear()


def test_it_counts_hits_and_limits_after_the_limit() -> None:
    assert not ratelimit.is_limited(RULE, "a", now=1000)
    assert [ratelimit.hit(RULE, "a", now=1000 + i) for i in range(3)] == [1, 2, 3]
    assert ratelimit.is_limited(RULE, "a", now=1010)
    assert not ratelimit.is_limited(RULE, "b", now=1010)


def test_a_new_window_starts_from_zero() -> None:
    for _ in range(3):
        ratelimit.hit(RULE, "a", now=1000)
    assert ratelimit.is_limited(RULE, "a", now=1019)
    assert not ratelimit.is_limited(RULE, "a", now=1020)
    assert ratelimit.retry_after(RULE, now=1019) == 1
    assert ratelimit.retry_after(RULE, now=1020) == 60


def test_clients_are_told_apart_by_a_keyed_hash_of_their_address(settings: object) -> None:
    factory = RequestFactory()
    one = ratelimit.client_id(factory.get("/", REMOTE_ADDR="203.0.113.5"))
    two = ratelimit.client_id(factory.get("/", REMOTE_ADDR="203.0.113.6"))
    assert one != two
    assert "203.0.113.5" not in one
    settings.HAILONG_CLIENT_IP_HEADER = "HTTP_X_REAL_IP"  # type: ignore[attr-defined]
    proxied = factory.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_REAL_IP="203.0.113.5")
    assert ratelimit.client_id(proxied) == one
