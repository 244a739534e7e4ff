"""The JSON Schema subset validator behind every API body: table-driven, Vietnamese messages."""

from __future__ import annotations

from typing import Any

import pytest

from hailong.api.schema import MAX_ERRORS, type_of, validate

OBJECT = {
    "type": "object",
    "required": ["code"],
    "additionalProperties": False,
    "properties": {
        "code": {"type": "string", "minLength": 1, "maxLength": 5},
        "n": {"type": "integer", "minimum": 1, "maximum": 5},
        "tags": {"type": "array", "maxItems": 2, "items": {"type": "string"}},
        "kind": {"enum": ["a", "b"]},
        "maybe": {"type": ["string", "null"]},
    },
}


@pytest.mark.parametrize(
    ("value", "errors"),
    [
        ({"code": "x"}, {}),
        ({"code": "x", "n": 3, "tags": ["a"], "kind": "a", "maybe": None}, {}),
        ({}, {"code": "Thiếu trường bắt buộc."}),
        ({"code": ""}, {"code": "Không được để trống."}),
        ({"code": "xxxxxx"}, {"code": "Dài quá 5 ký tự."}),
        ({"code": "x", "n": 0}, {"n": "Nhỏ nhất là 1."}),
        ({"code": "x", "n": 6}, {"n": "Lớn nhất là 5."}),
        ({"code": "x", "n": True}, {"n": "Cần giá trị kiểu số nguyên (integer)."}),
        ({"code": "x", "n": 1.5}, {"n": "Cần giá trị kiểu số nguyên (integer)."}),
        ({"code": "x", "tags": ["a", "b", "c"]}, {"tags": "Nhiều nhất 2 phần tử."}),
        ({"code": "x", "tags": ["a", 1]}, {"tags[1]": "Cần giá trị kiểu chuỗi (string)."}),
        ({"code": "x", "kind": "c"}, {"kind": "Giá trị không hợp lệ; chỉ nhận: a, b."}),
        ({"code": "x", "extra": 1}, {"extra": "Trường không được hỗ trợ."}),
        ([], {"$": "Cần giá trị kiểu đối tượng (object)."}),
        (None, {"$": "Cần giá trị kiểu đối tượng (object)."}),
    ],
)
def test_it_reports_each_violation_at_its_path(value: Any, errors: dict[str, str]) -> None:
    assert validate(OBJECT, value) == errors


def test_additional_properties_and_property_names_apply_to_every_key() -> None:
    schema = {
        "type": "object",
        "propertyNames": {"maxLength": 3, "pattern": r"^[A-Z]+$"},
        "additionalProperties": {"type": "integer"},
    }
    assert validate(schema, {"AB": 1}) == {}
    assert validate(schema, {"ab": 1}) == {"ab": "Tên khóa không hợp lệ."}
    assert validate(schema, {"ABCD": 1}) == {"ABCD": "Tên khóa không hợp lệ."}
    assert validate(schema, {"AB": "1"}) == {"AB": "Cần giá trị kiểu số nguyên (integer)."}


def test_keywords_apply_only_to_their_own_kind() -> None:
    schema = {"type": ["integer", "string", "array"], "maxLength": 2, "maxItems": 1}
    assert validate(schema, 12345) == {}
    assert validate(schema, "abc") == {"$": "Dài quá 2 ký tự."}
    assert validate(schema, [1, 2]) == {"$": "Nhiều nhất 1 phần tử."}


def test_an_integer_is_a_number_but_a_boolean_is_not() -> None:
    assert validate({"type": "number"}, 3) == {}
    assert validate({"type": "number"}, 3.5) == {}
    assert validate({"type": "number"}, False) != {}
    assert [type_of(v) for v in (None, True, 1, 1.0, "", [], {})] == [
        "null",
        "boolean",
        "integer",
        "number",
        "string",
        "array",
        "object",
    ]


def test_errors_are_capped() -> None:
    schema = {"type": "array", "items": {"type": "string"}}
    assert len(validate(schema, list(range(1000)))) == MAX_ERRORS
