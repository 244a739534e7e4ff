"""The HTML listing of ``/api/v1/docs``: the OpenAPI document's operations, bodies as tables."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

RULES = ("minLength", "maxLength", "minItems", "maxItems", "maxProperties", "minimum", "maximum")


def _type(schema: Mapping[str, Any]) -> str:
    if "enum" in schema:
        return " | ".join(str(v) for v in schema["enum"])
    kind = schema.get("type", "")
    return " | ".join(kind) if isinstance(kind, list) else str(kind)


def _rules(schema: Mapping[str, Any]) -> str:
    rules = [f"{name} {schema[name]}" for name in RULES if name in schema]
    if "pattern" in schema:
        rules.append(f"pattern {schema['pattern']}")
    return ", ".join(rules)


def schema_rows(
    schema: Mapping[str, Any], path: str = "", required: bool = True
) -> Iterator[dict[str, Any]]:
    """One row per field of a request body: ``dossiers[].code``, ``answers.<mã>`` …"""
    if path:
        yield {
            "path": path,
            "type": _type(schema),
            "required": required,
            "rules": _rules(schema),
            "description": schema.get("description", ""),
        }
    needed = set(schema.get("required", ()))
    for name, child in schema.get("properties", {}).items():
        yield from schema_rows(child, f"{path}.{name}" if path else name, name in needed)
    extra = schema.get("additionalProperties")
    if isinstance(extra, Mapping) and path:
        yield from schema_rows(extra, f"{path}.<mã>", required=False)
    items = schema.get("items")
    if isinstance(items, Mapping) and items.get("properties"):
        yield from schema_rows({**items, "description": ""}, f"{path}[]")


def operations(document: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The document's operations in order, with what the template shows."""
    listed = []
    for path, methods in document["paths"].items():
        for method, operation in methods.items():
            content = operation.get("requestBody", {}).get("content", {})
            body = content.get("application/json", {}).get("schema")
            listed.append(
                {
                    **operation,
                    "method": method.upper(),
                    "path": path,
                    "permission": operation.get("x-permission", ""),
                    "fields": list(schema_rows(body)) if body else [],
                }
            )
    return listed
