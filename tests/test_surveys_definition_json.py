"""A definition writes itself back as canonical JSON with a checksum that ignores key order."""

from __future__ import annotations

import json
import unicodedata

from hailong.surveys.builtin import builtin_definitions
from hailong.surveys.definition import parse_definition
from hailong.surveys.testing import minimal_definition


def test_every_builtin_definition_survives_a_round_trip() -> None:
    for definition in builtin_definitions():
        assert parse_definition(definition.to_json()) == definition
        assert parse_definition(definition.to_json()).checksum() == definition.checksum()


def test_the_checksum_ignores_key_order_and_spacing() -> None:
    data = minimal_definition()
    shuffled = json.loads(json.dumps(data, sort_keys=True, indent=4))
    shuffled = dict(reversed(list(shuffled.items())))
    assert parse_definition(shuffled).checksum() == parse_definition(data).checksum()


def test_the_checksum_changes_when_a_wording_changes() -> None:
    data = minimal_definition()
    before = parse_definition(data).checksum()
    data["items"][0]["text"] = "Công chức rất lịch sự."
    assert parse_definition(data).checksum() != before


def test_text_is_normalised_to_nfc() -> None:
    data = minimal_definition()
    data["items"][0]["text"] = unicodedata.normalize("NFD", "Công chức lịch sự.")
    text = parse_definition(data).item("C1.1").text.vi
    assert text == unicodedata.normalize("NFC", "Công chức lịch sự.")
