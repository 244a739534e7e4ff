"""Helpers for the kiosk tests: a kiosk on an open wave, a submission body, posting it."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from typing import Any

from django.test import Client

from hailong.kiosk.models import Kiosk
from hailong.kiosk.services import kiosk_create
from hailong.surveys.models import SurveyWave
from hailong.units.models import AdministrativeUnit
from tests.test_responses_factories import fresh_cache, open_wave, valid_raw

__all__ = ["body", "fresh_cache", "kiosk_on", "new_key", "post", "submit_url"]


def kiosk_on(
    unit: AdministrativeUnit,
    *,
    wave: SurveyWave | None = None,
    name: str = "Máy tính bảng quầy một cửa số 1",
    **changes: Any,
) -> Kiosk:
    """A kiosk open all day, every day, on ``wave`` (an open wave of ``unit`` by default)."""
    fields: dict[str, Any] = {
        "opens_at": dt.time(0, 0),
        "closes_at": dt.time(23, 59),
        "weekdays": [0, 1, 2, 3, 4, 5, 6],
        **changes,
    }
    return kiosk_create(actor=None, wave=wave or open_wave(unit), name=name, **fields)


def new_key() -> str:
    return str(uuid.uuid4())


def body(
    wave: SurveyWave, *, value: int = 4, duration_ms: int | None = 90_000, age_ms: int = 500
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "wave": wave.public_token,
        "answers": valid_raw(wave, value=value),
        "age_ms": age_ms,
    }
    if duration_ms is not None:
        data["duration_ms"] = duration_ms
    return data


def submit_url(kiosk: Kiosk) -> str:
    return f"/kiosk/{kiosk.token}/gui/"


def post(client: Client, kiosk: Kiosk, data: Any, *, key: str | None = None) -> Any:
    """POST ``data`` (a dict as JSON, or raw bytes/str) with an Idempotency-Key header."""
    payload = data if isinstance(data, bytes | str) else json.dumps(data)
    headers = {"Idempotency-Key": key} if key is not None else {}
    return client.post(
        submit_url(kiosk), data=payload, content_type="application/json", headers=headers
    )
