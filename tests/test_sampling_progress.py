"""Progress against the target per stratum, on the wave page and the sample page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from hailong.responses.services import response_submit
from hailong.sampling.selectors import wave_progress
from tests.conftest import Cast
from tests.test_responses_factories import fresh_cache, valid_raw  # noqa: F401
from tests.test_sampling_factories import sampled

pytestmark = pytest.mark.usefixtures("fresh_cache")


def _answer(wave, code: str | None = None) -> None:  # type: ignore[no-untyped-def]
    response_submit(
        wave=wave,
        channel="web",
        answers_raw=valid_raw(wave),
        respondent_raw={},
        invitation_code=code,
        verified=True,
    )


def test_progress_counts_targets_invitations_responses_rate_and_what_remains(
    cast: Cast,
) -> None:
    wave, draw = sampled(cast)
    certify = draw.members.filter(stratum="CT|ca_nhan").order_by("position")
    for member in certify[:12]:
        _answer(wave, member.invitation.code)
    _answer(wave)  # an open-link answer: its field is unknown
    progress = wave_progress(wave)
    assert progress is not None
    rows = {r.key: r for r in progress.rows}

    row = rows["CT|ca_nhan"]
    assert (row.target, row.invited, row.via_invitation, row.received) == (48, 48, 12, 12)
    assert row.rate == 25.0
    assert row.remaining == 36
    assert rows["HT|ca_nhan"].remaining == 24
    assert progress.totals.target == 80
    assert progress.unattributed == 1
    assert progress.total_responses == 13


def test_the_wave_page_shows_the_progress_table(cast: Cast, django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    wave, draw = sampled(cast)
    _answer(wave, draw.members.get(position=1).invitation.code)
    client = cast.client(cast.bob)
    with django_assert_max_num_queries(20):
        page = client.get(reverse("surveys:wave_detail", args=[wave.pk]))
    html = page.content.decode()
    assert "Tiến độ theo mẫu" in html
    assert "Chứng thực · Cá nhân" in html
    assert "Tỷ lệ trả lời" in html
    assert reverse("sampling:sample", args=[wave.pk]) in html


def test_a_wave_without_a_sample_invites_to_draw_one(cast: Cast) -> None:
    from tests.test_sampling_factories import phone_wave

    wave = phone_wave(cast.ngoc_ha)
    html = cast.client(cast.bob).get(reverse("surveys:wave_detail", args=[wave.pk])).content
    assert "Chưa rút mẫu cho đợt này." in html.decode()
