"""Helpers for the API tests (imported from here): tokens, calls with a bearer token, bodies."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client

from hailong.accounts.roles import Perm
from hailong.api.models import ApiToken
from hailong.api.services import token_create
from hailong.responses.questionnaire import ABOUT_TRANSACTION, ABOUT_TYPE, caches_clear, form_for
from hailong.surveys.models import SurveyWave
from hailong.units.models import AdministrativeUnit
from tests.conftest import Cast

ALL_PERMS = (Perm.MANAGE_DOSSIERS.value, Perm.ENTER_RESPONSES.value)


@pytest.fixture
def fresh_cache() -> Iterator[None]:
    """Empty rate-limit counters and form caches before and after the test."""
    cache.clear()
    caches_clear()
    yield
    cache.clear()
    caches_clear()


def make_token(
    cast: Cast,
    unit: AdministrativeUnit | None = None,
    perms: tuple[str, ...] = ALL_PERMS,
    *,
    expires_at: dt.datetime | None = None,
) -> tuple[ApiToken, str]:
    """A token of ``unit`` (Ngọc Hà by default), created by root."""
    return token_create(
        actor=cast.root,
        unit=unit or cast.ngoc_ha,
        name="Hệ thống một cửa",
        permissions=perms,
        expires_at=expires_at,
    )


def call(
    method: str,
    path: str,
    secret: str | None = None,
    body: Any = None,
    *,
    raw: bytes | None = None,
    content_type: str = "application/json",
    headers: dict[str, str] | None = None,
    client: Client | None = None,
) -> Any:
    """One API request; ``body`` is sent as JSON, ``raw`` as it is."""
    extra = dict(headers or {})
    if secret is not None:
        extra["Authorization"] = f"Bearer {secret}"
    data: bytes | str = b""
    if raw is not None:
        data = raw
    elif body is not None:
        data = json.dumps(body, ensure_ascii=False).encode()
    client = client or Client()
    return client.generic(method, path, data, content_type=content_type, headers=extra)


def error_of(response: Any) -> dict[str, Any]:
    payload = response.json()
    assert set(payload) == {"error"}, payload
    error: dict[str, Any] = payload["error"]
    assert error["code"]
    assert error["message"]
    return error


def valid_body(
    wave: SurveyWave, *, value: int = 5, text: str = "Cán bộ tận tình"
) -> dict[str, Any]:
    """An API body that answers every question of ``wave`` (first option where not ``value``)."""
    body: dict[str, Any] = {"answers": {}, "respondent": {}}
    for page, question in form_for(wave).questions():
        if question.code == ABOUT_TYPE:
            body["respondent_type"] = "individual"
            continue
        if question.code == ABOUT_TRANSACTION:
            body["transaction_channel"] = "direct"
            continue
        values = [o.value for o in question.scale.options] if question.scale else []
        answer: Any = text if not values else (value if value in values else values[0])
        if question.item.type == "multi_choice":
            answer = [answer]
        if page.kind == "respondent":
            body["respondent"][question.code.removeprefix("r.")] = answer
        else:
            body["answers"][question.code] = answer
    return body


def test_a_made_token_reads_its_own_unit(cast: Cast, fresh_cache: None) -> None:
    _token, secret = make_token(cast)
    response = call("GET", f"/api/v1/units/{cast.ngoc_ha.pk}", secret)
    assert response.status_code == 200, response.content
    assert response.json()["name"] == "Phường Ngọc Hà"
