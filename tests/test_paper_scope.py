"""Who may do what with paper forms: oscar (one-stop officer) keys, bob (viewer) reads but gets
403 on every write, charlie (another ward) gets 404 everywhere."""

from __future__ import annotations

import pytest
from django.urls import reverse

from hailong.paper.models import PaperQuota
from tests.conftest import Cast
from tests.test_paper_factories import (  # noqa: F401 (fixture)
    enter,
    fresh_cache,
    keys_for,
    new_batch,
    paper_wave,
)

pytestmark = pytest.mark.usefixtures("fresh_cache")


def _setup(cast: Cast):  # type: ignore[no-untyped-def]
    wave = paper_wave(cast)
    batch = new_batch(cast, wave, declared=3)
    enter(batch, cast.oscar, 1, keys_for(wave))
    return wave, batch


def _reads(wave, batch) -> list[str]:  # type: ignore[no-untyped-def]
    return [
        reverse("paper:batches", args=[wave.pk]),
        reverse("paper:batch", args=[batch.pk]),
        reverse("paper:conflicts", args=[batch.pk]),
        reverse("paper:batch_print", args=[batch.pk]),
        reverse("paper:form", args=[batch.pk, 1]),
    ]


def _writes(wave, batch) -> list[str]:  # type: ignore[no-untyped-def]
    return [
        reverse("paper:batch_create", args=[wave.pk]),
        reverse("paper:entry", args=[batch.pk]),
        reverse("paper:form_edit", args=[batch.pk, 1]),
    ]


def _posts(wave, batch) -> list[str]:  # type: ignore[no-untyped-def]
    return [
        reverse("paper:close", args=[batch.pk]),
        reverse("paper:reopen", args=[batch.pk]),
        reverse("paper:resolve", args=[batch.pk, 1]),
        reverse("paper:quota", args=[wave.pk]),
    ]


def test_the_one_stop_officer_reads_and_keys(cast: Cast) -> None:
    wave, batch = _setup(cast)
    client = cast.client(cast.oscar)
    for url in _reads(wave, batch) + _writes(wave, batch):
        assert client.get(url).status_code == 200, url
    saved = client.post(reverse("paper:entry", args=[batch.pk]), {**keys_for(wave), "so": "2"})
    assert saved.status_code == 302


def test_a_viewer_reads_but_every_write_is_forbidden(cast: Cast) -> None:
    wave, batch = _setup(cast)
    client = cast.client(cast.bob)
    for url in _reads(wave, batch):
        assert client.get(url).status_code == 200, url
    for url in _writes(wave, batch):
        assert client.get(url).status_code == 403, url
        assert client.post(url, {**keys_for(wave), "so": "2"}).status_code == 403, url
    for url in _posts(wave, batch):
        assert client.post(url, {"reason": "x", "cap": "5"}).status_code == 403, url
    page = client.get(reverse("paper:batch", args=[batch.pk])).content.decode()
    assert reverse("paper:entry", args=[batch.pk]) not in page
    assert reverse("paper:close", args=[batch.pk]) not in page


def test_an_outsider_finds_nothing(cast: Cast) -> None:
    wave, batch = _setup(cast)
    client = cast.client(cast.charlie)
    for url in _reads(wave, batch) + _writes(wave, batch):
        assert client.get(url).status_code == 404, url
    for url in _posts(wave, batch):
        assert client.post(url, {"reason": "x", "cap": "5"}).status_code == 404, url


def test_the_leader_reads_and_sets_the_quota_but_does_not_key(cast: Cast) -> None:
    wave, batch = _setup(cast)
    client = cast.client(cast.alice)
    assert client.get(reverse("paper:batch", args=[batch.pk])).status_code == 200
    assert client.get(reverse("paper:entry", args=[batch.pk])).status_code == 403
    response = client.post(reverse("paper:quota", args=[wave.pk]), {"cap": "250"})
    assert response.status_code == 302
    assert PaperQuota.objects.get(wave=wave).cap == 250
