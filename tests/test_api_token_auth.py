"""Bearer tokens: missing, malformed, wrong, revoked or expired → 401; out of scope → 404/403."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from hailong.api.models import ApiToken
from hailong.api.services import token_revoke
from tests.conftest import Cast
from tests.test_api_factories import call, error_of, fresh_cache, make_token  # noqa: F401

pytestmark = pytest.mark.usefixtures("fresh_cache")


def _unit(cast: Cast) -> str:
    return f"/api/v1/units/{cast.ngoc_ha.pk}"


def _code(response: object) -> tuple[int, str]:
    return response.status_code, error_of(response)["code"]  # type: ignore[attr-defined]


def test_no_token_is_401_with_a_bearer_challenge(cast: Cast) -> None:
    response = call("GET", _unit(cast))
    assert _code(response) == (401, "missing_token")
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert "Authorization" in error_of(response)["message"]


@pytest.mark.parametrize(
    "header",
    ["Bearer", "Bearer hl_", "Bearer hl_x_abc", "Token hl_1_abcdefghijklmnopqrstuv", "Basic YTpi"],
)
def test_a_malformed_header_is_401(cast: Cast, header: str) -> None:
    response = call("GET", _unit(cast), headers={"Authorization": header})
    assert _code(response) == (401, "invalid_token")


def test_a_wrong_secret_or_an_unknown_id_is_401(cast: Cast) -> None:
    token, secret = make_token(cast)
    wrong = secret[:-4] + ("AAAA" if not secret.endswith("AAAA") else "BBBB")
    assert _code(call("GET", _unit(cast), wrong)) == (401, "invalid_token")
    unknown = secret.replace(f"hl_{token.pk}_", f"hl_{token.pk + 100}_")
    assert _code(call("GET", _unit(cast), unknown)) == (401, "invalid_token")


def test_a_revoked_token_is_401(cast: Cast) -> None:
    token, secret = make_token(cast)
    assert call("GET", _unit(cast), secret).status_code == 200
    token_revoke(actor=cast.carol, token=token)
    assert _code(call("GET", _unit(cast), secret)) == (401, "token_revoked")


def test_an_expired_token_is_401(cast: Cast) -> None:
    soon = timezone.now() + dt.timedelta(hours=1)
    _token, secret = make_token(cast, expires_at=soon)
    assert call("GET", _unit(cast), secret).status_code == 200
    with time_machine.travel(soon + dt.timedelta(seconds=1)):
        assert _code(call("GET", _unit(cast), secret)) == (401, "token_expired")


def test_a_unit_outside_the_token_is_404_and_a_missing_permission_403(cast: Cast) -> None:
    _token, secret = make_token(cast, perms=("responses.enter",))
    assert _code(call("GET", f"/api/v1/units/{cast.kinh_bac.pk}", secret)) == (404, "not_found")
    assert _code(call("GET", f"/api/v1/units/{cast.hanoi.pk}", secret)) == (404, "not_found")
    assert call("GET", f"/api/v1/units/{cast.group1.pk}", secret).status_code == 200
    push = call("POST", f"{_unit(cast)}/dossiers", secret, {"dossiers": [{"code": "A1"}]})
    assert _code(push) == (403, "forbidden")


def test_use_is_recorded_at_most_once_a_minute(cast: Cast) -> None:
    _token, secret = make_token(cast)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        call("GET", _unit(cast), secret)
        first = ApiToken.objects.get().last_used_at
        assert first == start
    with time_machine.travel(start + dt.timedelta(seconds=30), tick=False):
        call("GET", _unit(cast), secret)
        assert ApiToken.objects.get().last_used_at == first
    later = start + dt.timedelta(seconds=61)
    with time_machine.travel(later, tick=False):
        call("GET", _unit(cast), secret)
        assert ApiToken.objects.get().last_used_at == later


def test_repeated_failures_from_one_client_are_rate_limited(cast: Cast) -> None:
    statuses = [call("GET", _unit(cast), "hl_1_" + "x" * 40).status_code for _ in range(31)]
    assert statuses[:30] == [401] * 30
    assert statuses[30] == 429
