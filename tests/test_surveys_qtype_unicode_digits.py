"""Digits that are not ASCII ("²", "٣", "５") are refused, never a 500."""

from __future__ import annotations

import pytest

from hailong.surveys.builtin import builtin_definitions
from hailong.surveys.qtypes.base import AnswerError, parse_option


@pytest.mark.parametrize("raw", ["²", "٣", "５", "-²", "4²"])
def test_it_refuses_unicode_digits_as_an_option(raw: str) -> None:
    definition = next(d for d in builtin_definitions() if d.code == "sipas-2017")
    scale = definition.scale_of(definition.items[0])
    assert scale is not None
    with pytest.raises(AnswerError):
        parse_option(raw, scale)
