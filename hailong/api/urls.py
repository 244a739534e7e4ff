"""Routes of the API (``api/v1/``, built from the specs) and of the token staff pages."""

from __future__ import annotations

import re
from typing import Any

from django.urls import URLPattern, path, re_path

from hailong.api import staff_views
from hailong.api.framework import Endpoint, not_found, route_view
from hailong.api.specs import ENDPOINTS
from hailong.api.views import HANDLERS


def django_route(openapi_path: str) -> str:
    """``/units/{unit}/dossiers`` → ``units/<str:unit>/dossiers``."""
    return re.sub(r"\{(\w+)\}", r"<str:\1>", openapi_path.lstrip("/"))


def _api_patterns() -> list[URLPattern]:
    by_path: dict[str, list[Endpoint]] = {}
    for endpoint in ENDPOINTS:
        by_path.setdefault(endpoint.path, []).append(endpoint)
    patterns: list[URLPattern] = []
    for openapi_path, endpoints in by_path.items():
        view: Any = route_view(endpoints, HANDLERS)
        patterns.append(path(django_route(openapi_path), view, name=endpoints[0].name))
    return patterns


# Last: any other path under api/v1/ gets a JSON 404, not the HTML page (not an endpoint).
FALLBACK = "fallback"
api_urlpatterns = [*_api_patterns(), re_path(r"^[\s\S]*$", not_found, name=FALLBACK)]

staff_urlpatterns = [
    path("don-vi/<int:pk>/ma-truy-cap-api/", staff_views.token_list, name="token_list"),
    path("don-vi/<int:pk>/ma-truy-cap-api/them/", staff_views.token_create, name="token_create"),
    path("ma-truy-cap-api/<int:pk>/thu-hoi/", staff_views.token_revoke, name="token_revoke"),
]
