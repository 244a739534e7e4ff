"""Vietnamese is the default whatever the browser says; English only when chosen."""

from __future__ import annotations

from django.conf import settings
from django.test import Client

from tests.conftest import Cast


def test_an_english_browser_still_gets_vietnamese(cast: Cast) -> None:
    response = Client(HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").get("/tai-khoan/dang-nhap/")
    assert '<html lang="vi">' in response.content.decode()


def test_the_language_switch_chooses_english(cast: Cast) -> None:
    client = Client()
    client.post("/i18n/setlang/", {"language": "en", "next": "/tai-khoan/dang-nhap/"})
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert '<html lang="en">' in client.get("/tai-khoan/dang-nhap/").content.decode()


def test_an_unknown_language_cookie_falls_back_to_vietnamese(cast: Cast) -> None:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    assert '<html lang="vi">' in client.get("/tai-khoan/dang-nhap/").content.decode()
