"""A method as plain data for scripts: the stable keys of ``hailong methods show --json``.

Keys scripts rely on (keep them): ``code``, ``elements[].code``, ``elements[].items``,
``items[].code``, ``items[].values`` (countable values, ascending) and ``items[].satisfied``.
"""

from __future__ import annotations

from typing import Any

from hailong.surveys.definition import Definition, Item


def item_summary(definition: Definition, item: Item) -> dict[str, Any]:
    scale = definition.scale_of(item)
    return {
        "code": item.code,
        "text": item.text.to_json(),
        "type": item.type,
        "scale": item.scale,
        "element": item.element,
        "required": item.required,
        "channels": list(item.channels),
        "wording": item.wording,
        "values": list(scale.values) if scale else [],
        "not_applicable": list(scale.not_applicable) if scale else [],
        "satisfied": list(definition.satisfied_for(item)),
        "options": [o.to_json() for o in scale.options] if scale else [],
    }


def method_summary(definition: Definition, **meta: Any) -> dict[str, Any]:
    """Everything a script needs to compute the indices; ``meta`` adds version, source …"""
    return {
        "code": definition.code,
        "name": definition.name.to_json(),
        "legal_basis": definition.legal_basis,
        **meta,
        "checksum": definition.checksum(),
        "formula": definition.formula.to_json(),
        "elements": [
            {"code": e.code, "name": e.name.to_json(), "part": e.part, "items": list(e.items)}
            for e in definition.elements
        ],
        "items": [item_summary(definition, item) for item in definition.items],
        "respondent_fields": [f.to_json() for f in definition.respondent_fields],
    }
