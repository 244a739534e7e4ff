"""Sending the form costs a handful of queries, whatever the size of the questionnaire: the
wave and its parsed method are remembered by the process, the draft is read once."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hailong.responses.models import Response
from tests.conftest import Cast
from tests.test_responses_factories import (  # noqa: F401
    SIPAS_2023,
    fill_all,
    fresh_cache,
    open_wave,
    start,
    valid_raw,
)

pytestmark = pytest.mark.usefixtures("fresh_cache")


@pytest.mark.parametrize("method", ["ward-short-2026", SIPAS_2023])
def test_the_final_post_reads_the_draft_then_writes_once(cast: Cast, method: str) -> None:
    wave = open_wave(cast.ngoc_ha, method)
    client = cast.client(None)
    last = fill_all(client, wave, start(client, wave), valid_raw(wave))
    with CaptureQueriesContext(connection) as queries:
        response = client.post(last, {"action": "submit"})

    assert response.status_code == 302
    assert Response.objects.count() == 1
    ours = [q["sql"] for q in queries if "indices_" not in q["sql"]]  # running aggregates apart
    statements = [sql.split()[0].upper() for sql in ours]
    assert statements.count("SELECT") == 1, [sql[:120] for sql in ours]  # the wave is remembered
    assert statements.count("INSERT") == 1
    assert statements.count("DELETE") == 1
    assert len(ours) <= 6, [sql[:120] for sql in ours]
    assert len(queries) - len(ours) <= 2  # one upsert per aggregate table
