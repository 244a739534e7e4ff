"""API tokens: what another system (the one-stop system, a partner kiosk app) acts with.

A token acts inside one unit's subtree with a fixed set of permissions, like a user holding a
role there (``hailong.accounts.scope.Grant``). Only a SHA-256 hash of its secret is stored; the
full token ``hl_<id>_<secret>`` is shown once, when it is created.
"""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from hailong.accounts.roles import Perm
from hailong.accounts.scope import Grant

# The permissions a token may carry: what the API's endpoints check. ``units.view`` is implied.
TOKEN_PERMS: tuple[Perm, ...] = (Perm.VIEW_UNITS, Perm.MANAGE_DOSSIERS, Perm.ENTER_RESPONSES)


class ApiToken(models.Model):
    name = models.CharField(_("tên"), max_length=120)
    unit = models.ForeignKey(
        "units.AdministrativeUnit",
        verbose_name=_("đơn vị"),
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    permissions = models.JSONField(_("quyền"), default=list)
    secret_hash = models.CharField(max_length=64, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tạo"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("dùng lần cuối"), null=True, blank=True)
    expires_at = models.DateTimeField(_("hết hạn lúc"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thu hồi"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("mã truy cập API")
        verbose_name_plural = _("mã truy cập API")
        ordering: ClassVar[list[str]] = ["unit", "-created_at"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.CheckConstraint(
                condition=Q(expires_at__isnull=True) | Q(expires_at__gt=models.F("created_at")),
                name="api_token_expires_after_creation",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def perms(self) -> frozenset[Perm]:
        """The token's permissions (unknown stored values are ignored), ``units.view`` implied."""
        known = {p.value: p for p in TOKEN_PERMS}
        return frozenset({Perm.VIEW_UNITS, *(known[v] for v in self.permissions if v in known)})

    def grant(self) -> Grant:
        """What the scope helpers check: these permissions on the token's unit and below."""
        return Grant(path=self.unit.path, perms=self.perms)

    def is_active_at(self, moment: dt.datetime) -> bool:
        return self.revoked_at is None and (self.expires_at is None or moment < self.expires_at)

    def get_permissions_display(self) -> list[str]:
        labels = perm_labels()
        return [str(labels[p]) for p in TOKEN_PERMS if p.value in self.permissions]


def perm_labels() -> dict[Perm, str]:
    """Vietnamese names of the permissions a token may carry (for the staff pages)."""
    return {
        Perm.VIEW_UNITS: str(_("Xem thông tin đơn vị và đợt khảo sát")),
        Perm.MANAGE_DOSSIERS: str(_("Gửi hồ sơ thủ tục hành chính (hệ thống một cửa)")),
        Perm.ENTER_RESPONSES: str(_("Gửi phiếu trả lời (ki-ốt, ứng dụng đối tác)")),
    }
