"""The multiple-choice question (Q2 channels): a sorted list of distinct options."""

from __future__ import annotations

import dataclasses

import pytest
from django.utils.datastructures import MultiValueDict

from hailong.surveys.builtin import builtin_definitions
from hailong.surveys.definition import Item, Option, Scale
from hailong.surveys.definition import LocalText as T
from hailong.surveys.qtypes import AnswerError, qtype
from hailong.surveys.qtypes.multi_choice import MultiChoiceType


def q2() -> tuple[Item, Scale]:
    definition = next(d for d in builtin_definitions() if d.code == "sipas-2023")
    item = definition.item("Q2")
    scale = definition.scale_of(item)
    assert scale is not None
    return item, scale


def test_the_registry_maps_multi_choice_to_its_class() -> None:
    assert isinstance(qtype("multi_choice"), MultiChoiceType)


def test_choices_are_stored_sorted_and_without_repeats() -> None:
    item, scale = q2()
    answer = MultiChoiceType().clean(item, scale, MultiValueDict({"q-Q2": ["6", "1", "6"]}))
    assert answer.value == [1, 6]


def test_no_choice_is_blank_unless_required() -> None:
    item, scale = q2()
    assert MultiChoiceType().clean(item, scale, MultiValueDict({})).value is None
    with pytest.raises(AnswerError, match="ít nhất một"):
        MultiChoiceType().clean(dataclasses.replace(item, required=True), scale, MultiValueDict({}))


def test_an_unknown_choice_is_refused() -> None:
    item, scale = q2()
    with pytest.raises(AnswerError, match="không hợp lệ"):
        MultiChoiceType().clean(item, scale, MultiValueDict({"q-Q2": ["1", "8"]}))


def test_not_applicable_cannot_be_combined_with_another_choice() -> None:
    item, scale = q2()
    na = dataclasses.replace(
        scale,
        options=(*scale.options, Option(0, T("Không theo dõi"))),
        not_applicable=(0,),
    )
    with pytest.raises(AnswerError, match="không áp dụng"):
        MultiChoiceType().clean(item, na, MultiValueDict({"q-Q2": ["0", "1"]}))


def test_aggregation_counts_answers_per_option() -> None:
    item, scale = q2()
    tally = MultiChoiceType().aggregate(item, scale, [[1, 6], [6], None, []])
    assert tally.counts[6] == 2
    assert tally.counts[1] == 1
    assert tally.counts[2] == 0
    assert (tally.answered, tally.blank) == (2, 2)


def test_it_renders_check_boxes() -> None:
    item, scale = q2()
    html = MultiChoiceType().render(item, scale, language="en")
    assert html.count('type="checkbox"') == 7
    assert "Local loudspeakers" in html
