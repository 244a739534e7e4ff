"""Every way a request can be wrong gets a clear 4xx JSON error, never a 500."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from hailong.api.framework import MAX_BODY_BYTES
from tests.conftest import Cast
from tests.test_api_factories import call, error_of, fresh_cache, make_token  # noqa: F401

pytestmark = pytest.mark.usefixtures("fresh_cache")


@pytest.fixture
def secret(cast: Cast) -> str:
    return make_token(cast)[1]


def _push_url(cast: Cast) -> str:
    return f"/api/v1/units/{cast.ngoc_ha.pk}/dossiers"


def _status_code(response: Any) -> tuple[int, str]:
    return response.status_code, error_of(response)["code"]


def test_a_method_the_path_does_not_take_is_405_with_allow(cast: Cast, secret: str) -> None:
    response = call("GET", _push_url(cast), secret)
    assert _status_code(response) == (405, "method_not_allowed")
    assert response["Allow"] == "POST"
    assert call("DELETE", f"/api/v1/units/{cast.ngoc_ha.pk}", secret)["Allow"] == "GET"


@pytest.mark.parametrize(
    "content_type",
    ["text/plain", "application/x-www-form-urlencoded", "application/json; charset=latin-1", ""],
)
def test_a_body_that_is_not_utf8_json_is_415(cast: Cast, secret: str, content_type: str) -> None:
    response = call("POST", _push_url(cast), secret, raw=b"{}", content_type=content_type)
    assert _status_code(response) == (415, "unsupported_media_type")


def test_a_body_over_one_megabyte_is_413(cast: Cast, secret: str) -> None:
    raw = b'{"dossiers": ["' + b"x" * MAX_BODY_BYTES + b'"]}'
    response = call("POST", _push_url(cast), secret, raw=raw)
    assert _status_code(response) == (413, "payload_too_large")


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        (b"{", "invalid_json"),
        (b'{"dossiers": NaN}', "invalid_json"),
        (b'{"dossiers": 1e999}', "invalid_json"),
        (b"\xff\xfe{}", "invalid_json"),
        (b'{"dossiers": [{"code": "A\\u0000"}]}', "invalid_text"),
        (b'{"dossiers": [{"code": "\\ud800"}]}', "invalid_text"),
        (b'{"dossiers": ' + b"[" * 50 + b"]" * 50 + b"}", "too_deep"),
        (b'{"dossiers": ' + b"[" * 5000 + b"]" * 5000 + b"}", "invalid_json"),
    ],
)
def test_broken_json_is_400(cast: Cast, secret: str, raw: bytes, code: str) -> None:
    assert _status_code(call("POST", _push_url(cast), secret, raw=raw)) == (400, code)


def test_a_body_that_is_not_an_object_is_422_at_the_root(cast: Cast, secret: str) -> None:
    response = call("POST", _push_url(cast), secret, [1, 2])
    assert _status_code(response) == (422, "validation_error")
    assert error_of(response)["fields"] == {"$": "Cần giá trị kiểu đối tượng (object)."}


def test_each_token_is_rate_limited(cast: Cast, secret: str, settings: Any) -> None:
    settings.HAILONG_API_RATE_PER_MINUTE = 3
    other = make_token(cast)[1]
    url = f"/api/v1/units/{cast.ngoc_ha.pk}"
    statuses = [call("GET", url, secret).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    limited = call("GET", url, secret)
    assert error_of(limited)["code"] == "rate_limited"
    assert 1 <= int(limited["Retry-After"]) <= 60
    assert call("GET", url, other).status_code == 200


def test_no_csrf_token_or_cookie_is_needed(cast: Cast, secret: str) -> None:
    client = Client(enforce_csrf_checks=True)
    response = call("POST", _push_url(cast), secret, {"dossiers": []}, client=client)
    assert response.status_code == 422


def test_errors_are_utf8_json_with_vietnamese_unescaped(cast: Cast) -> None:
    response = call("GET", f"/api/v1/units/{cast.ngoc_ha.pk}")
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Cache-Control"] == "no-store"
    assert "Thiếu mã truy cập".encode() in response.content


def test_messages_stay_vietnamese_whatever_the_client_language(cast: Cast) -> None:
    response = call("GET", f"/api/v1/units/{cast.ngoc_ha.pk}", headers={"Accept-Language": "en"})
    assert error_of(response)["message"].startswith("Thiếu mã truy cập")


def test_an_unknown_api_path_is_404(cast: Cast, secret: str) -> None:
    for path in ("/api/v1/khong-co", "/api/v1/units/4/", "/api/v1/units//dossiers"):
        assert _status_code(call("GET", path, secret)) == (404, "not_found")
