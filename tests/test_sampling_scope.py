"""Who may do what: alice draws, oscar calls, bob only reads the design, charlie sees nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from hailong.sampling.models import ContactView, SampleDraw, SampleMember
from hailong.sampling.services import members_assign
from tests.conftest import Cast
from tests.test_responses_factories import fresh_cache  # noqa: F401
from tests.test_sampling_factories import PERIOD, phone_wave, returned_dossiers, sampled

pytestmark = pytest.mark.usefixtures("fresh_cache")


def _urls(member: SampleMember) -> dict[str, str]:
    wave = member.draw.wave_id
    return {
        "sample": reverse("sampling:sample", args=[wave]),
        "draw": reverse("sampling:draw", args=[wave]),
        "slips": reverse("sampling:slips", args=[wave]),
        "messages": reverse("sampling:messages", args=[wave]),
        "calls": reverse("sampling:calls", args=[wave]),
        "assign": reverse("sampling:assign", args=[wave]),
        "call": reverse("sampling:call", args=[wave, member.pk]),
        "interview": reverse("sampling:interview", args=[wave, member.pk]),
    }


def _first(cast: Cast) -> SampleMember:
    _wave, draw = sampled(cast)
    member = draw.members.order_by("position").first()
    assert member is not None
    return member


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("alice", {"sample", "draw", "slips", "messages", "calls", "assign", "call"}),
        ("oscar", {"sample", "slips", "messages", "calls", "call", "interview"}),
        ("bob", {"sample"}),
        ("cindy", {"sample"}),
    ],
)
def test_each_role_reaches_its_own_pages_and_gets_403_elsewhere(
    cast: Cast, who: str, allowed: set[str]
) -> None:
    member = _first(cast)
    client = cast.client(getattr(cast, who))
    for name, url in _urls(member).items():
        expected = 200 if name in allowed else 403
        assert client.get(url).status_code == expected, (who, name)


def test_charlie_gets_404_everywhere(cast: Cast) -> None:
    member = _first(cast)
    client = cast.client(cast.charlie)
    for name, url in _urls(member).items():
        assert client.get(url).status_code == 404, name


def test_bob_reads_the_design_without_links_to_codes_or_drawing(cast: Cast) -> None:
    member = _first(cast)
    page = cast.client(cast.bob).get(_urls(member)["sample"]).content.decode()
    assert "n = N / (1 + N·e²) = 100 / (1 + 100 × 0,05²) = 80,00 → 80" in page
    assert "20231101" in page
    assert _urls(member)["slips"] not in page
    assert _urls(member)["draw"] not in page


def test_alice_draws_through_the_form_after_a_preview(cast: Cast) -> None:
    wave = phone_wave(cast.ngoc_ha)
    returned_dossiers(cast.ngoc_ha)
    url = reverse("sampling:draw", args=[wave.pk])
    data = {
        "frame": "dossiers",
        "period_start": PERIOD[0].strftime("%d/%m/%Y"),
        "period_end": PERIOD[1].strftime("%d/%m/%Y"),
        "margin": "0.05",
        "minimum": "0",
        "max_attempts": "4",
        "seed": "777",
    }
    client = cast.client(cast.alice)
    preview = client.post(url, {**data, "action": "preview"})
    assert preview.status_code == 200
    assert "Xem trước (chưa lưu)" in preview.content.decode()
    assert not SampleDraw.objects.exists()
    drawn = client.post(url, {**data, "action": "draw"})
    assert drawn.status_code == 302
    draw = SampleDraw.objects.get()
    assert (draw.seed, draw.max_attempts, draw.sample_size, draw.drawn_by) == (
        777,
        4,
        80,
        cast.alice,
    )


def test_phones_show_to_leaders_and_to_the_assigned_interviewer_and_are_logged(
    cast: Cast,
) -> None:
    member = _first(cast)
    phone = member.dossier.contact.phone  # type: ignore[union-attr]
    call = _urls(member)["call"]
    hidden = cast.client(cast.oscar).get(call).content.decode()
    assert phone not in hidden
    assert "chỉ hiện với người gọi được giao" in hidden
    assert phone not in cast.client(cast.oscar).get(_urls(member)["messages"]).content.decode()
    assert phone in cast.client(cast.alice).get(_urls(member)["messages"]).content.decode()

    members_assign(actor=cast.alice, draw=member.draw, interviewers=[cast.oscar])
    assert phone in cast.client(cast.oscar).get(call).content.decode()
    logged = ContactView.objects.filter(member=member)
    assert set(logged.values_list("username", flat=True)) == {"alice", "oscar"}


def test_a_leader_reads_the_call_screen_but_records_no_call(cast: Cast) -> None:
    member = _first(cast)
    url = _urls(member)["call"]
    page = cast.client(cast.alice).get(url).content.decode()
    assert "Lời mở đầu" not in page
    assert cast.client(cast.alice).post(url, {"outcome": "no_answer"}).status_code == 403
    assert cast.client(cast.bob).post(url, {"outcome": "no_answer"}).status_code == 403
    assert cast.client(cast.oscar).post(url, {"outcome": "no_answer"}).status_code == 302
