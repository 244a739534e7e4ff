"""``response_submit`` checks the wave and cleans every answer through the question types."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest

from hailong.core.errors import ServiceError
from hailong.responses.models import Response, Source
from hailong.responses.services import ResponseInvalid, response_submit
from hailong.surveys.models import WaveChannel, WaveStatus
from tests.conftest import Cast
from tests.test_responses_factories import (  # noqa: F401
    SIPAS_2017,
    SIPAS_2023,
    TODAY,
    fresh_cache,
    open_wave,
    valid_raw,
)

pytestmark = pytest.mark.usefixtures("fresh_cache")


def _submit(wave, raw, **kwargs):  # type: ignore[no-untyped-def]
    answers = {k: v for k, v in raw.items() if not k.startswith("q-r.")}
    respondent = {k: v for k, v in raw.items() if k.startswith("q-r.")}
    return response_submit(
        wave=wave,
        channel=kwargs.pop("channel", "web"),
        answers_raw=answers,
        respondent_raw=respondent,
        **kwargs,
    )


def test_a_complete_short_form_is_stored_with_its_method_version(cast: Cast) -> None:
    wave = open_wave(cast.ngoc_ha)
    response = _submit(wave, valid_raw(wave, value=4))

    assert response.answers["CC1"] == 4
    assert response.answers["LV"] == "Chứng thực bản sao"
    assert response.method_version_id == wave.method_version_id
    assert response.unit_id == cast.ngoc_ha.pk
    assert response.respondent_type == "individual"


def test_a_closed_wave_refuses_with_its_closing_date(cast: Cast) -> None:
    wave = open_wave(
        cast.ngoc_ha,
        opens_on=TODAY - dt.timedelta(days=40),
        closes_on=TODAY - dt.timedelta(days=1),
    )
    with pytest.raises(ServiceError) as refused:
        _submit(wave, valid_raw(wave))
    assert refused.value.code == "closed"
    assert (TODAY - dt.timedelta(days=1)).strftime("%d/%m/%Y") in refused.value.message
    assert Response.objects.count() == 0


def test_a_wave_not_yet_open_says_when_it_opens(cast: Cast) -> None:
    wave = open_wave(
        cast.ngoc_ha, opens_on=TODAY + dt.timedelta(days=3), closes_on=TODAY + dt.timedelta(days=9)
    )
    with pytest.raises(ServiceError) as refused:
        _submit(wave, valid_raw(wave))
    assert refused.value.code == "not_open_yet"
    assert (TODAY + dt.timedelta(days=3)).strftime("%d/%m/%Y") in refused.value.message


@pytest.mark.parametrize("status", [WaveStatus.PLANNED, WaveStatus.CLOSED])
def test_a_wave_in_its_dates_but_not_open_refuses(cast: Cast, status: str) -> None:
    wave = open_wave(cast.ngoc_ha, status=status)
    with pytest.raises(ServiceError) as refused:
        _submit(wave, valid_raw(wave))
    assert refused.value.code in {"not_open_yet", "closed"}


def test_a_channel_the_wave_does_not_use_is_refused(cast: Cast) -> None:
    wave = open_wave(cast.ngoc_ha, channels=[WaveChannel.PAPER])
    with pytest.raises(ServiceError) as refused:
        _submit(wave, valid_raw(wave))
    assert refused.value.code == "channel_disabled"


def test_an_unknown_channel_is_refused(cast: Cast) -> None:
    wave = open_wave(cast.ngoc_ha)
    with pytest.raises(ServiceError) as refused:
        _submit(wave, valid_raw(wave), channel="pigeon")
    assert refused.value.code == "unknown_channel"


def test_every_missing_required_item_is_listed(cast: Cast) -> None:
    wave = open_wave(cast.ngoc_ha)
    raw = valid_raw(wave)
    for code in ("CC1", "KQ2", "LV"):
        raw.pop(f"q-{code}")
    with pytest.raises(ResponseInvalid) as refused:
        _submit(wave, raw)
    assert set(refused.value.errors) == {"CC1", "KQ2", "LV"}
    assert refused.value.errors["CC1"] == "Vui lòng chọn một mức đánh giá."


def test_not_applicable_is_accepted_only_where_the_scale_allows_it(cast: Cast) -> None:
    wave = open_wave(cast.ngoc_ha, SIPAS_2017)
    raw = valid_raw(wave)
    raw["q-C2.4"] = ["0"]  # fees: the hl5_na scale has "Không áp dụng"
    assert _submit(wave, raw).answers["C2.4"] == 0

    raw["q-C2.1"] = ["0"]  # posted procedures: hl5, no "not applicable"
    with pytest.raises(ResponseInvalid) as refused:
        _submit(wave, raw)
    assert refused.value.errors == {"C2.1": "Lựa chọn không hợp lệ."}


def test_a_blank_optional_item_is_stored_as_none_and_a_skipped_one_is_absent(cast: Cast) -> None:
    wave = open_wave(cast.ngoc_ha, SIPAS_2017)
    raw = valid_raw(wave)
    raw["q-about.transaction_channel"] = ["3"]  # online: the desk-only criteria do not apply
    raw.pop("q-C2.2")
    response = _submit(wave, raw)

    assert response.answers["C2.2"] is None
    assert "C1.1" not in response.answers
    assert "C3.1" not in response.answers
    assert response.transaction_channel == "online"


def test_a_group_whose_condition_fails_is_not_stored(cast: Cast) -> None:
    wave = open_wave(cast.ngoc_ha, SIPAS_2023)
    raw = valid_raw(wave, value=4)
    raw["q-Q8.1"] = ["2"]  # no procedure in the period: part II is not asked
    response = _submit(wave, raw)

    assert response.answers["Q8.1"] == 2
    assert not any(code.startswith("II.") for code in response.answers)
    assert response.answers["I.A.1"] == 4


def test_multiple_choices_are_stored_sorted_and_unknown_ones_refused(cast: Cast) -> None:
    wave = open_wave(cast.ngoc_ha, SIPAS_2023)
    raw = valid_raw(wave)
    raw["q-Q2"] = ["6", "1", "6"]
    assert _submit(wave, raw).answers["Q2"] == [1, 6]

    raw["q-Q2"] = ["1", "99"]
    with pytest.raises(ResponseInvalid) as refused:
        _submit(wave, raw)
    assert set(refused.value.errors) == {"Q2"}


def test_text_longer_than_the_item_allows_is_refused(cast: Cast) -> None:
    wave = open_wave(cast.ngoc_ha)
    raw = valid_raw(wave, text="x" * 301)  # LV allows 300
    with pytest.raises(ResponseInvalid) as refused:
        _submit(wave, raw)
    assert "300" in refused.value.errors["LV"]


def test_text_is_stored_in_nfc(cast: Cast) -> None:
    wave = open_wave(cast.ngoc_ha)
    decomposed = unicodedata.normalize("NFD", "Đăng ký khai sinh cho cháu")
    response = _submit(wave, valid_raw(wave, text=decomposed))
    assert response.answers["LV"] == unicodedata.normalize("NFC", decomposed)


def test_the_respondent_part_keeps_codes_and_fills_the_ward_from_the_wave(cast: Cast) -> None:
    wave = open_wave(cast.ngoc_ha, SIPAS_2023)
    raw = valid_raw(wave)
    raw["q-r.hamlet"] = [str(cast.group1.pk)]
    raw["q-r.age_band"] = ["5"]
    response = _submit(wave, raw)

    assert response.respondent["commune"] == cast.ngoc_ha.pk
    assert response.respondent["province"] == cast.hanoi.pk
    assert response.respondent["hamlet"] == cast.group1.pk
    assert response.respondent["age_band"] == 5
    assert "district" not in response.respondent  # no district after 1/7/2025


def test_a_residential_group_of_another_ward_is_refused(cast: Cast) -> None:
    wave = open_wave(cast.ngoc_ha, SIPAS_2023)
    raw = valid_raw(wave)
    raw["q-r.hamlet"] = [str(cast.kinh_bac.pk)]
    with pytest.raises(ResponseInvalid) as refused:
        _submit(wave, raw)
    assert set(refused.value.errors) == {"r.hamlet"}


def test_the_respondent_type_question_sets_the_response_type(cast: Cast) -> None:
    wave = open_wave(cast.ngoc_ha, respondent_types=["individual", "organisation"])
    raw = valid_raw(wave)
    raw["q-about.respondent_type"] = ["2"]
    assert _submit(wave, raw).respondent_type == "organisation"


def test_a_source_of_another_wave_is_refused(cast: Cast) -> None:
    wave = open_wave(cast.ngoc_ha)
    other = open_wave(cast.ngoc_ha, name="Đợt khác")
    source = Source.objects.create(wave=other, kind="zalo", label="Nhóm Zalo")
    with pytest.raises(ServiceError) as refused:
        _submit(wave, valid_raw(wave), source=source)
    assert refused.value.code == "wrong_source"


def test_an_answer_faster_than_a_human_is_flagged_not_dropped(cast: Cast) -> None:
    wave = open_wave(cast.ngoc_ha)
    from django.utils import timezone

    now = timezone.now()
    fast = _submit(wave, valid_raw(wave), started_at=now - dt.timedelta(seconds=4), now=now)
    slow = _submit(wave, valid_raw(wave), started_at=now - dt.timedelta(minutes=3), now=now)

    assert "too_fast" in fast.flags
    assert fast.status == "flagged"
    assert "too_fast" not in slow.flags
    assert Response.objects.count() == 2


def test_staff_channels_are_not_marked_unverified(cast: Cast) -> None:
    wave = open_wave(cast.ngoc_ha, channels=[WaveChannel.PAPER])
    response = _submit(wave, valid_raw(wave), channel="paper", entered_by=cast.oscar)
    assert response.flags == []
    assert response.entered_by == cast.oscar
