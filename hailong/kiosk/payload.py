"""The shape of what a kiosk POSTs: checked here, before any business rule (a form for JSON).

    POST /kiosk/<token>/gui/
    Idempotency-Key: 0f6c1f0e-3c1b-4c61-9d0e-5b7f2f4f9a11
    {"wave": "<wave public token>", "answers": {"q-CC1": ["5"], "q-LV": ["Chứng thực"]},
     "duration_ms": 95000, "age_ms": 1200}

``duration_ms`` is how long the citizen took (first touch to "send"); ``age_ms`` how long ago the
response was finished, measured by the tablet at the moment it sends. Both are differences on
the tablet's own clock, so a tablet whose clock is wrong still dates its answers correctly.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from hailong.core.text import nfc

MAX_BODY_BYTES = 256 * 1024
MAX_FIELDS = 400
MAX_VALUES = 50
MAX_CHARS = 10_000
MAX_NAME_CHARS = 120
MAX_DURATION_MS = 24 * 3600 * 1000
MAX_AGE_MS = 30 * 24 * 3600 * 1000
KEY = re.compile(r"^[A-Za-z0-9_-]{8,50}$")


class PayloadError(ValueError):
    """The body cannot be a kiosk submission: ``code`` for machines, ``message`` in Vietnamese."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class Submission:
    key: str
    wave_token: str
    answers: dict[str, list[str]]
    duration_ms: int | None
    age_ms: int


def _values(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value]
    if len(items) > MAX_VALUES:
        raise PayloadError("bad_answers", _("Câu trả lời có quá nhiều giá trị."))
    out = []
    for item in items:
        if item is None:
            continue
        if not isinstance(item, str | int) or isinstance(item, bool):
            raise PayloadError("bad_answers", _("Câu trả lời không đúng định dạng."))
        text = nfc(str(item))
        if len(text) > MAX_CHARS:
            raise PayloadError("bad_answers", _("Câu trả lời quá dài."))
        out.append(text)
    return out


def _answers(value: Any) -> dict[str, list[str]]:
    if not isinstance(value, dict) or len(value) > MAX_FIELDS:
        raise PayloadError("bad_answers", _("Thiếu câu trả lời hoặc không đúng định dạng."))
    answers = {}
    for name, raw in value.items():
        if not isinstance(name, str) or not name.startswith("q-") or len(name) > MAX_NAME_CHARS:
            raise PayloadError("bad_answers", _("Câu trả lời không đúng định dạng."))
        answers[name] = _values(raw)
    return answers


def _milliseconds(value: Any, *, limit: int, default: int | None) -> int | None:
    if value is None:
        return default
    if not isinstance(value, int | float) or isinstance(value, bool) or value != value:
        raise PayloadError("bad_time", _("Thời gian không đúng định dạng."))
    return int(min(max(value, 0), limit))


def _key(header: str, body: dict[str, Any]) -> str:
    key = (header or str(body.get("key") or "")).strip()
    if not KEY.match(key):
        raise PayloadError(
            "bad_key", _("Thiếu mã chống gửi trùng (Idempotency-Key) hoặc mã không hợp lệ.")
        )
    return key


def parse(body: bytes, *, idempotency_key: str) -> Submission:
    """The submission in ``body``, or ``PayloadError`` saying what is wrong with it."""
    if len(body) > MAX_BODY_BYTES:
        raise PayloadError("too_large", _("Phiếu gửi lên quá lớn."))
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise PayloadError("bad_json", _("Dữ liệu gửi lên không phải JSON hợp lệ.")) from None
    if not isinstance(data, dict):
        raise PayloadError("bad_json", _("Dữ liệu gửi lên không phải JSON hợp lệ."))
    wave = data.get("wave")
    if not isinstance(wave, str) or not 0 < len(wave) <= 64:
        raise PayloadError("bad_wave", _("Thiếu mã đợt khảo sát."))
    return Submission(
        key=_key(idempotency_key, data),
        wave_token=wave,
        answers=_answers(data.get("answers")),
        duration_ms=_milliseconds(data.get("duration_ms"), limit=MAX_DURATION_MS, default=None),
        age_ms=_milliseconds(data.get("age_ms"), limit=MAX_AGE_MS, default=0) or 0,
    )
