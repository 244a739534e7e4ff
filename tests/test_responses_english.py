"""The public form speaks English when asked (``?lang=en``), from the same catalog."""

from __future__ import annotations

import pytest

from tests.conftest import Cast
from tests.test_responses_factories import fresh_cache, open_wave  # noqa: F401

pytestmark = pytest.mark.usefixtures("fresh_cache")


def test_the_form_follows_the_language_chosen_on_the_start_page(cast: Cast) -> None:
    wave = open_wave(cast.ngoc_ha)
    client = cast.client(None)
    start = client.get(f"/k/{wave.public_token}/?lang=en")
    html = start.content.decode()
    assert '<html lang="en">' in html
    assert "Start answering" in html
    assert 'hreflang="vi"' in html
    first = client.post(f"/k/{wave.public_token}/", {"lang": "en"})["Location"]
    page = client.get(first).content.decode()
    assert '<html lang="en">' in page
    assert "Field or procedure you had handled" in page  # the method's own English wording
