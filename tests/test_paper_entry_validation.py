"""Keying a paper form: digits per item, 0 only where "không áp dụng" exists, blanks, and every
answer cleaned by the question-type registry before anything is stored."""

from __future__ import annotations

import pytest

from hailong.core.errors import ServiceError
from hailong.paper import keying
from hailong.paper.models import FormStatus, PaperForm
from hailong.responses.models import Response
from tests.conftest import Cast
from tests.test_paper_factories import (  # noqa: F401 (fixture)
    SIPAS_2023,
    days_ago,
    enter,
    fresh_cache,
    keys_for,
    new_batch,
    paper_wave,
)

pytestmark = pytest.mark.usefixtures("fresh_cache")


def _errors(batch, actor, keys) -> dict[str, str]:  # type: ignore[no-untyped-def]
    with pytest.raises(keying.EntryInvalid) as caught:
        enter(batch, actor, batch.first_number, keys)
    return caught.value.errors


def test_digits_are_stored_as_the_options_they_stand_for(cast: Cast) -> None:
    wave = paper_wave(cast)
    batch = new_batch(cast, wave)
    entered = enter(batch, cast.oscar, 1, keys_for(wave, "4", CC1="5", KQ2="2"))

    assert entered.stored
    response = Response.objects.get()
    assert response.channel == "paper"
    assert response.entered_by == cast.oscar
    assert response.answers["CC1"] == 5
    assert response.answers["KQ2"] == 2
    assert response.answers["CC2"] == 4
    assert entered.form.response == response
    assert entered.form.status == FormStatus.STORED


def test_a_letter_or_two_digits_in_a_one_digit_box_is_refused(cast: Cast) -> None:
    wave = paper_wave(cast)
    batch = new_batch(cast, wave)
    errors = _errors(batch, cast.oscar, keys_for(wave, CC1="a", CC2="45"))
    assert errors["q-CC1"].startswith("Gõ một chữ số (1–5)")
    assert errors["q-CC2"].startswith("Gõ một chữ số")
    assert not PaperForm.objects.exists()
    assert not Response.objects.exists()


def test_a_digit_that_is_not_an_option_is_refused_by_the_question_type(cast: Cast) -> None:
    wave = paper_wave(cast)
    batch = new_batch(cast, wave)
    assert _errors(batch, cast.oscar, keys_for(wave, CC1="7")) == {
        "q-CC1": "Lựa chọn không hợp lệ."
    }


def test_other_unicode_digits_are_refused_without_an_error_page(cast: Cast) -> None:
    wave = paper_wave(cast)
    batch = new_batch(cast, wave)
    errors = _errors(batch, cast.oscar, keys_for(wave, CC1="²", CC2="٣"))
    assert set(errors) == {"q-CC1", "q-CC2"}


def test_zero_is_refused_where_the_scale_has_no_not_applicable(cast: Cast) -> None:
    wave = paper_wave(cast, SIPAS_2023)
    batch = new_batch(cast, wave)
    errors = _errors(batch, cast.oscar, keys_for(wave, **{"II.2.2": "0"}))
    assert errors == {"q-II.2.2": "Câu này không có lựa chọn «không áp dụng» (0)."}


def test_zero_means_not_applicable_where_the_scale_allows_it(cast: Cast) -> None:
    wave = paper_wave(cast, SIPAS_2023)
    batch = new_batch(cast, wave)
    keys = keys_for(wave, **{"Q8.1": "1", "II.2.3": "0", "II.5.2": "0"})
    enter(batch, cast.oscar, 1, keys)
    response = Response.objects.get()
    assert response.answers["II.2.3"] == 0
    assert response.answers["II.5.2"] == 0


def test_an_empty_box_is_a_blank_where_the_item_is_optional(cast: Cast) -> None:
    wave = paper_wave(cast, SIPAS_2023)
    batch = new_batch(cast, wave)
    enter(batch, cast.oscar, 1, keys_for(wave, **{"I.A.1": "", "Q1.1": " ", "OPEN": ""}))
    answers = Response.objects.get().answers
    assert answers["I.A.1"] is None
    assert answers["Q1.1"] is None
    assert answers["OPEN"] is None


def test_an_empty_box_is_refused_where_the_item_is_required(cast: Cast) -> None:
    wave = paper_wave(cast)  # the ward short form: every item required
    batch = new_batch(cast, wave)
    errors = _errors(batch, cast.oscar, keys_for(wave, CC3="", LV=""))
    assert errors == {
        "q-CC3": "Vui lòng chọn một mức đánh giá.",
        "q-LV": "Vui lòng điền câu trả lời.",
    }


def test_a_multiple_choice_is_keyed_as_its_digits_in_any_order(cast: Cast) -> None:
    wave = paper_wave(cast, SIPAS_2023)
    batch = new_batch(cast, wave)
    enter(batch, cast.oscar, 1, keys_for(wave, Q2="6 3 1"))
    assert Response.objects.get().answers["Q2"] == [1, 3, 6]
    assert PaperForm.objects.get().final["q-Q2"] == "136"


def test_group_items_that_do_not_apply_are_not_stored(cast: Cast) -> None:
    wave = paper_wave(cast, SIPAS_2023)
    batch = new_batch(cast, wave)
    enter(batch, cast.oscar, 1, keys_for(wave, **{"Q8.1": "2"}))
    answers = Response.objects.get().answers
    assert "II.1.1" not in answers  # part II only when Q8.1 = 1 (did a procedure)
    assert answers["I.A.1"] == 4


def test_the_residential_group_is_stored_with_the_respondent(cast: Cast) -> None:
    wave = paper_wave(cast, SIPAS_2023)
    batch = new_batch(cast, wave)
    enter(batch, cast.oscar, 1, keys_for(wave, **{"r.hamlet": str(cast.group1.pk)}))
    respondent = Response.objects.get().respondent
    assert respondent["hamlet"] == cast.group1.pk
    assert respondent["commune"] == cast.ngoc_ha.pk


@pytest.mark.parametrize("number", [0, 6, 99])
def test_a_number_outside_the_batch_is_refused(cast: Cast, number: int) -> None:
    wave = paper_wave(cast)
    batch = new_batch(cast, wave, declared=5)
    with pytest.raises(ServiceError, match="không thuộc lô này"):
        enter(batch, cast.oscar, number, keys_for(wave))


def test_a_stored_number_cannot_be_keyed_again(cast: Cast) -> None:
    wave = paper_wave(cast)
    batch = new_batch(cast, wave)
    enter(batch, cast.oscar, 1, keys_for(wave))
    with pytest.raises(ServiceError, match="đã được lưu") as caught:
        enter(batch, cast.oscar, 1, keys_for(wave))
    assert caught.value.code == "already_stored"
    assert Response.objects.count() == 1


def test_the_response_is_dated_the_day_the_form_was_collected(cast: Cast) -> None:
    wave = paper_wave(cast)
    batch = new_batch(cast, wave, collected_on=days_ago(3))
    enter(batch, cast.oscar, 1, keys_for(wave), seconds=42)
    response = Response.objects.get()
    assert response.submitted_at.date() == days_ago(3)
    assert PaperForm.objects.get().entries.get().seconds == 42
