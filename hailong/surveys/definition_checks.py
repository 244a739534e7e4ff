"""Second pass of ``parse_definition``: what refers to what (codes unique, references exist)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from itertools import pairwise

from django.utils.translation import gettext as _

from hailong.surveys.definition import Definition, Element, Item, Scale
from hailong.surveys.qtypes import REGISTRY


def _duplicates(codes: Iterable[str], path: str) -> list[str]:
    counts = Counter(codes)
    return [
        f"{path}: " + _("mã «%(code)s» bị trùng") % {"code": code}
        for code, n in counts.items()
        if n > 1 and code
    ]


def _scale_errors(scale: Scale, path: str) -> list[str]:
    errors = _duplicates((str(o.value) for o in scale.options), f"{path}.options")
    values = {o.value for o in scale.options}
    errors += [
        f"{path}.not_applicable: "
        + _("giá trị %(value)s không có trong các lựa chọn") % {"value": v}
        for v in scale.not_applicable
        if v not in values
    ]
    if len(scale.values) < 2:
        errors.append(f"{path}.options: " + _("cần ít nhất hai lựa chọn được tính"))
    return errors


def _respondent_errors(definition: Definition) -> list[str]:
    errors = _duplicates((f.code for f in definition.respondent_fields), "respondent_fields")
    for i, field in enumerate(definition.respondent_fields):
        path = f"respondent_fields[{i}]"
        errors += _duplicates((str(o.value) for o in field.options), f"{path}.options")
        bands = sorted(field.bands, key=lambda b: b.min_age)
        for band in bands:
            if band.max_age is not None and band.max_age < band.min_age:
                errors.append(
                    f"{path}.bands: "
                    + _("nhóm «%(label)s»: tuổi tối đa nhỏ hơn tuổi tối thiểu")
                    % {"label": band.label.vi}
                )
        for prev, band in pairwise(bands):
            if prev.max_age is None or band.min_age <= prev.max_age:
                errors.append(
                    f"{path}.bands: "
                    + _("nhóm «%(a)s» và «%(b)s» chồng lấn nhau")
                    % {"a": prev.label.vi, "b": band.label.vi}
                )
    return errors


def _item_errors(definition: Definition) -> list[str]:
    errors = _duplicates((i.code for i in definition.items), "items")
    scales = {s.code: s for s in definition.scales}
    for i, item in enumerate(definition.items):
        path = f"items[{i}]"
        qtype = REGISTRY.get(item.type)
        if qtype is None:
            errors.append(
                f"{path}.type: "
                + _("loại câu hỏi «%(type)s» không tồn tại; dùng một trong: %(known)s")
                % {"type": item.type, "known": ", ".join(REGISTRY)}
            )
            continue
        if item.scale is not None and item.scale not in scales:
            errors.append(
                f"{path}.scale: " + _("thang đo «%(code)s» không tồn tại") % {"code": item.scale}
            )
            continue
        scale = scales.get(item.scale) if item.scale else None
        errors += [f"{path}.{key}: {msg}" for key, msg in qtype().check(item, scale)]
        if not item.channels:
            errors.append(f"{path}.channels: " + _("cần ít nhất một kênh giao dịch"))
    return errors


def _element_errors(definition: Definition) -> list[str]:
    errors = _duplicates((e.code for e in definition.elements), "elements")
    items = {i.code: i for i in definition.items}
    seen: dict[str, str] = {}
    for i, element in enumerate(definition.elements):
        path = f"elements[{i}]"
        if not element.items:
            errors.append(f"{path}.items: " + _("yếu tố phải có ít nhất một câu hỏi"))
        for j, code in enumerate(element.items):
            errors += _element_item_errors(
                definition, element, items.get(code), code, f"{path}.items[{j}]", seen
            )
    for i, item in enumerate(definition.items):
        if item.element is not None and seen.get(item.code) != item.element:
            errors.append(
                f"items[{i}].element: "
                + _("yếu tố «%(element)s» không liệt kê câu hỏi này") % {"element": item.element}
            )
    return errors


def _element_item_errors(
    definition: Definition,
    element: Element,
    item: Item | None,
    code: str,
    path: str,
    seen: dict[str, str],
) -> list[str]:
    if item is None:
        return [f"{path}: " + _("câu hỏi «%(code)s» không tồn tại") % {"code": code}]
    if code in seen:
        return [
            f"{path}: "
            + _("câu hỏi «%(code)s» đã thuộc yếu tố «%(other)s»")
            % {"code": code, "other": seen[code]}
        ]
    seen[code] = element.code
    scale = definition.scale(item.scale)
    if item.type != "scale" or scale is None:
        return [f"{path}: " + _("câu hỏi «%(code)s» không phải thang đo mức độ") % {"code": code}]
    missing = [v for v in definition.formula.satisfied if v not in scale.values]
    if missing:
        return [
            f"{path}: "
            + _("thang đo «%(scale)s» không có mức %(values)s được tính là hài lòng")
            % {"scale": scale.code, "values": ", ".join(map(str, missing))}
        ]
    return []


def _group_errors(definition: Definition) -> list[str]:
    if not definition.groups:
        return []
    errors = _duplicates((g.code for g in definition.groups), "groups")
    items = {i.code for i in definition.items}
    placed: dict[str, str] = {}
    for i, group in enumerate(definition.groups):
        path = f"groups[{i}]"
        if not group.items:
            errors.append(f"{path}.items: " + _("nhóm phải có ít nhất một câu hỏi"))
        for j, code in enumerate(group.items):
            if code not in items:
                errors.append(
                    f"{path}.items[{j}]: " + _("câu hỏi «%(code)s» không tồn tại") % {"code": code}
                )
            elif code in placed:
                errors.append(
                    f"{path}.items[{j}]: "
                    + _("câu hỏi «%(code)s» đã thuộc nhóm «%(other)s»")
                    % {"code": code, "other": placed[code]}
                )
            placed.setdefault(code, group.code)
        if group.condition is not None:
            errors += _condition_errors(definition, group.condition.item, group.items, path)
    errors += [
        f"items[{i}]: " + _("câu hỏi «%(code)s» không thuộc nhóm nào") % {"code": item.code}
        for i, item in enumerate(definition.items)
        if item.code not in placed
    ]
    return errors


def _condition_errors(
    definition: Definition, code: str, own_items: tuple[str, ...], path: str
) -> list[str]:
    item = next((i for i in definition.items if i.code == code), None)
    if item is None:
        return [f"{path}.condition.item: " + _("câu hỏi «%(code)s» không tồn tại") % {"code": code}]
    if code in own_items:
        return [f"{path}.condition.item: " + _("điều kiện không được dựa vào câu hỏi trong nhóm")]
    return []


def _formula_errors(definition: Definition) -> list[str]:
    formula = definition.formula
    errors = _duplicates((p.code for p in formula.parts), "formula.parts")
    if not formula.satisfied:
        errors.append("formula.satisfied: " + _("cần ít nhất một mức được tính là hài lòng"))
    errors += _part_errors(definition)
    items = {i.code: i for i in definition.items}
    for i, perception in enumerate(formula.perception):
        errors += _values_errors(
            definition,
            items.get(perception.item),
            perception.item,
            perception.options,
            f"formula.perception[{i}]",
            "options",
        )
    if formula.priority is not None:
        for j, code in enumerate(formula.priority.items):
            errors += _values_errors(
                definition,
                items.get(code),
                code,
                formula.priority.values,
                f"formula.priority.items[{j}]",
                None,
            )
    return errors


def _part_errors(definition: Definition) -> list[str]:
    formula = definition.formula
    parts = {p.code for p in formula.parts}
    errors = []
    if formula.overall == "mean_of_parts" and not parts:
        errors.append("formula.parts: " + _("quy tắc «mean_of_parts» cần danh sách các phần"))
    for i, element in enumerate(definition.elements):
        if (parts or element.part) and element.part not in parts:
            errors.append(
                f"elements[{i}].part: "
                + _("phần «%(code)s» không có trong formula.parts") % {"code": element.part}
            )
    used = {e.part for e in definition.elements}
    errors += [
        f"formula.parts[{i}]: " + _("phần «%(code)s» không có yếu tố nào") % {"code": p.code}
        for i, p in enumerate(formula.parts)
        if p.code not in used
    ]
    return errors


def _values_errors(
    definition: Definition,
    item: Item | None,
    code: str,
    values: tuple[int, ...],
    path: str,
    key: str | None,
) -> list[str]:
    where = f"{path}.item" if key else path
    if item is None:
        return [f"{where}: " + _("câu hỏi «%(code)s» không tồn tại") % {"code": code}]
    scale = definition.scale(item.scale)
    vpath = f"{path}.{key}" if key else "formula.priority.values"
    if scale is None or not values:
        return [f"{vpath}: " + _("câu hỏi «%(code)s» không có các lựa chọn này") % {"code": code}]
    missing = [v for v in values if scale.option(v) is None]
    if missing:
        return [
            f"{vpath}: "
            + _("thang đo «%(scale)s» không có giá trị %(values)s")
            % {"scale": scale.code, "values": ", ".join(map(str, missing))}
        ]
    return []


def check_definition(definition: Definition) -> list[str]:
    """Every cross-reference problem of ``definition``, each prefixed with its path."""
    errors = _duplicates((s.code for s in definition.scales), "scales")
    for i, scale in enumerate(definition.scales):
        errors += _scale_errors(scale, f"scales[{i}]")
    errors += _respondent_errors(definition)
    if not definition.items:
        errors.append("items: " + _("phương pháp phải có ít nhất một câu hỏi"))
    errors += _item_errors(definition)
    errors += _element_errors(definition)
    errors += _group_errors(definition)
    errors += _formula_errors(definition)
    return errors
