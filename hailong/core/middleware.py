"""Request middleware: every inbound form value is Unicode NFC before any code sees it, and a
path with a control character never reaches a view."""

from __future__ import annotations

from collections.abc import Callable

from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.utils.translation import gettext as _

from hailong.core.text import nfc

API_PREFIX = "/api/"


def _normalised(data: QueryDict) -> QueryDict:
    copy = QueryDict(mutable=True, encoding=data.encoding)
    for key, values in data.lists():
        copy.setlist(nfc(key), [nfc(v) if isinstance(v, str) else v for v in values])
    copy._mutable = False
    return copy


class NFCMiddleware:
    """Normalise query strings and form bodies to NFC (Windows input often arrives as NFD)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # A control character (NUL above all: PostgreSQL refuses it in text) names no page; left
        # to the views, a code or key captured from the path would reach a query and fail there.
        # The JSON API checks its own path parameters and answers in its own error format.
        path = request.path_info
        if not path.startswith(API_PREFIX) and any(ord(ch) < 32 or ord(ch) == 127 for ch in path):
            raise Http404(_("Không có trang này."))
        request.GET = _normalised(request.GET)  # type: ignore[assignment]
        if request.method == "POST" and request.content_type in {
            "application/x-www-form-urlencoded",
            "multipart/form-data",
        }:
            request.POST = _normalised(request.POST)  # type: ignore[assignment]
        return self.get_response(request)
