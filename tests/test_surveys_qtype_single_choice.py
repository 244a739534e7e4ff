"""The single-choice question: one named option."""

from __future__ import annotations

import dataclasses

import pytest
from django.utils.datastructures import MultiValueDict

from hailong.surveys.builtin import builtin_definitions
from hailong.surveys.definition import Item, Scale
from hailong.surveys.qtypes import AnswerError, qtype
from hailong.surveys.qtypes.single_choice import SingleChoiceType


def q6() -> tuple[Item, Scale]:
    definition = next(d for d in builtin_definitions() if d.code == "sipas-2023")
    item = definition.item("Q6")
    scale = definition.scale_of(item)
    assert scale is not None
    return item, scale


def test_the_registry_maps_single_choice_to_its_class() -> None:
    assert isinstance(qtype("single_choice"), SingleChoiceType)


def test_an_option_is_stored_as_its_number() -> None:
    item, scale = q6()
    assert SingleChoiceType().clean(item, scale, MultiValueDict({"q-Q6": ["3"]})).value == 3


def test_blank_is_blank_unless_required() -> None:
    item, scale = q6()
    assert SingleChoiceType().clean(item, scale, MultiValueDict({})).value is None
    required = dataclasses.replace(item, required=True)
    with pytest.raises(AnswerError, match="Vui lòng chọn một phương án"):
        SingleChoiceType().clean(required, scale, MultiValueDict({}))


def test_an_unknown_option_is_refused() -> None:
    item, scale = q6()
    with pytest.raises(AnswerError, match="không hợp lệ"):
        SingleChoiceType().clean(item, scale, MultiValueDict({"q-Q6": ["4"]}))


def test_too_many_raw_values_are_refused() -> None:
    item, scale = q6()
    with pytest.raises(AnswerError, match="quá nhiều"):
        SingleChoiceType().clean(item, scale, MultiValueDict({"q-Q6": ["1"] * 51}))


def test_aggregation_counts_each_option() -> None:
    item, scale = q6()
    tally = SingleChoiceType().aggregate(item, scale, [1, 3, 3, None])
    assert tally.counts == {1: 1, 2: 0, 3: 2}
    assert (tally.answered, tally.blank) == (3, 1)


def test_it_renders_one_radio_per_option() -> None:
    item, scale = q6()
    html = SingleChoiceType().render(item, scale)
    assert html.count('type="radio"') == 3
    assert "Cả hai hình thức" in html
