"""The free-text question: NFC, trimmed, size-limited; blank is ``None``."""

from __future__ import annotations

import dataclasses
import unicodedata

import pytest
from django.utils.datastructures import MultiValueDict

from hailong.surveys.builtin import builtin_definitions
from hailong.surveys.definition import Item
from hailong.surveys.qtypes import AnswerError, qtype
from hailong.surveys.qtypes.text import TextType


def field() -> Item:
    definition = next(d for d in builtin_definitions() if d.code == "ward-short-2026")
    return definition.item("LV")


def test_the_registry_maps_text_to_its_class() -> None:
    assert isinstance(qtype("text"), TextType)


def test_text_is_stored_trimmed_and_in_nfc() -> None:
    raw = unicodedata.normalize("NFD", "  Hộ tịch – khai sinh  ")
    answer = TextType().clean(field(), None, MultiValueDict({"q-LV": [raw]}))
    assert answer.value == "Hộ tịch – khai sinh"


def test_a_required_blank_is_refused_and_an_optional_one_is_none() -> None:
    with pytest.raises(AnswerError, match="Vui lòng điền"):
        TextType().clean(field(), None, MultiValueDict({"q-LV": ["   "]}))
    optional = dataclasses.replace(field(), required=False)
    assert TextType().clean(optional, None, MultiValueDict({})).value is None


def test_text_over_the_item_limit_is_refused() -> None:
    with pytest.raises(AnswerError, match="300"):
        TextType().clean(field(), None, MultiValueDict({"q-LV": ["x" * 301]}))


def test_the_definition_check_refuses_a_scale_and_a_silly_limit() -> None:
    item = dataclasses.replace(field(), max_length=0)
    assert TextType().check(item, None) == [("max_length", "phải từ 1 đến 10000 ký tự")]


def test_aggregation_counts_answered_and_blank() -> None:
    tally = TextType().aggregate(field(), None, ["a", None, "", "b"])
    assert (tally.answered, tally.blank, tally.counts) == (2, 2, {})


def test_it_renders_a_labelled_textarea_with_its_limit() -> None:
    html = TextType().render(field(), None)
    assert '<textarea id="q-LV" name="q-LV"' in html
    assert 'maxlength="300"' in html
    assert '<label for="q-LV"' in html
