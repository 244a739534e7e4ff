"""Every staff URL refuses the outsider (403/404) and the anonymous visitor (login)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.conftest import Cast
from tests.staff_urls import STAFF_URL_EXAMPLES


def _walk(
    patterns: list[object], prefix: str = "", namespace: str = ""
) -> Iterator[tuple[str, str]]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or ""
            full_ns = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), full_ns)
        elif isinstance(entry, URLPattern) and entry.name:
            name = f"{namespace}:{entry.name}" if namespace else entry.name
            yield prefix + str(entry.pattern), name


def staff_url_names() -> list[str]:
    return sorted(
        {name for route, name in _walk(get_resolver().url_patterns) if route.startswith("staff/")}
    )


def test_every_staff_url_has_a_scope_example() -> None:
    missing = [name for name in staff_url_names() if name not in STAFF_URL_EXAMPLES]
    assert missing == [], f"add these to tests/staff_urls.py: {missing}"


SCOPED = sorted(name for name, example in STAFF_URL_EXAMPLES.items() if example is not None)
UNSCOPED = sorted(name for name, example in STAFF_URL_EXAMPLES.items() if example is None)


@pytest.mark.parametrize("name", SCOPED)
def test_an_outsider_gets_nothing_from_a_scoped_staff_url(cast: Cast, name: str) -> None:
    example = STAFF_URL_EXAMPLES[name]
    assert example is not None
    url = reverse(name, kwargs=example(cast))
    client = cast.client(cast.charlie)
    assert client.get(url).status_code in {403, 404, 405}
    assert client.post(url, {"name": "x", "role": "admin"}).status_code in {403, 404}


@pytest.mark.parametrize("name", SCOPED + UNSCOPED)
def test_an_anonymous_visitor_is_sent_to_login(cast: Cast, name: str) -> None:
    example = STAFF_URL_EXAMPLES[name]
    url = reverse(name, kwargs=example(cast) if example else {})
    response = cast.client(None).get(url)
    assert response.status_code in {302, 405}
    if response.status_code == 302:
        assert "/tai-khoan/dang-nhap/" in response["Location"]


@pytest.mark.parametrize("name", UNSCOPED)
def test_an_unscoped_staff_page_shows_an_outsider_nothing_of_another_ward(
    cast: Cast, name: str
) -> None:
    response = cast.client(cast.charlie).get(reverse(name))
    assert response.status_code in {200, 403}
    body = response.content.decode()
    assert "Ngọc Hà" not in body
    assert "Hà Nội" not in body
