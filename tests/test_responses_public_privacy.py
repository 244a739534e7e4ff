"""Public pages load nothing from anyone else, set no cookies and keep to a strict CSP."""

from __future__ import annotations

import re

import pytest
from django.contrib.staticfiles import finders

from tests.conftest import Cast
from tests.test_responses_factories import (
    fill_all,
    open_wave,
    start,
    submit,
    valid_raw,
)

pytestmark = pytest.mark.usefixtures("fresh_cache")
EXTERNAL = re.compile(r"""(?:src|href|action)\s*=\s*["'](?:https?:)?//""", re.IGNORECASE)


def _pages(cast: Cast) -> list[tuple[str, object]]:
    wave = open_wave(cast.ngoc_ha)
    client = cast.client(None)
    pages: list[tuple[str, object]] = [("start", client.get(f"/k/{wave.public_token}/"))]
    first = start(client, wave)
    pages.append(("page", client.get(first)))
    last = fill_all(client, wave, first, valid_raw(wave))
    pages.append(("last", client.get(last)))
    thanks = submit(client, last)["Location"]
    pages.append(("thanks", client.get(thanks)))
    pages.append(("missing", client.get("/k/khong-co/")))
    return pages


def test_public_pages_reference_no_third_party_url(cast: Cast) -> None:
    for name, page in _pages(cast):
        html = page.content.decode()  # type: ignore[attr-defined]
        assert not EXTERNAL.search(html), name
        for word in ("fonts.googleapis", "cdn.", "gstatic"):
            assert word not in html.lower(), name


def test_the_stylesheet_and_script_fetch_nothing_else() -> None:
    for name in ("hailong/public.css", "responses/pow.js"):
        path = finders.find(name)
        with open(str(path), encoding="utf-8") as handle:
            text = handle.read()
        for word in ("url(", "@import", "http"):
            assert word not in text, name


def test_public_pages_set_no_cookie_and_send_a_csp_without_inline_code(cast: Cast) -> None:
    for name, page in _pages(cast):
        assert not page.cookies, name  # type: ignore[attr-defined]
        csp = page["Content-Security-Policy"]  # type: ignore[index]
        assert "default-src 'self'" in csp
        assert "unsafe-inline" not in csp
        assert "unsafe-eval" not in csp
        html = page.content.decode()  # type: ignore[attr-defined]
        for inline in ("<script>", " style=", " onclick"):
            assert inline not in html, name
