"""The form is light: its first page, HTML and CSS compressed, is far under 30 KB on the wire."""

from __future__ import annotations

import gzip
import re

import pytest
from django.contrib.staticfiles import finders

from tests.conftest import Cast
from tests.test_responses_factories import (
    SIPAS_2023,
    fill_all,
    open_wave,
    start,
    valid_raw,
)

pytestmark = pytest.mark.usefixtures("fresh_cache")
BUDGET = 30 * 1024


def _gzip(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6))


def _stylesheets(html: str) -> list[bytes]:
    found = []
    for href in re.findall(r'<link rel="stylesheet" href="/static/([^"]+)"', html):
        path = finders.find(href)
        assert path, href
        with open(str(path), "rb") as handle:
            found.append(handle.read())
    return found


def _weight(html: bytes) -> int:
    return _gzip(html) + sum(_gzip(css) for css in _stylesheets(html.decode()))


@pytest.mark.parametrize("method", ["ward-short-2026", SIPAS_2023])
def test_the_first_page_is_under_30_kb_compressed(cast: Cast, method: str) -> None:
    wave = open_wave(cast.ngoc_ha, method)
    page = cast.client(None).get(f"/k/{wave.public_token}/")
    assert page.status_code == 200
    assert _stylesheets(page.content.decode())  # the stylesheet is counted
    assert _weight(page.content) <= BUDGET
    assert _weight(page.content) <= 8 * 1024  # what we actually achieve, to notice regressions


def test_the_heaviest_question_page_is_under_30_kb_too(cast: Cast) -> None:
    wave = open_wave(cast.ngoc_ha, SIPAS_2023)
    client = cast.client(None)
    first = start(client, wave)
    raw = valid_raw(wave)
    fill_all(client, wave, first, raw)
    heaviest = max(
        (client.get(re.sub(r"/\d+/$", f"/{n}/", first)).content for n in range(1, 12)), key=len
    )
    assert _weight(heaviest) <= BUDGET
