"""A small validator for the subset of JSON Schema (2020-12) that the API's specs use.

The endpoint specs in ``hailong.api.specs`` are JSON Schema dicts; the OpenAPI 3.1 document
publishes them as they are and this module enforces them, so the two cannot drift apart.

Supported keywords: ``type`` (a name or a list), ``enum``, ``properties``, ``required``,
``additionalProperties`` (bool or schema), ``propertyNames``, ``maxProperties``, ``items``,
``minItems``, ``maxItems``, ``minLength``, ``maxLength``, ``pattern``, ``minimum``, ``maximum``.
Annotations (``description``, ``examples``, ``format``, ``title``) are ignored, as the standard
says. A keyword applies only to instances of its kind (``maxLength`` only to strings).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from django.utils.translation import gettext as _

Schema = Mapping[str, Any]
MAX_ERRORS = 100

KNOWN_KEYWORDS = frozenset(
    {
        "type",
        "enum",
        "properties",
        "required",
        "additionalProperties",
        "propertyNames",
        "maxProperties",
        "items",
        "minItems",
        "maxItems",
        "minLength",
        "maxLength",
        "pattern",
        "minimum",
        "maximum",
        "description",
        "examples",
        "format",
        "title",
    }
)


def type_of(value: object) -> str:
    """The JSON type name of a parsed JSON value."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def _type_matches(value: object, wanted: str | list[str]) -> bool:
    names = [wanted] if isinstance(wanted, str) else wanted
    actual = type_of(value)
    return actual in names or (actual == "integer" and "number" in names)


_TYPE_WORDS = {
    "object": "đối tượng (object)",
    "array": "danh sách (array)",
    "string": "chuỗi (string)",
    "integer": "số nguyên (integer)",
    "number": "số (number)",
    "boolean": "true/false (boolean)",
    "null": "null",
}


@lru_cache(maxsize=64)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def join_path(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


def validate(schema: Schema, value: object, path: str = "") -> dict[str, str]:
    """Every violation of ``schema`` by ``value``, as ``{path: Vietnamese message}``.

    The root's own errors use the path ``"$"``; at most ``MAX_ERRORS`` are collected.
    """
    errors: dict[str, str] = {}
    _check(schema, value, path, errors)
    return errors


def _add(errors: dict[str, str], path: str, message: str) -> None:
    if len(errors) < MAX_ERRORS:
        errors.setdefault(path or "$", message)


def _check(schema: Schema, value: object, path: str, errors: dict[str, str]) -> None:
    if len(errors) >= MAX_ERRORS:
        return
    wanted = schema.get("type")
    if wanted is not None and not _type_matches(value, wanted):
        names = [wanted] if isinstance(wanted, str) else wanted
        expected = _(" hoặc ").join(_TYPE_WORDS.get(n, n) for n in names)
        _add(errors, path, _("Cần giá trị kiểu %(type)s.") % {"type": expected})
        return
    if "enum" in schema and value not in schema["enum"]:
        allowed = ", ".join(str(v) for v in schema["enum"])
        _add(errors, path, _("Giá trị không hợp lệ; chỉ nhận: %(values)s.") % {"values": allowed})
        return
    if isinstance(value, str):
        _check_string(schema, value, path, errors)
    elif isinstance(value, int | float) and not isinstance(value, bool):
        _check_number(schema, value, path, errors)
    elif isinstance(value, list):
        _check_array(schema, value, path, errors)
    elif isinstance(value, dict):
        _check_object(schema, value, path, errors)


def _check_string(schema: Schema, value: str, path: str, errors: dict[str, str]) -> None:
    if len(value) < schema.get("minLength", 0):
        if schema["minLength"] == 1:
            _add(errors, path, _("Không được để trống."))
        else:
            _add(errors, path, _("Cần ít nhất %(n)d ký tự.") % {"n": schema["minLength"]})
    elif "maxLength" in schema and len(value) > schema["maxLength"]:
        _add(errors, path, _("Dài quá %(n)d ký tự.") % {"n": schema["maxLength"]})
    elif "pattern" in schema and not _compiled(schema["pattern"]).search(value):
        _add(errors, path, _("Không đúng định dạng."))


def _check_number(schema: Schema, value: float, path: str, errors: dict[str, str]) -> None:
    if "minimum" in schema and value < schema["minimum"]:
        _add(errors, path, _("Nhỏ nhất là %(n)s.") % {"n": schema["minimum"]})
    elif "maximum" in schema and value > schema["maximum"]:
        _add(errors, path, _("Lớn nhất là %(n)s.") % {"n": schema["maximum"]})


def _check_array(schema: Schema, value: list[Any], path: str, errors: dict[str, str]) -> None:
    if len(value) < schema.get("minItems", 0):
        _add(errors, path, _("Cần ít nhất %(n)d phần tử.") % {"n": schema["minItems"]})
        return
    if "maxItems" in schema and len(value) > schema["maxItems"]:
        _add(errors, path, _("Nhiều nhất %(n)d phần tử.") % {"n": schema["maxItems"]})
        return
    items = schema.get("items")
    if items is not None:
        for index, item in enumerate(value):
            _check(items, item, join_path(path, index), errors)


def _check_object(schema: Schema, value: dict[str, Any], path: str, errors: dict[str, str]) -> None:
    if "maxProperties" in schema and len(value) > schema["maxProperties"]:
        _add(errors, path, _("Nhiều nhất %(n)d khóa.") % {"n": schema["maxProperties"]})
        return
    properties: Mapping[str, Schema] = schema.get("properties", {})
    for name in schema.get("required", ()):
        if name not in value:
            _add(errors, join_path(path, name), _("Thiếu trường bắt buộc."))
    names = schema.get("propertyNames")
    extra = schema.get("additionalProperties", True)
    for key, item in value.items():
        if names is not None and validate(names, key):
            _add(errors, join_path(path, key[:64]), _("Tên khóa không hợp lệ."))
        elif key in properties:
            _check(properties[key], item, join_path(path, key), errors)
        elif extra is False:
            _add(errors, join_path(path, key[:64]), _("Trường không được hỗ trợ."))
        elif isinstance(extra, Mapping):
            _check(extra, item, join_path(path, key), errors)
