"""Drill-down lists exactly the anonymous responses behind a figure, and nothing identifying."""

from __future__ import annotations

from hailong.indices import aggregates
from hailong.responses.models import Response, ResponseStatus
from hailong.responses.services import ContactDetails
from tests.conftest import Cast
from tests.test_indices_factories import answer, get, text_of
from tests.test_responses_factories import SIPAS_2017, open_wave


def url(cast: Cast, **params: str) -> str:
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return f"/staff/don-vi/{cast.ngoc_ha.pk}/chi-so/phieu/?{query}"


def listed(response) -> list[int]:  # type: ignore[no-untyped-def]
    return [r.pk for r in response.context["listing"].object_list]


def test_an_item_value_cell_lists_exactly_its_responses(cast: Cast) -> None:
    wave = open_wave(cast.ngoc_ha, SIPAS_2017)
    low = answer(wave, 4, items={"C1.1": 1})
    other_low = answer(wave, 5, items={"C1.1": 1}, channel="kiosk")
    answer(wave, 5)
    client = cast.client(cast.alice)
    assert sorted(listed(get(client, url(cast, muc="C1.1", gia_tri="1")))) == sorted(
        [low.pk, other_low.pk]
    )
    assert listed(get(client, url(cast, muc="C1.1", gia_tri="1", kenh="kiosk"))) == [other_low.pk]
    everyone = get(client, url(cast, muc="C1.1"))
    assert len(listed(everyone)) == 3


def test_a_breakdown_cell_lists_its_category(cast: Cast) -> None:
    wave = open_wave(cast.ngoc_ha, SIPAS_2017)
    women = answer(wave, 5, gender=2)
    answer(wave, 5, gender=1)
    client = cast.client(cast.bob)
    assert listed(get(client, url(cast, nhom="gender", nhom_gia_tri="2"))) == [women.pk]
    assert len(listed(get(client, url(cast, nhom="channel", nhom_gia_tri="web")))) == 2


def test_flagged_and_excluded_are_left_out_unless_asked_and_then_labelled(cast: Cast) -> None:
    wave = open_wave(cast.ngoc_ha, SIPAS_2017)
    kept = answer(wave, 5)
    dropped = answer(wave, 5)
    aggregates.relabel(dropped, ResponseStatus.EXCLUDED)
    Response.objects.filter(pk=dropped.pk).update(status=ResponseStatus.EXCLUDED)
    client = cast.client(cast.alice)
    assert listed(get(client, url(cast, muc="C1.1", gia_tri="5"))) == [kept.pk]
    everything = get(client, url(cast, muc="C1.1", gia_tri="5", tat_ca="1"))
    assert sorted(listed(everything)) == sorted([kept.pk, dropped.pk])
    assert "Không tính" in text_of(everything)


def test_the_list_never_shows_contact_data(cast: Cast) -> None:
    wave = open_wave(cast.ngoc_ha, SIPAS_2017)
    contact = ContactDetails(
        name="Nguyễn Bí Mật",
        phone="0912345678",
        email="bimat@example.vn",
        message="Xin liên hệ",
        consent_text="Đồng ý",
    )
    answer(wave, 5, contact=contact)
    page = text_of(get(cast.client(cast.alice), url(cast, muc="C1.1")))
    for secret in ("Nguyễn Bí Mật", "0912345678", "bimat@example.vn", "Xin liên hệ"):
        assert secret not in page


def test_an_unknown_item_or_group_is_a_404_not_a_crash(cast: Cast) -> None:
    wave = open_wave(cast.ngoc_ha, SIPAS_2017)
    answer(wave, 5)
    client = cast.client(cast.alice)
    assert client.get(url(cast, muc="C1.1__contains")).status_code == 404
    assert client.get(url(cast, nhom="respondent__x", nhom_gia_tri="1")).status_code == 404
    assert client.get(url(cast, muc="C1.1", gia_tri="99")).status_code == 404
