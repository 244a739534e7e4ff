"""The rating-scale question: one level, not applicable apart, a reason where required."""

from __future__ import annotations

import unicodedata

import pytest
from django.utils.datastructures import MultiValueDict

from hailong.surveys.builtin import builtin_definitions
from hailong.surveys.definition import Definition, Item, Scale
from hailong.surveys.qtypes import AnswerError, qtype
from hailong.surveys.qtypes.scale import ScaleType


def pick(code: str, item_code: str) -> tuple[Definition, Item, Scale]:
    definition = next(d for d in builtin_definitions() if d.code == code)
    item = definition.item(item_code)
    scale = definition.scale_of(item)
    assert scale is not None
    return definition, item, scale


def test_the_registry_maps_scale_to_its_class() -> None:
    assert isinstance(qtype("scale"), ScaleType)


def test_a_level_is_stored_as_its_number() -> None:
    _, item, scale = pick("sipas-2017", "C1.1")
    answer = ScaleType().clean(item, scale, MultiValueDict({"q-C1.1": ["4"]}))
    assert answer.value == 4
    assert answer.reason == ""


def test_an_optional_blank_stays_blank_and_is_never_a_score() -> None:
    _, item, scale = pick("sipas-2017", "C1.1")
    assert ScaleType().clean(item, scale, MultiValueDict({"q-C1.1": [" "]})).value is None


def test_a_required_blank_is_refused_in_vietnamese() -> None:
    _, item, scale = pick("ward-short-2026", "CC1")
    with pytest.raises(AnswerError, match="Vui lòng chọn một mức đánh giá"):
        ScaleType().clean(item, scale, MultiValueDict({}))


@pytest.mark.parametrize("raw", ["6", "abc", "4.5", "9" * 40])
def test_a_value_off_the_scale_is_refused(raw: str) -> None:
    _, item, scale = pick("sipas-2017", "C1.1")
    with pytest.raises(AnswerError, match="Lựa chọn không hợp lệ"):
        ScaleType().clean(item, scale, MultiValueDict({"q-C1.1": [raw]}))


def test_two_different_levels_are_refused() -> None:
    _, item, scale = pick("sipas-2017", "C1.1")
    with pytest.raises(AnswerError, match="Chỉ được chọn một"):
        ScaleType().clean(item, scale, MultiValueDict({"q-C1.1": ["4", "5"]}))


def test_not_applicable_is_stored_as_its_own_value() -> None:
    _, item, scale = pick("sipas-2017", "C2.4")
    assert ScaleType().clean(item, scale, MultiValueDict({"q-C2.4": ["0"]})).value == 0
    assert 0 not in scale.values


def test_not_satisfied_needs_a_reason_which_is_kept_in_nfc() -> None:
    _, item, scale = pick("dossier-766", "DG")
    with pytest.raises(AnswerError, match="lý do"):
        ScaleType().clean(item, scale, MultiValueDict({"q-DG": ["1"]}))
    reason = unicodedata.normalize("NFD", "Phải đi lại ba lần")
    answer = ScaleType().clean(
        item, scale, MultiValueDict({"q-DG": ["1"], "q-DG-reason": [reason]})
    )
    assert answer.value == 1
    assert answer.reason == unicodedata.normalize("NFC", reason)


def test_a_too_long_reason_is_refused() -> None:
    _, item, scale = pick("dossier-766", "DG")
    with pytest.raises(AnswerError, match="1000"):
        ScaleType().clean(item, scale, MultiValueDict({"q-DG": ["1"], "q-DG-reason": ["x" * 1001]}))


def test_aggregation_counts_every_level_zero_filled_and_blanks_apart() -> None:
    _, item, scale = pick("sipas-2017", "C2.4")
    tally = ScaleType().aggregate(item, scale, [5, 5, 4, None, 0, 1])
    assert tally.counts == {1: 1, 2: 0, 3: 0, 4: 1, 5: 2, 0: 1}
    assert (tally.answered, tally.blank) == (5, 1)


def test_aggregation_refuses_a_value_that_is_not_on_the_scale() -> None:
    _, item, scale = pick("sipas-2017", "C1.1")
    with pytest.raises(ValueError, match="not an option"):
        ScaleType().aggregate(item, scale, [7])


def test_it_renders_big_labelled_radios_in_a_fieldset_without_javascript() -> None:
    _, item, scale = pick("dossier-766", "DG")
    html = ScaleType().render(item, scale, error="Vui lòng chọn.")
    assert html.count('type="radio"') == 3
    assert "<fieldset" in html
    assert "<legend>" in html
    assert "<script" not in html
    assert 'aria-describedby="q-DG-error"' in html
    assert 'name="q-DG-reason"' in html
    assert "Rất hài lòng" in html


def test_the_definition_check_wants_a_rating_scale() -> None:
    definition, item, _ = pick("sipas-2023", "Q6")
    choice = definition.scale_of(item)
    problems = ScaleType().check(item, choice)
    assert problems
    assert problems[0][0] == "scale"
