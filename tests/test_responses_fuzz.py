"""No junk a client can send to the public form produces a server error."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hailong.core import ratelimit
from hailong.responses import integrity
from tests.conftest import Cast
from tests.test_responses_factories import SIPAS_2023, fresh_cache, open_wave, start  # noqa: F401

pytestmark = pytest.mark.usefixtures("fresh_cache")
ALLOWED = {200, 302, 400, 404, 405, 409, 410, 429}
JUNK = st.one_of(
    st.text(max_size=300),
    st.sampled_from(
        ["0", "1", "5", "-1", "99999999999999", "1.5", "", "on", "next", "back", "submit"]
    ),
    st.text(alphabet="\x00\x01\u200b\ufeff\u0301 <>'\"&%", max_size=20),
)
NAMES = st.sampled_from(
    [
        "q-Q1.1",
        "q-Q2",
        "q-Q8.1",
        "q-II.2.3",
        "q-OPEN",
        "q-r.hamlet",
        "q-r.gender",
        "q-II.1.1-reason",
        "action",
        "altcha",
        "moi",
        "lang",
        "name",
        "phone",
        "email",
        "message",
        "consent",
        "x",
    ]
)
FIELDS = st.dictionaries(NAMES, st.one_of(JUNK, st.lists(JUNK, max_size=4)), max_size=8)


@pytest.fixture
def no_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("SUBMIT", "SUBMIT_UNVERIFIED", "START", "INVITATION_MISSES"):
        monkeypatch.setattr(
            integrity, name, ratelimit.Rule(f"fuzz-{name}", limit=10**9, window=600)
        )


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    data=FIELDS,
    step=st.integers(min_value=-3, max_value=40),
    junk_path=st.text(min_size=1, max_size=40),
)
def test_no_junk_post_or_path_causes_a_server_error(
    cast: Cast, no_limits: None, data: dict[str, object], step: int, junk_path: str
) -> None:
    from hailong.surveys.models import SurveyWave

    wave = SurveyWave.objects.filter(name="Đợt thử trực tuyến").first() or open_wave(
        cast.ngoc_ha, SIPAS_2023
    )
    client = cast.client(None)
    first = start(client, wave)
    key = re.search(r"/d/([^/]+)/", first)[1]  # type: ignore[index]
    base = f"/k/{wave.public_token}"
    urls = [
        f"{base}/",
        f"{base}/d/{key}/{max(step, 0)}/",
        f"{base}/d/{key}/12/",
        f"{base}/d/{quote(junk_path, safe='')}/1/",
        f"{base}/{quote(junk_path, safe='')}/",
        f"/k/{quote(junk_path, safe='')}/",
    ]
    for url in urls:
        assert client.post(url, data).status_code in ALLOWED, (url, data)
        assert client.get(url, data).status_code in ALLOWED, (url, data)
