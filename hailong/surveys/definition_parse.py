"""Build a ``Definition`` from a JSON document, listing every problem with its path.

Two passes: ``_Reader`` checks the shape of each field (types, required keys, allowed words) and
``definition_checks`` checks what refers to what (codes unique, references exist, scales fit).
Messages are Vietnamese and start with the path, e.g. ``items[3].scale: thang đo «s9» …``.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from django.utils.translation import gettext as _

from hailong.core.text import clean_line, nfc
from hailong.surveys.definition import (
    ELEMENT_RULES,
    OVERALL_RULES,
    RESPONDENT_FIELD_TYPES,
    SCALE_KINDS,
    TRANSACTION_CHANNELS,
    UNIT_LEVELS,
    WORDING_MARKS,
    AgeBand,
    Condition,
    Definition,
    Element,
    Formula,
    Group,
    Item,
    LocalText,
    Option,
    Part,
    Perception,
    Priority,
    RespondentField,
    Scale,
)

METHOD_CODE_RE = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,58}[a-z0-9])?$")
CODE_RE = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,38}[A-Za-z0-9])?$")
MAX_TEXT = 2000
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class DefinitionError(ValueError):
    """The document is not a valid method definition; ``errors`` lists each problem."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("\n".join(errors))
        self.errors = errors


def _at(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


class _Reader:
    """Reads typed values out of JSON objects; a wrong value is noted and a default returned."""

    def __init__(self) -> None:
        self.errors: list[str] = []

    def fail(self, path: str, message: str) -> None:
        self.errors.append(f"{path}: {message}")

    def obj(self, value: Any, path: str) -> dict[str, Any]:
        if isinstance(value, dict):
            return value
        self.fail(path, _("phải là một đối tượng JSON {…}"))
        return {}

    def seq(self, data: dict[str, Any], key: str, path: str, *, required: bool) -> list[Any]:
        value = data.get(key)
        if value is None:
            if required:
                self.fail(_at(path, key), _("thiếu trường bắt buộc"))
            return []
        if not isinstance(value, list):
            self.fail(_at(path, key), _("phải là một danh sách […]"))
            return []
        return value

    def string(
        self, data: dict[str, Any], key: str, path: str, *, required: bool = True, limit: int = 300
    ) -> str:
        value = data.get(key)
        if value is None or value == "":
            if required:
                self.fail(_at(path, key), _("thiếu trường bắt buộc"))
            return ""
        if not isinstance(value, str):
            self.fail(_at(path, key), _("phải là một chuỗi ký tự"))
            return ""
        text = nfc(value).strip()
        if len(text) > limit:
            self.fail(_at(path, key), _("dài quá %(n)d ký tự") % {"n": limit})
        return text

    def code(
        self, data: dict[str, Any], key: str, path: str, *, pattern: re.Pattern[str] = CODE_RE
    ) -> str:
        value = clean_line(self.string(data, key, path, limit=60))
        if value and not pattern.match(value):
            self.fail(
                _at(path, key),
                _("mã «%(code)s» chỉ được gồm chữ cái không dấu, chữ số, dấu chấm, gạch nối")
                % {"code": value},
            )
        return value

    def text(
        self, data: dict[str, Any], key: str, path: str, *, required: bool = True
    ) -> LocalText | None:
        value = data.get(key)
        if value is None:
            if required:
                self.fail(_at(path, key), _("thiếu trường bắt buộc"))
            return None
        if isinstance(value, str):
            value = {"vi": value}
        obj = self.obj(value, _at(path, key))
        vi = self.string(obj, "vi", _at(path, key), limit=MAX_TEXT)
        en = self.string(obj, "en", _at(path, key), required=False, limit=MAX_TEXT)
        return LocalText(vi, en) if vi else None

    def boolean(self, data: dict[str, Any], key: str, path: str, *, default: bool) -> bool:
        value = data.get(key, default)
        if not isinstance(value, bool):
            self.fail(_at(path, key), _("phải là true hoặc false"))
            return default
        return value

    def integer(self, value: Any, path: str) -> int | None:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        self.fail(path, _("phải là một số nguyên"))
        return None

    def int_or_none(self, data: dict[str, Any], key: str, path: str) -> int | None:
        value = data.get(key)
        return None if value is None else self.integer(value, _at(path, key))

    def ints(
        self, data: dict[str, Any], key: str, path: str, *, default: tuple[int, ...] = ()
    ) -> tuple[int, ...]:
        if key not in data or data[key] is None:
            return default
        values = [
            self.integer(v, _at(_at(path, key), i))
            for i, v in enumerate(self.seq(data, key, path, required=True))
        ]
        return tuple(v for v in values if v is not None)

    def codes(self, data: dict[str, Any], key: str, path: str) -> tuple[str, ...]:
        values = self.seq(data, key, path, required=True)
        out = []
        for i, value in enumerate(values):
            if isinstance(value, str) and value.strip():
                out.append(clean_line(value))
            else:
                self.fail(_at(_at(path, key), i), _("phải là một mã"))
        return tuple(out)

    def choice(
        self,
        data: dict[str, Any],
        key: str,
        path: str,
        allowed: tuple[str, ...],
        default: str | None = None,
    ) -> str:
        value = data.get(key, default)
        if value not in allowed:
            self.fail(
                _at(path, key),
                _("giá trị «%(value)s» không hợp lệ; dùng một trong: %(allowed)s")
                % {"value": value, "allowed": ", ".join(allowed)},
            )
            return default or allowed[0]
        return str(value)

    def words(
        self, data: dict[str, Any], key: str, path: str, allowed: tuple[str, ...]
    ) -> tuple[str, ...]:
        if key not in data:
            return allowed
        out = []
        for i, value in enumerate(self.seq(data, key, path, required=True)):
            if value in allowed:
                out.append(str(value))
            else:
                self.fail(
                    _at(_at(path, key), i),
                    _("giá trị «%(value)s» không hợp lệ; dùng một trong: %(allowed)s")
                    % {"value": value, "allowed": ", ".join(allowed)},
                )
        return tuple(out)

    def each(
        self, data: dict[str, Any], key: str, *, required: bool
    ) -> list[tuple[str, dict[str, Any]]]:
        entries = self.seq(data, key, "", required=required)
        return [(_at(key, i), self.obj(entry, _at(key, i))) for i, entry in enumerate(entries)]


def _option(r: _Reader, data: dict[str, Any], path: str) -> Option | None:
    value = r.integer(data.get("value"), _at(path, "value"))
    label = r.text(data, "label", path)
    reason = r.boolean(data, "reason_required", path, default=False)
    if value is None or label is None:
        return None
    return Option(value, label, reason)


def _options(r: _Reader, data: dict[str, Any], path: str, *, required: bool) -> tuple[Option, ...]:
    found = []
    for i, entry in enumerate(r.seq(data, "options", path, required=required)):
        option = _option(
            r, r.obj(entry, _at(_at(path, "options"), i)), _at(_at(path, "options"), i)
        )
        if option is not None:
            found.append(option)
    return tuple(found)


def _scale(r: _Reader, data: dict[str, Any], path: str) -> Scale:
    return Scale(
        code=r.code(data, "code", path),
        kind=r.choice(data, "kind", path, SCALE_KINDS),
        options=_options(r, data, path, required=True),
        not_applicable=r.ints(data, "not_applicable", path),
    )


def _band(r: _Reader, data: dict[str, Any], path: str) -> AgeBand | None:
    value = r.integer(data.get("value"), _at(path, "value"))
    label = r.text(data, "label", path)
    low = r.integer(data.get("min_age"), _at(path, "min_age"))
    high = r.int_or_none(data, "max_age", path)
    if value is None or label is None or low is None:
        return None
    return AgeBand(value, label, low, high)


def _respondent_field(r: _Reader, data: dict[str, Any], path: str) -> RespondentField:
    kind = r.choice(data, "type", path, RESPONDENT_FIELD_TYPES)
    bands = [
        _band(r, r.obj(entry, _at(_at(path, "bands"), i)), _at(_at(path, "bands"), i))
        for i, entry in enumerate(r.seq(data, "bands", path, required=kind == "age_band"))
    ]
    level = r.choice(data, "level", path, UNIT_LEVELS) if kind == "unit" else None
    valid_until = r.string(data, "valid_until", path, required=False, limit=10) or None
    if valid_until and not DATE_RE.match(valid_until):
        r.fail(_at(path, "valid_until"), _("phải là ngày dạng YYYY-MM-DD"))
    return RespondentField(
        code=r.code(data, "code", path),
        label=r.text(data, "label", path) or LocalText(""),
        type=kind,
        required=r.boolean(data, "required", path, default=False),
        options=_options(r, data, path, required=kind == "single_choice"),
        bands=tuple(b for b in bands if b is not None),
        level=level,
        valid_until=valid_until,
        note=r.text(data, "note", path, required=False),
    )


def _group(r: _Reader, data: dict[str, Any], path: str) -> Group:
    condition = None
    if data.get("condition") is not None:
        cpath = _at(path, "condition")
        cdata = r.obj(data["condition"], cpath)
        condition = Condition(
            clean_line(r.string(cdata, "item", cpath, limit=60)), r.ints(cdata, "values", cpath)
        )
    return Group(
        code=r.code(data, "code", path),
        title=r.text(data, "title", path) or LocalText(""),
        items=r.codes(data, "items", path),
        note=r.text(data, "note", path, required=False),
        condition=condition,
    )


def _element(r: _Reader, data: dict[str, Any], path: str) -> Element:
    return Element(
        code=r.code(data, "code", path),
        name=r.text(data, "name", path) or LocalText(""),
        items=r.codes(data, "items", path),
        part=clean_line(r.string(data, "part", path, required=False, limit=60)),
    )


def _item(r: _Reader, data: dict[str, Any], path: str) -> Item:
    scale = data.get("scale")
    if scale is not None and not isinstance(scale, str):
        r.fail(_at(path, "scale"), _("phải là mã của một thang đo hoặc null"))
        scale = None
    element = r.string(data, "element", path, required=False, limit=60) or None
    return Item(
        code=r.code(data, "code", path),
        text=r.text(data, "text", path) or LocalText(""),
        type=r.string(data, "type", path, limit=40),
        scale=clean_line(scale) if scale else None,
        element=clean_line(element) if element else None,
        required=r.boolean(data, "required", path, default=False),
        channels=r.words(data, "channels", path, TRANSACTION_CHANNELS),
        wording=r.choice(data, "wording", path, WORDING_MARKS, "to_check"),
        note=r.text(data, "note", path, required=False),
        max_length=r.int_or_none(data, "max_length", path),
    )


def _formula(r: _Reader, data: dict[str, Any]) -> Formula:
    path = "formula"
    parts = []
    for i, entry in enumerate(r.seq(data, "parts", path, required=False)):
        ppath = _at(_at(path, "parts"), i)
        pdata = r.obj(entry, ppath)
        parts.append(
            Part(r.code(pdata, "code", ppath), r.text(pdata, "name", ppath) or LocalText(""))
        )
    perception = []
    for i, entry in enumerate(r.seq(data, "perception", path, required=False)):
        ppath = _at(_at(path, "perception"), i)
        pdata = r.obj(entry, ppath)
        perception.append(
            Perception(
                code=r.code(pdata, "code", ppath),
                name=r.text(pdata, "name", ppath) or LocalText(""),
                item=clean_line(r.string(pdata, "item", ppath, limit=60)),
                options=r.ints(pdata, "options", ppath),
            )
        )
    priority = None
    if data.get("priority") is not None:
        ppath = _at(path, "priority")
        pdata = r.obj(data["priority"], ppath)
        priority = Priority(r.codes(pdata, "items", ppath), r.ints(pdata, "values", ppath))
    return Formula(
        satisfied=r.ints(data, "satisfied", path, default=(4, 5)),
        element=r.choice(data, "element", path, ELEMENT_RULES, "mean_of_items"),
        overall=r.choice(data, "overall", path, OVERALL_RULES, "mean_of_elements"),
        parts=tuple(parts),
        perception=tuple(perception),
        priority=priority,
    )


def _read(r: _Reader, data: dict[str, Any]) -> Definition:
    """First pass: the shape of every field."""
    return Definition(
        code=r.code(data, "code", "", pattern=METHOD_CODE_RE),
        name=r.text(data, "name", "") or LocalText(""),
        legal_basis=r.string(data, "legal_basis", "", required=False, limit=500),
        description=r.text(data, "description", "", required=False),
        scales=tuple(_scale(r, d, p) for p, d in r.each(data, "scales", required=False)),
        respondent_fields=tuple(
            _respondent_field(r, d, p) for p, d in r.each(data, "respondent_fields", required=False)
        ),
        groups=tuple(_group(r, d, p) for p, d in r.each(data, "groups", required=False)),
        elements=tuple(_element(r, d, p) for p, d in r.each(data, "elements", required=True)),
        items=tuple(_item(r, d, p) for p, d in r.each(data, "items", required=True)),
        formula=_formula(r, r.obj(data.get("formula") or {}, "formula")),
    )


def parse_definition(data: Any) -> Definition:
    """Parse and validate a method definition; raise ``DefinitionError`` listing every problem.

    1. Check the shape of each field (first pass).
    2. Check references between scales, items, elements, groups and the formula.
    3. Fill each item's ``element`` from the element that lists it.
    """
    from hailong.surveys.definition_checks import check_definition

    r = _Reader()
    if not isinstance(data, dict):
        raise DefinitionError(["(gốc): " + _("phải là một đối tượng JSON {…}")])
    definition = _read(r, data)
    if not r.errors:
        r.errors.extend(check_definition(definition))
    if r.errors:
        raise DefinitionError(r.errors)
    owner = {code: e.code for e in definition.elements for code in e.items}
    items = tuple(replace(i, element=owner.get(i.code)) for i in definition.items)
    return replace(definition, items=items)
