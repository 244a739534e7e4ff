"""No junk a client can send to the public rating pages produces a server error."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hailong.core import ratelimit
from hailong.dossiers.models import DossierRating, Procedure
from hailong.dossiers.ratings import rating_point_for
from hailong.dossiers.views import public
from tests.conftest import Cast
from tests.test_dossiers_factories import catalogue, fresh_cache, make_dossier  # noqa: F401

pytestmark = pytest.mark.usefixtures("fresh_cache")

JUNK = st.one_of(
    st.text(max_size=1200),
    st.sampled_from(["rat_hai_long", "hai_long", "khong_hai_long", "web", "qr", "kiosk", ""]),
    st.text(alphabet="\x00\x01\u200b\ufeff\u0301 <>'\"&%", max_size=20),
)
FIELDS = st.dictionaries(st.sampled_from(["level", "reason", "channel", "code", "x"]), JUNK)
ALLOWED = {200, 302, 400, 404, 429}


@pytest.fixture
def endless_guesses(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(public, "CODE_MISSES", ratelimit.Rule("fuzz", limit=10**9, window=600))


@settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=FIELDS, code=st.text(min_size=1, max_size=80))
def test_no_junk_post_or_code_causes_a_server_error(
    cast: Cast,
    catalogue: dict[str, Procedure],  # noqa: F811
    endless_guesses: None,
    data: dict[str, str],
    code: str,
) -> None:
    token = rating_point_for(cast.ngoc_ha).token
    client = cast.client(None)
    known = "FUZZ-1"
    if not cast.ngoc_ha.dossiers.filter(code=known).exists():
        make_dossier(cast.ngoc_ha, known, catalogue["1.001193"])
    for url in (
        f"/danh-gia/{token}/",
        f"/danh-gia/{token}/{known}/",
        f"/danh-gia/{token}/{quote(code, safe='')}/",
    ):
        assert client.post(url, data).status_code in ALLOWED, (url, data)
        assert client.get(url, data).status_code in ALLOWED, (url, data)
    assert DossierRating.objects.count() <= 1
