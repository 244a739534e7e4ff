"""The OpenAPI 3.1 document: parseable, complete (every api/v1 route), built from the specs."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver

from hailong.api.schema import KNOWN_KEYWORDS
from hailong.api.specs import ENDPOINTS
from hailong.api.urls import FALLBACK, django_route
from hailong.api.views import HANDLERS
from tests.conftest import Cast
from tests.test_api_factories import call

HTTP_METHODS = {"get", "post", "put", "patch", "delete"}


def _routes(patterns: list[Any], prefix: str = "") -> Iterator[str]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from _routes(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern) and entry.name != FALLBACK:
            yield prefix + str(entry.pattern)


def _document(db: None) -> dict[str, Any]:
    response = call("GET", "/api/v1/openapi.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    document: dict[str, Any] = json.loads(response.content.decode("utf-8"))
    return document


def test_the_document_is_openapi_3_1_with_bearer_security(db: None) -> None:
    document = _document(db)
    assert document["openapi"] == "3.1.0"
    assert document["info"]["title"]
    assert document["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"


def test_every_api_route_in_the_url_conf_is_in_the_document_and_back(db: None) -> None:
    document = _document(db)
    routes = {"/" + r for r in _routes(get_resolver().url_patterns) if r.startswith("api/v1/")}
    documented = {re.sub(r"\{(\w+)\}", r"<str:\1>", p) for p in document["paths"]}
    assert routes == documented


def test_every_operation_is_well_formed(db: None) -> None:
    document = _document(db)
    seen: set[str] = set()
    for path, methods in document["paths"].items():
        params_in_path = set(re.findall(r"\{(\w+)\}", path))
        for method, operation in methods.items():
            assert method in HTTP_METHODS
            assert operation["operationId"] not in seen
            seen.add(operation["operationId"])
            assert operation["summary"]
            assert operation["responses"]
            assert all(re.fullmatch(r"[1-5]\d\d", s) for s in operation["responses"])
            assert all(r["description"] for r in operation["responses"].values())
            declared = {p["name"] for p in operation.get("parameters", []) if p["in"] == "path"}
            assert declared == params_in_path, (path, method)
            assert all(
                p["in"] in {"path", "header", "query"} for p in operation.get("parameters", [])
            )
            if operation["security"]:
                assert {"401", "403", "404", "429"} <= set(operation["responses"])
            if "requestBody" in operation:
                assert {"400", "413", "415", "422"} <= set(operation["responses"])


def test_every_ref_resolves(db: None) -> None:
    document = _document(db)
    text = json.dumps(document)
    for ref in re.findall(r'"\$ref": "#/([^"]+)"', text):
        node: Any = document
        for part in ref.split("/"):
            node = node[part]
        assert isinstance(node, dict)


def _walk_schemas(schema: Any) -> Iterator[dict[str, Any]]:
    if isinstance(schema, dict):
        yield schema
        for key in ("properties",):
            for child in schema.get(key, {}).values():
                yield from _walk_schemas(child)
        for key in ("items", "additionalProperties", "propertyNames"):
            if isinstance(schema.get(key), dict):
                yield from _walk_schemas(schema[key])


def test_request_schemas_use_only_keywords_the_validator_enforces() -> None:
    for endpoint in ENDPOINTS:
        schemas = [endpoint.body] + [p.schema for p in endpoint.params]
        for schema in schemas:
            for node in _walk_schemas(schema):
                assert set(node) <= KNOWN_KEYWORDS, (endpoint.name, set(node) - KNOWN_KEYWORDS)


def test_every_endpoint_has_a_handler_and_a_route() -> None:
    assert {e.name for e in ENDPOINTS} == set(HANDLERS)
    assert django_route("/units/{unit}/dossiers") == "units/<str:unit>/dossiers"


def test_the_docs_page_lists_every_endpoint_without_scripts(db: None) -> None:
    response = call("GET", "/api/v1/docs")
    assert response.status_code == 200
    page = response.content.decode()
    for endpoint in ENDPOINTS:
        assert f"/api/v1{endpoint.path}" in page
    assert "<script" not in page
    assert "http://" not in page.replace("http://json-schema.org", "")
    assert "https://" not in page


def test_vietnamese_is_sent_as_utf_8_not_escaped(cast: Cast) -> None:
    response = call("GET", "/api/v1/openapi.json")
    assert "Đơn vị".encode() in response.content
    assert b"\\u" not in response.content
