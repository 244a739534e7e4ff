"""Writes of API tokens: create (the secret is returned once), revoke, authenticate, mark used."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
import secrets
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from hailong.accounts.roles import Perm
from hailong.accounts.scope import user_can
from hailong.api.models import TOKEN_PERMS, ApiToken
from hailong.core.errors import PermissionDenied, ServiceError
from hailong.core.text import clean_line

if TYPE_CHECKING:
    from hailong.accounts.models import User
    from hailong.units.models import AdministrativeUnit

PREFIX = "hl"
SECRET_BYTES = 32
TOUCH_EVERY = dt.timedelta(minutes=1)
NAME_MAX = 120
_TOKEN = re.compile(r"^hl_([1-9][0-9]{0,17})_([A-Za-z0-9_-]{16,128})$")


class TokenRefused(ServiceError):
    """The presented token is missing, malformed, unknown, revoked or expired (HTTP 401)."""


def secret_hash(secret: str) -> str:
    """SHA-256 of the secret. The secret is 256 random bits, so no slow hash is needed."""
    return hashlib.sha256(secret.encode()).hexdigest()


def token_create(
    *,
    actor: User,
    unit: AdministrativeUnit,
    name: str,
    permissions: Iterable[str],
    expires_at: dt.datetime | None = None,
) -> tuple[ApiToken, str]:
    """A new token of ``unit``; returns it with the full secret ``hl_<id>_<secret>`` (shown once).

    1. The actor manages staff on ``unit`` and holds every permission given to the token there.
    2. The name is one clean line; the expiry, if any, lies in the future.
    3. Store the token with the hash of a fresh random secret.
    """
    if not user_can(actor, Perm.MANAGE_STAFF, unit):
        raise PermissionDenied(_("Bạn không có quyền cấp mã truy cập cho đơn vị này."))
    perms = _check_perms(actor, unit, permissions)
    name = clean_line(name)
    if not name or len(name) > NAME_MAX:
        raise ServiceError(
            _("Hãy đặt tên cho mã truy cập (tối đa %(n)d ký tự).") % {"n": NAME_MAX}, field="name"
        )
    now = timezone.now()
    if expires_at is not None and expires_at <= now:
        raise ServiceError(_("Ngày hết hạn phải ở tương lai."), field="expires_at")
    secret = secrets.token_urlsafe(SECRET_BYTES)
    token = ApiToken.objects.create(
        name=name,
        unit=unit,
        permissions=[p.value for p in perms],
        secret_hash=secret_hash(secret),
        created_by=actor,
        expires_at=expires_at,
    )
    return token, f"{PREFIX}_{token.pk}_{secret}"


def _check_perms(actor: User, unit: AdministrativeUnit, permissions: Iterable[str]) -> list[Perm]:
    wanted = set(permissions) | {Perm.VIEW_UNITS.value}
    allowed = {p.value for p in TOKEN_PERMS}
    if wanted - allowed:
        raise ServiceError(_("Quyền không hợp lệ cho mã truy cập."), field="permissions")
    perms = [p for p in TOKEN_PERMS if p.value in wanted]
    missing = [p for p in perms if not user_can(actor, p, unit)]
    if missing:
        raise ServiceError(
            _("Bạn chỉ có thể cấp cho mã truy cập những quyền chính mình có trên đơn vị này."),
            field="permissions",
        )
    return perms


def token_revoke(*, actor: User, token: ApiToken) -> ApiToken:
    """Revoke ``token`` now (idempotent: a revoked token keeps its first revocation)."""
    if not user_can(actor, Perm.MANAGE_STAFF, token.unit):
        raise PermissionDenied(_("Bạn không có quyền thu hồi mã truy cập của đơn vị này."))
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.revoked_by = actor
        token.save(update_fields=["revoked_at", "revoked_by"])
    return token


def token_authenticate(raw: str, *, now: dt.datetime | None = None) -> ApiToken:
    """The active token whose full secret is ``raw``, or ``TokenRefused``.

    1. Parse ``hl_<id>_<secret>``; load the token by id (one query, with its unit).
    2. Compare the secret's hash in constant time; only then tell revoked or expired apart.
    """
    match = _TOKEN.match(raw)
    if match is None:
        raise TokenRefused(_("Mã truy cập không hợp lệ."), code="invalid_token")
    token = ApiToken.objects.select_related("unit").filter(pk=int(match[1])).first()
    presented = secret_hash(match[2])
    if token is None or not hmac.compare_digest(presented, token.secret_hash):
        raise TokenRefused(_("Mã truy cập không hợp lệ."), code="invalid_token")
    if token.revoked_at is not None:
        raise TokenRefused(_("Mã truy cập đã bị thu hồi."), code="token_revoked")
    if not token.is_active_at(now or timezone.now()):
        raise TokenRefused(_("Mã truy cập đã hết hạn."), code="token_expired")
    return token


def token_touch(token: ApiToken, *, now: dt.datetime | None = None) -> None:
    """Record the use, at most once a minute (a conditional UPDATE: no write on most calls)."""
    moment = now or timezone.now()
    last = token.last_used_at
    if last is not None and moment - last < TOUCH_EVERY:
        return
    stale = Q(last_used_at__isnull=True) | Q(last_used_at__lt=moment - TOUCH_EVERY)
    ApiToken.objects.filter(stale, pk=token.pk).update(last_used_at=moment)
    token.last_used_at = moment
