"""Integrity of open links: per-device rate limits and a privacy-friendly proof of work.

Rate limits count submissions per device fingerprint (``ratelimit.client_fingerprint``: a
keyed hash of address and browser under a daily salt). A device without JavaScript cannot prove
work, so its answers are accepted but marked and limited harder (``SUBMIT_UNVERIFIED``).
Past ``BURST_AT`` submissions in a window a response is still stored, flagged "burst".

The proof of work is ALTCHA's SHA-256 scheme (the ``altcha`` package, v1 API): the server signs
a challenge ``sha256(salt + n)`` with an expiry in the salt; the browser finds ``n`` (our own
small solver, ``static/responses/pow.js``) and posts it back; the server checks the signature,
the expiry and that the challenge was never used before (``UsedChallenge``: replay protection).
No third-party service is involved and nothing about the person is sent anywhere.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import json
from typing import Any

from altcha import v1 as altcha_v1
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from hailong.core.ratelimit import Rule, hit, is_limited
from hailong.responses.models import UsedChallenge

SUBMIT = Rule("survey-submit", limit=30, window=600)
SUBMIT_UNVERIFIED = Rule("survey-submit-unverified", limit=10, window=600)
START = Rule("survey-start", limit=60, window=600)
INVITATION_MISSES = Rule("survey-invitation-miss", limit=10, window=600)
BURST_AT = 6  # this many submissions from one device in a window flags the next ones "burst"

POW_TTL = dt.timedelta(minutes=30)
POW_MAX_NUMBER = 60_000
MAX_PAYLOAD_CHARS = 2_000


# -- rate limits -------------------------------------------------------------------------------


def submit_limited(fingerprint: str, *, verified: bool) -> Rule | None:
    """The rule a submission from ``fingerprint`` would break now, or ``None``."""
    if is_limited(SUBMIT, fingerprint):
        return SUBMIT
    if not verified and is_limited(SUBMIT_UNVERIFIED, fingerprint):
        return SUBMIT_UNVERIFIED
    return None


def submit_count(fingerprint: str, *, verified: bool) -> int:
    """Count one submission; return how many the device sent in the current window."""
    count = hit(SUBMIT, fingerprint)
    if not verified:
        hit(SUBMIT_UNVERIFIED, fingerprint)
    return count


def burst_flags(count: int) -> list[str]:
    return ["burst"] if count > BURST_AT else []


# -- proof of work -----------------------------------------------------------------------------


def _hmac_key() -> str:
    return hmac.new(settings.SECRET_KEY.encode(), b"hailong-altcha", hashlib.sha256).hexdigest()


def pow_max_number() -> int:
    return int(getattr(settings, "HAILONG_POW_MAX_NUMBER", POW_MAX_NUMBER))


def pow_challenge() -> dict[str, Any]:
    """A fresh signed challenge (ALTCHA v1 JSON: algorithm, challenge, maxnumber, salt …)."""
    challenge = altcha_v1.create_challenge(
        algorithm="SHA-256",
        max_number=pow_max_number(),
        salt_length=12,
        hmac_key=_hmac_key(),
        salt="",
        number=None,
        expires=timezone.now() + POW_TTL,
        params=None,
    )
    data = challenge.to_dict()
    data["maxnumber"] = data["maxNumber"]
    return data


def _decode(payload: str) -> dict[str, Any] | None:
    try:
        data = json.loads(base64.b64decode(payload, validate=True).decode())
    except (ValueError, TypeError):
        return None
    return data if isinstance(data, dict) else None


def _expiry(data: dict[str, Any]) -> dt.datetime:
    salt = str(data.get("salt", ""))
    expires = (altcha_v1.extract_params({"salt": salt}).get("expires") or [""])[0]  # type: ignore[typeddict-item]
    try:
        return dt.datetime.fromtimestamp(int(expires), tz=dt.UTC)
    except (ValueError, OverflowError, OSError):
        return timezone.now() + POW_TTL


def pow_verify(payload: str) -> bool:
    """Whether ``payload`` solves a challenge we signed, in time, for the first time.

    1. Decode and shape-check (anything odd is simply "not verified", never an error).
    2. ALTCHA checks the hash, our signature and the expiry.
    3. Record the challenge; a second use hits the unique constraint and is refused.
    """
    if not payload or len(payload) > MAX_PAYLOAD_CHARS:
        return False
    data = _decode(payload)
    if data is None or not isinstance(data.get("number"), int):
        return False
    try:
        ok, _error = altcha_v1.verify_solution(data, _hmac_key(), check_expires=True)  # type: ignore[call-overload]
    except (ValueError, TypeError, KeyError, AttributeError):
        return False
    if not ok:
        return False
    try:
        with transaction.atomic():
            UsedChallenge.objects.create(
                challenge=str(data["challenge"])[:128], expires_at=_expiry(data)
            )
    except IntegrityError:
        return False
    return True


def used_challenges_purge(*, now: dt.datetime | None = None) -> int:
    """Forget spent challenges that have expired anyway (they can no longer verify)."""
    moment = now or timezone.now()
    return UsedChallenge.objects.filter(expires_at__lt=moment).delete()[0]
