"""The yes/no question (Q8): a choice scale with exactly two countable options."""

from __future__ import annotations

import dataclasses

import pytest
from django.utils.datastructures import MultiValueDict

from hailong.surveys.builtin import builtin_definitions
from hailong.surveys.definition import Item, Scale
from hailong.surveys.qtypes import AnswerError, qtype
from hailong.surveys.qtypes.yes_no import YesNoType


def q8() -> tuple[Item, Scale]:
    definition = next(d for d in builtin_definitions() if d.code == "sipas-2023")
    item = definition.item("Q8.1")
    scale = definition.scale_of(item)
    assert scale is not None
    return item, scale


def test_the_registry_maps_yes_no_to_its_class() -> None:
    assert isinstance(qtype("yes_no"), YesNoType)


def test_yes_and_no_are_stored_as_their_numbers() -> None:
    item, scale = q8()
    assert YesNoType().clean(item, scale, MultiValueDict({"q-Q8.1": ["1"]})).value == 1
    assert YesNoType().clean(item, scale, MultiValueDict({"q-Q8.1": ["2"]})).value == 2


def test_a_required_blank_is_refused() -> None:
    item, scale = q8()
    with pytest.raises(AnswerError, match="Có hoặc Không"):
        YesNoType().clean(dataclasses.replace(item, required=True), scale, MultiValueDict({}))


def test_the_definition_check_wants_exactly_two_options() -> None:
    item, scale = q8()
    three = dataclasses.replace(
        scale, options=(*scale.options, scale.options[0].__class__(3, scale.options[0].label))
    )
    assert YesNoType().check(item, scale) == []
    assert YesNoType().check(item, three)[0][0] == "scale"


def test_aggregation_counts_yes_and_no() -> None:
    item, scale = q8()
    tally = YesNoType().aggregate(item, scale, [1, 1, 2, None])
    assert tally.counts == {1: 2, 2: 1}
    assert tally.blank == 1


def test_it_renders_two_inline_radios() -> None:
    item, scale = q8()
    html = YesNoType().render(item, scale)
    assert html.count('type="radio"') == 2
    assert "inline" in html
