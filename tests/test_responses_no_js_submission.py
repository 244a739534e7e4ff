"""A person without JavaScript fills the whole form: the answers are stored, marked unverified."""

from __future__ import annotations

import pytest

from hailong.responses.models import Response, ResponseDraft, ResponseStatus
from tests.conftest import Cast
from tests.test_responses_factories import (  # noqa: F401
    SIPAS_2017,
    SIPAS_2023,
    fill_all,
    fresh_cache,
    open_wave,
    start,
    submit,
    valid_raw,
)

pytestmark = pytest.mark.usefixtures("fresh_cache")


@pytest.mark.parametrize("method", ["ward-short-2026", SIPAS_2017, SIPAS_2023])
def test_a_form_filled_without_javascript_is_stored_and_marked_unverified(
    cast: Cast, method: str
) -> None:
    wave = open_wave(cast.ngoc_ha, method)
    client = cast.client(None)
    last = fill_all(client, wave, start(client, wave), valid_raw(wave, value=4))
    response = submit(client, last)

    assert response.status_code == 302
    assert response["Location"] == f"/k/{wave.public_token}/cam-on/"
    stored = Response.objects.get(wave=wave)
    assert stored.verified is False
    assert "unverified" in stored.flags
    assert stored.channel == "web"
    assert stored.method_version_id == wave.method_version_id
    assert stored.unit_id == cast.ngoc_ha.pk
    assert not ResponseDraft.objects.exists()
    thanks = client.get(response["Location"])
    assert "Cảm ơn Ông/Bà" in thanks.content.decode()


def test_an_unverified_response_still_counts_as_valid(cast: Cast) -> None:
    wave = open_wave(cast.ngoc_ha)
    client = cast.client(None)
    last = fill_all(client, wave, start(client, wave), valid_raw(wave))
    submit(client, last)

    stored = Response.objects.get(wave=wave)
    assert stored.status in {ResponseStatus.VALID, ResponseStatus.FLAGGED}
    assert set(stored.flags) - {"unverified", "too_fast"} == set()
