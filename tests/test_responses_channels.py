"""The channel registry: every response channel has an entry that says how it behaves."""

from __future__ import annotations

import datetime as dt

import pytest

from hailong.responses.channels import REGISTRY, channel_get
from hailong.responses.models import ResponseChannel
from hailong.surveys.models import SurveyWave, WaveChannel


def test_every_response_channel_is_registered_and_nothing_else() -> None:
    assert set(REGISTRY) == set(ResponseChannel.values)


@pytest.mark.parametrize("code", ResponseChannel.values)
def test_each_channel_names_itself_and_the_wave_channels_that_enable_it(code: str) -> None:
    channel = channel_get(code)
    assert channel.code == code
    assert str(channel.label)
    assert channel.wave_channels <= set(WaveChannel.values)


def test_only_open_links_prove_work_and_are_rate_limited() -> None:
    assert [c for c in REGISTRY if channel_get(c).proof_of_work] == ["web"]
    assert [c for c in REGISTRY if channel_get(c).rate_limited] == ["web"]
    assert sorted(c for c in REGISTRY if channel_get(c).staff_entered) == ["paper", "phone"]


def test_web_answers_without_proof_are_flagged_unless_invited() -> None:
    web = channel_get("web")
    assert web.default_flags(verified=False, invited=False) == ["unverified"]
    assert web.default_flags(verified=True, invited=False) == []
    assert web.default_flags(verified=False, invited=True) == []
    assert channel_get("paper").default_flags(verified=False, invited=False) == []


def test_a_channel_is_enabled_by_the_wave_and_open_only_in_its_dates() -> None:
    wave = SurveyWave(
        channels=[WaveChannel.ONLINE],
        status="open",
        opens_on=dt.date(2026, 9, 1),
        closes_on=dt.date(2026, 11, 30),
    )
    assert channel_get("web").enabled_for(wave)
    assert not channel_get("paper").enabled_for(wave)
    assert channel_get("web").accepts_on(wave, dt.date(2026, 11, 30))
    assert not channel_get("web").accepts_on(wave, dt.date(2026, 12, 1))
    assert not channel_get("web").accepts_on(wave, dt.date(2026, 8, 31))
