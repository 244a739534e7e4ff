"""Staff accounts and their roles, each role scoped to a unit and everything below it."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from hailong.accounts.roles import Role


class User(AbstractUser):
    """A staff account. Citizens never have accounts."""

    full_name = models.CharField(_("họ và tên"), max_length=120, blank=True, default="")
    phone = models.CharField(_("điện thoại"), max_length=40, blank=True, default="")

    class Meta:
        verbose_name = _("tài khoản")
        verbose_name_plural = _("tài khoản")

    def __str__(self) -> str:
        return self.full_name or self.username


class RoleAssignment(models.Model):
    """``user`` holds ``role`` on ``unit`` and, by inheritance, on every unit below it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tài khoản"),
        on_delete=models.CASCADE,
        related_name="role_assignments",
    )
    unit = models.ForeignKey(
        "units.AdministrativeUnit",
        verbose_name=_("đơn vị"),
        on_delete=models.CASCADE,
        related_name="role_assignments",
    )
    role = models.CharField(_("vai trò"), max_length=20, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("phân quyền")
        verbose_name_plural = _("phân quyền")
        ordering: ClassVar[list[str]] = ["unit__path", "role"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["user", "unit", "role"], name="role_unique_per_unit"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.unit}"
