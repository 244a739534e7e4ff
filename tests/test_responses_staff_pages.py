"""Staff pages of sources and responses: alice manages, bob reads, charlie sees nothing."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from hailong.responses.models import Response, ResponseStatus, Source
from hailong.responses.services import source_create
from tests.conftest import Cast
from tests.test_responses_factories import fresh_cache, open_wave  # noqa: F401

pytestmark = pytest.mark.usefixtures("fresh_cache")


def _responses(wave, n: int, source: Source | None = None) -> None:  # type: ignore[no-untyped-def]
    Response.objects.bulk_create(
        Response(
            wave=wave,
            method_version_id=wave.method_version_id,
            unit_id=wave.unit_id,
            channel="web" if i % 3 else "paper",
            source=source,
            submitted_at=timezone.now(),
            answers={"CC1": 5},
            flags=["unverified"] if i % 2 else [],
            status=ResponseStatus.FLAGGED if i % 7 == 0 else ResponseStatus.VALID,
        )
        for i in range(n)
    )


def test_the_sources_page_shows_each_link_with_its_qr_code(cast: Cast) -> None:
    wave = open_wave(cast.ngoc_ha)
    source = source_create(
        actor=cast.alice,
        wave=wave,
        kind="zalo",
        label="Nhóm Zalo Tổ dân phố số 1",
        residential_group=cast.group1,
    )
    page = cast.client(cast.alice).get(reverse("responses:sources", args=[wave.pk]))
    html = page.content.decode()

    assert page.status_code == 200
    assert f"/k/{wave.public_token}/{source.token}/" in html
    assert html.count("<svg") == 2  # the generic link and the source
    assert 'aria-label="Nhóm Zalo Tổ dân phố số 1"' in html
    assert reverse("responses:source_poster", args=[wave.pk, source.pk]) in html
    assert reverse("responses:source_create", args=[wave.pk]) in html


def test_a_viewer_reads_the_sources_but_cannot_add_or_stop_one(cast: Cast) -> None:
    wave = open_wave(cast.ngoc_ha)
    source = source_create(actor=cast.alice, wave=wave, kind="loa", label="Loa truyền thanh")
    bob = cast.client(cast.bob)
    page = bob.get(reverse("responses:sources", args=[wave.pk]))
    assert page.status_code == 200
    assert reverse("responses:source_create", args=[wave.pk]) not in page.content.decode()
    assert bob.get(reverse("responses:source_create", args=[wave.pk])).status_code == 403
    assert (
        bob.post(reverse("responses:source_toggle", args=[wave.pk, source.pk])).status_code == 403
    )


def test_an_outsider_gets_404_everywhere(cast: Cast) -> None:
    wave = open_wave(cast.ngoc_ha)
    source = source_create(actor=cast.alice, wave=wave, kind="loa", label="Loa")
    charlie = cast.client(cast.charlie)
    for url in (
        reverse("responses:sources", args=[wave.pk]),
        reverse("responses:responses", args=[wave.pk]),
        reverse("responses:source_poster", args=[wave.pk, source.pk]),
    ):
        assert charlie.get(url).status_code == 404


def test_alice_adds_a_source_with_a_short_unguessable_token(cast: Cast) -> None:
    wave = open_wave(cast.ngoc_ha)
    response = cast.client(cast.alice).post(
        reverse("responses:source_create", args=[wave.pk]),
        {
            "kind": "to_roi",
            "label": " Tờ rơi  Tổ dân phố số 1 ",
            "residential_group": cast.group1.pk,
        },
    )
    assert response.status_code == 302
    source = Source.objects.get()
    assert source.label == "Tờ rơi Tổ dân phố số 1"
    assert len(source.token) == 10
    assert source.token.isalnum()
    again = cast.client(cast.alice).post(
        reverse("responses:source_create", args=[wave.pk]),
        {"kind": "to_roi", "label": "Tờ rơi Tổ dân phố số 1"},
    )
    assert again.status_code == 400
    assert "đã có nguồn tên này" in again.content.decode()


def test_a_stopped_source_shows_a_kind_page_pointing_to_the_generic_link(cast: Cast) -> None:
    wave = open_wave(cast.ngoc_ha)
    source = source_create(actor=cast.alice, wave=wave, kind="zalo", label="Nhóm Zalo")
    cast.client(cast.alice).post(reverse("responses:source_toggle", args=[wave.pk, source.pk]))
    page = cast.client(None).get(f"/k/{wave.public_token}/{source.token}/")
    assert page.status_code == 410
    assert f'href="/k/{wave.public_token}/"' in page.content.decode()


def test_the_response_list_counts_by_channel_and_source_in_few_queries(cast: Cast) -> None:
    wave = open_wave(cast.ngoc_ha)
    zalo = source_create(actor=cast.alice, wave=wave, kind="zalo", label="Nhóm Zalo")
    _responses(wave, 30, zalo)
    _responses(wave, 12)
    client = cast.client(cast.alice)
    url = reverse("responses:responses", args=[wave.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(url)
    html = page.content.decode()

    assert page.status_code == 200
    assert len(queries) <= 14, [q["sql"] for q in queries]
    assert "<strong>42</strong>" in html
    assert "Nhóm Zalo</td><td>30" in html
    with CaptureQueriesContext(connection) as more:
        _responses(wave, 60)
        client.get(url + "?trang=2")
    assert len(more) - 1 <= len(queries)  # the bulk insert, then the same number of reads


def test_bob_reads_the_response_list_but_cannot_exclude_a_response(cast: Cast) -> None:
    wave = open_wave(cast.ngoc_ha)
    _responses(wave, 3)
    response = Response.objects.first()
    assert response is not None
    bob = cast.client(cast.bob)
    page = bob.get(reverse("responses:responses", args=[wave.pk]))
    assert page.status_code == 200
    assert "Không tính</button>" not in page.content.decode()
    url = reverse("responses:response_status", args=[wave.pk, response.pk])
    assert bob.post(url, {"status": "excluded"}).status_code == 403
    assert cast.client(cast.alice).post(url, {"status": "excluded"}).status_code == 302
    response.refresh_from_db()
    assert response.status == "excluded"
    assert Response.objects.count() == 3  # never deleted


def test_the_wave_page_links_to_sources_and_responses(cast: Cast) -> None:
    wave = open_wave(cast.ngoc_ha)
    html = (
        cast.client(cast.bob).get(reverse("surveys:wave_detail", args=[wave.pk])).content.decode()
    )
    assert reverse("responses:sources", args=[wave.pk]) in html
    assert "Nguồn & mã QR" in html
