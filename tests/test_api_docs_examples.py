"""The request bodies shown in docs/api.md work as documented."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

from tests.conftest import Cast
from tests.test_api_factories import call, fresh_cache, make_token  # noqa: F401
from tests.test_dossiers_factories import load_catalogue
from tests.test_responses_factories import open_wave

pytestmark = pytest.mark.usefixtures("fresh_cache")
DOC = Path(settings.BASE_DIR) / "docs" / "api.md"


def _bodies() -> list[Any]:
    text = DOC.read_text(encoding="utf-8")
    return [json.loads(b) for b in re.findall(r"<<'JSON'\n(.*?)\nJSON\n", text, re.DOTALL)]


def test_the_dossier_example_creates_one_and_names_the_bad_procedure(cast: Cast) -> None:
    load_catalogue()
    _token, secret = make_token(cast)
    response = call("POST", "/api/v1/units/00004/dossiers", secret, _bodies()[0])
    assert response.status_code == 200
    data = response.json()
    assert data["counts"] == {"created": 1, "updated": 0, "unchanged": 0, "invalid": 1}
    assert list(data["results"][1]["errors"]) == ["dossiers[1].procedure_code"]


def test_the_response_example_is_stored_then_recognised_as_a_retry(cast: Cast) -> None:
    wave = open_wave(cast.ngoc_ha)
    _token, secret = make_token(cast)
    url = f"/api/v1/waves/{wave.public_token}/responses"
    headers = {"Idempotency-Key": "kiosk-7-2026-03-02-0001"}
    first = call("POST", url, secret, _bodies()[1], headers=headers)
    assert first.status_code == 201, first.content.decode()
    again = call("POST", url, secret, _bodies()[1], headers=headers)
    assert (again.status_code, again.json()["id"]) == (200, first.json()["id"])
