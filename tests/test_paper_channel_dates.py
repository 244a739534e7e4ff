"""The paper channel dates a form by the day it was filled in: keying may go on after the wave
has closed, for forms collected while it ran; a planned wave takes none."""

from __future__ import annotations

import datetime as dt

import pytest

from hailong.paper.models import PaperBatch
from hailong.responses.channels import channel_get
from hailong.responses.models import Response
from hailong.surveys.models import WaveStatus
from tests.conftest import Cast
from tests.test_paper_factories import (  # noqa: F401 (fixture)
    TODAY,
    days_ago,
    enter,
    fresh_cache,
    keys_for,
    new_batch,
    paper_wave,
)

pytestmark = pytest.mark.usefixtures("fresh_cache")


def test_the_channel_takes_a_day_inside_an_open_or_closed_wave_only(cast: Cast) -> None:
    wave = paper_wave(cast)
    paper = channel_get("paper")
    assert paper.accepts_on(wave, wave.opens_on)
    assert not paper.accepts_on(wave, wave.opens_on - dt.timedelta(days=1))
    assert not paper.accepts_on(wave, wave.closes_on + dt.timedelta(days=1))
    wave.status = WaveStatus.CLOSED
    assert paper.accepts_on(wave, wave.closes_on)
    wave.status = WaveStatus.PLANNED
    assert not paper.accepts_on(wave, wave.opens_on)


def test_forms_collected_before_the_wave_closed_are_keyed_afterwards(cast: Cast) -> None:
    wave = paper_wave(cast, opens_on=days_ago(40), closes_on=days_ago(5))
    batch = new_batch(cast, wave, collected_on=days_ago(10))
    wave.status = WaveStatus.CLOSED
    wave.save(update_fields=["status"])
    batch = PaperBatch.objects.select_related("wave").get(pk=batch.pk)
    assert enter(batch, cast.oscar, 1, keys_for(wave)).stored
    response = Response.objects.get()
    assert response.submitted_at.date() == days_ago(10)
    assert response.submitted_at.date() < TODAY
