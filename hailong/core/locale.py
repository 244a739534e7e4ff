"""Vietnamese first: the language is Vietnamese unless the person chose English.

Django's ``LocaleMiddleware`` also follows the browser's ``Accept-Language``, and many phones in
Viet Nam are set to English; residents and officers must still get Vietnamese by default. Only
the language cookie (set by the language switch, ``/i18n/setlang/``) selects another language.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


def chosen_language(request: HttpRequest) -> str:
    """The language the person chose with the switch, else the default (Vietnamese)."""
    code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    if code in dict(settings.LANGUAGES):
        return code
    return str(settings.LANGUAGE_CODE)


class VietnameseFirstLocaleMiddleware(LocaleMiddleware):
    def process_request(self, request: HttpRequest) -> None:
        translation.activate(chosen_language(request))
        request.LANGUAGE_CODE = translation.get_language()
