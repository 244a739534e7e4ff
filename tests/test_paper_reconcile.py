"""Reconciliation: declared vs entered vs stored, and a batch closes only when they agree or
someone writes down why they do not."""

from __future__ import annotations

import pytest
from django.urls import reverse

from hailong.core.errors import ServiceError
from hailong.paper import selectors, services
from hailong.paper.models import BatchStatus, EventKind, PaperBatch, PaperEvent
from tests.conftest import Cast
from tests.test_paper_factories import (  # noqa: F401 (fixture)
    enter,
    fresh_cache,
    keys_for,
    new_batch,
    paper_wave,
    second_officer,
)

pytestmark = pytest.mark.usefixtures("fresh_cache")


def test_counts_follow_each_keying(cast: Cast) -> None:
    wave = paper_wave(cast)
    batch = new_batch(cast, wave, declared=3, double=True)
    assert selectors.batch_counts(batch).as_dict() == {
        "declared": 3, "entered": 0, "stored": 0, "awaiting_second": 0, "conflicts": 0,
    }  # fmt: skip
    enter(batch, cast.oscar, 1, keys_for(wave))
    enter(batch, cast.oscar, 2, keys_for(wave))
    enter(batch, second_officer(cast), 1, keys_for(wave))
    counts = selectors.batch_counts(batch)
    assert (counts.declared, counts.entered, counts.stored) == (3, 2, 1)
    assert (counts.awaiting_second, counts.conflicts) == (1, 0)
    assert not counts.balanced
    batch.refresh_from_db()
    assert batch.status == BatchStatus.ENTERING


def test_a_batch_whose_counts_agree_closes_as_reconciled(cast: Cast) -> None:
    wave = paper_wave(cast)
    batch = new_batch(cast, wave, declared=2)
    enter(batch, cast.oscar, 1, keys_for(wave))
    enter(batch, cast.oscar, 2, keys_for(wave))
    services.paper_batch_close(actor=cast.oscar, batch=batch)
    batch.refresh_from_db()
    assert batch.status == BatchStatus.RECONCILED
    assert batch.closed_by == cast.oscar
    event = PaperEvent.objects.get(kind=EventKind.BATCH_CLOSED)
    assert event.changes["stored"] == 2


def test_a_batch_whose_counts_differ_does_not_close_without_a_reason(cast: Cast) -> None:
    wave = paper_wave(cast)
    batch = new_batch(cast, wave, declared=5)
    enter(batch, cast.oscar, 1, keys_for(wave))
    with pytest.raises(ServiceError, match="thu về 5, đã nhập 1, đã lưu 1") as caught:
        services.paper_batch_close(actor=cast.oscar, batch=batch, reason=" ")
    assert caught.value.field == "reason"
    batch.refresh_from_db()
    assert batch.status == BatchStatus.ENTERING


def test_a_reason_closes_a_batch_whose_counts_differ(cast: Cast) -> None:
    wave = paper_wave(cast)
    batch = new_batch(cast, wave, declared=3)
    enter(batch, cast.oscar, 1, keys_for(wave))
    services.paper_batch_close(actor=cast.oscar, batch=batch, reason="2 phiếu hỏng")
    batch.refresh_from_db()
    assert batch.status == BatchStatus.CLOSED
    assert batch.close_reason == "2 phiếu hỏng"


def test_unresolved_disagreements_keep_the_counts_apart(cast: Cast) -> None:
    wave = paper_wave(cast)
    batch = new_batch(cast, wave, declared=1, double=True)
    enter(batch, cast.oscar, 1, keys_for(wave))
    enter(batch, second_officer(cast), 1, keys_for(wave, CC1="1"))
    with pytest.raises(ServiceError, match="đã lưu 0"):
        services.paper_batch_close(actor=cast.oscar, batch=batch)


def test_a_closed_batch_takes_no_keying_until_reopened(cast: Cast) -> None:
    wave = paper_wave(cast)
    batch = new_batch(cast, wave, declared=2)
    services.paper_batch_close(actor=cast.oscar, batch=batch, reason="Phiếu bị thất lạc")
    with pytest.raises(ServiceError, match="đã đóng"):
        enter(batch, cast.oscar, 1, keys_for(wave))
    services.paper_batch_reopen(actor=cast.oscar, batch=batch)
    batch.refresh_from_db()
    assert batch.status == BatchStatus.ENTERING
    assert batch.close_reason == ""
    assert enter(batch, cast.oscar, 1, keys_for(wave)).stored


def test_the_batch_page_shows_the_counts_and_refuses_closing_with_the_reason_field(
    cast: Cast,
) -> None:
    wave = paper_wave(cast)
    batch = new_batch(cast, wave, declared=4)
    enter(batch, cast.oscar, 1, keys_for(wave))
    client = cast.client(cast.oscar)
    page = client.get(reverse("paper:batch", args=[batch.pk]))
    html = page.content.decode()
    assert "Chưa khớp: thu về 4, đã nhập 1, đã lưu 1." in html
    refused = client.post(reverse("paper:close", args=[batch.pk]), {"reason": ""})
    assert refused.status_code == 400
    assert 'id="close-error"' in refused.content.decode()
    closed = client.post(reverse("paper:close", args=[batch.pk]), {"reason": "3 phiếu hỏng"})
    assert closed.status_code == 302
    assert PaperBatch.objects.get().status == BatchStatus.CLOSED
