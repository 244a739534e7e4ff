"""Applicant contacts of a dossier sample are purged some days after the wave closes."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from hailong.dossiers.models import DossierContact
from hailong.jobs.schedule import SCHEDULE, DailyAt
from hailong.sampling.models import SampleDraw
from hailong.sampling.selectors import purge_date
from hailong.sampling.services import sample_contacts_purge
from hailong.surveys.models import WaveChannel, WaveStatus
from tests.conftest import Cast
from tests.test_responses_factories import SHORT, TODAY, fresh_cache, open_wave  # noqa: F401
from tests.test_sampling_factories import PERIOD, drawn, returned_dossiers

pytestmark = pytest.mark.usefixtures("fresh_cache")


def _closed_wave(cast: Cast, closes: dt.date, name: str = "Đợt đã kết thúc"):  # type: ignore[no-untyped-def]
    return open_wave(
        cast.ngoc_ha,
        SHORT,
        name=name,
        channels=[WaveChannel.PHONE],
        status=WaveStatus.CLOSED,
        opens_on=closes - dt.timedelta(days=60),
        closes_on=closes,
    )


def test_contacts_go_thirty_days_after_the_wave_closes_and_only_once(cast: Cast) -> None:
    wave = _closed_wave(cast, TODAY - dt.timedelta(days=31))
    returned_dossiers(cast.ngoc_ha)
    draw = drawn(cast, wave)
    assert purge_date(wave) == TODAY - dt.timedelta(days=1)

    assert sample_contacts_purge(today=TODAY) == {"waves": 1, "contacts": 100}
    assert not DossierContact.objects.exists()
    draw.refresh_from_db()
    assert draw.contacts_purged_at is not None
    assert draw.contacts_purged == 100
    assert sample_contacts_purge(today=TODAY) == {"waves": 0, "contacts": 0}
    assert draw.members.count() == draw.sample_size  # the sample itself stays


def test_nothing_goes_before_the_purge_day(cast: Cast, settings) -> None:  # type: ignore[no-untyped-def]
    settings.HAILONG_SAMPLE_CONTACT_DAYS = 60
    wave = _closed_wave(cast, TODAY - dt.timedelta(days=31))
    returned_dossiers(cast.ngoc_ha)
    drawn(cast, wave)
    assert sample_contacts_purge(today=TODAY) == {"waves": 0, "contacts": 0}
    assert DossierContact.objects.count() == 100
    assert sample_contacts_purge(today=TODAY + dt.timedelta(days=29))["contacts"] == 100


def test_contacts_another_running_wave_samples_from_are_kept(cast: Cast) -> None:
    closed = _closed_wave(cast, TODAY - dt.timedelta(days=31))
    returned_dossiers(cast.ngoc_ha)
    drawn(cast, closed)
    running = open_wave(cast.ngoc_ha, SHORT, name="Đợt đang chạy", channels=[WaveChannel.PHONE])
    middle = PERIOD[0] + (PERIOD[1] - PERIOD[0]) / 2
    from hailong.sampling.services import sample_draw

    sample_draw(actor=cast.alice, wave=running, frame="dossiers", period=(middle, PERIOD[1]))
    result = sample_contacts_purge(today=TODAY)

    assert result["waves"] == 1
    kept = DossierContact.objects.all()
    assert kept.exists()
    assert all(c.dossier.returned_on >= middle for c in kept)
    assert not SampleDraw.objects.filter(wave=running, contacts_purged_at__isnull=False).exists()


def test_the_purge_runs_daily_and_the_call_page_says_when(cast: Cast) -> None:
    from hailong.sampling.services import members_assign

    jobs = {job.name: job for job in SCHEDULE}
    assert isinstance(jobs["sampling.purge_contacts"].when, DailyAt)
    wave = open_wave(
        cast.ngoc_ha, SHORT, channels=[WaveChannel.PHONE], closes_on=TODAY + dt.timedelta(days=5)
    )
    returned_dossiers(cast.ngoc_ha)
    draw = drawn(cast, wave)
    members_assign(actor=cast.alice, draw=draw, interviewers=[cast.oscar])
    member = draw.members.get(position=1)
    html = cast.client(cast.alice).get(reverse("sampling:call", args=[wave.pk, member.pk]))
    expected = (TODAY + dt.timedelta(days=35)).strftime("%d/%m/%Y")
    assert f"sẽ bị xóa từ ngày {expected}" in html.content.decode()


def test_a_wave_closed_early_counts_from_the_day_it_was_closed(cast: Cast) -> None:
    wave = _closed_wave(cast, TODAY + dt.timedelta(days=5))
    assert purge_date(wave) == TODAY + dt.timedelta(days=30)
