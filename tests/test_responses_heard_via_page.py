"""The 2023 form's page of the ward's own heard-via question (KS), without JavaScript: it says
it is not part of the national form, it may be left blank, and several channels are kept."""

from __future__ import annotations

import re

import pytest

from hailong.responses.models import Response
from tests.conftest import Cast
from tests.test_responses_factories import (  # noqa: F401
    SIPAS_2023,
    fresh_cache,
    open_wave,
    start,
    submit,
    valid_raw,
)

pytestmark = pytest.mark.usefixtures("fresh_cache")


def _fill(cast: Cast, heard: list[str]) -> tuple[Response, str]:
    """Fill the whole 2023 form, ticking ``heard`` on the KS page; return what was stored and
    the KS page's HTML."""
    wave = open_wave(cast.ngoc_ha, SIPAS_2023)
    client = cast.client(None)
    raw = {**valid_raw(wave, value=4), "q-KS": heard}
    url, ks_page = start(client, wave), ""
    for _ in range(40):
        html = client.get(url).content.decode()
        if 'value="submit"' in html:
            break
        names = set(re.findall(r'name="(q-[^"]+)"', html))
        if "q-KS" in names:
            ks_page = html
        data = {n: raw[n] for n in names if raw.get(n)}
        response = client.post(url, {**data, "action": "next"})
        assert response.status_code == 302, html[:2000]
        url = str(response["Location"])
    assert submit(client, url).status_code == 302
    return Response.objects.get(wave=wave), ks_page


def test_several_channels_are_kept_and_the_page_says_what_the_question_is(cast: Cast) -> None:
    stored, page = _fill(cast, ["1", "8"])
    assert stored.answers["KS"] == [1, 8]
    assert "<h1>Câu hỏi thêm của địa phương</h1>" in page
    assert "không thuộc phiếu khảo sát quốc gia, không bắt buộc" in page
    assert page.count('type="checkbox"') == 8
    assert "Tờ rơi, áp phích" in page


def test_the_question_may_be_left_blank(cast: Cast) -> None:
    stored, _page = _fill(cast, [])
    assert stored.answers["KS"] is None
    assert stored.answers["I.A.1"] == 4  # the national items are stored as before
