"""Request middleware: every inbound form value is Unicode NFC before any code sees it."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, QueryDict

from hailong.core.text import nfc


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
        request.GET = _normalised(request.GET)  # type: ignore[assignment]
        if request.method == "POST" and request.content_type in {
            "application/x-www-form-urlencoded",
            "multipart/form-data",
        }:
            request.POST = _normalised(request.POST)  # type: ignore[assignment]
        return self.get_response(request)
