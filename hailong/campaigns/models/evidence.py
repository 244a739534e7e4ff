"""What proves an occurrence was done (photos, links, audio) and the reminders sent."""

from __future__ import annotations

import secrets
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class EvidenceKind(models.TextChoices):
    PHOTO = "photo", _("Ảnh")
    LINK = "link", _("Đường dẫn bài đăng")
    AUDIO = "audio", _("Tệp âm thanh đã phát")


def evidence_upload_to(instance: Evidence, filename: str) -> str:
    """An unguessable stored name; the extension comes from the content, never the upload."""
    return f"campaigns/evidence/{secrets.token_hex(16)}.{instance.extension}"


class Evidence(models.Model):
    """A photo (re-encoded, resized, without metadata), a post's link or the audio played.

    Files are served only through a staff view that checks the reader's scope.
    """

    occurrence = models.ForeignKey(
        "campaigns.Occurrence",
        verbose_name=_("buổi, lượt"),
        on_delete=models.CASCADE,
        related_name="evidence",
    )
    kind = models.CharField(_("loại"), max_length=8, choices=EvidenceKind.choices)
    file = models.FileField(_("tệp"), upload_to=evidence_upload_to, max_length=200, blank=True)
    url = models.URLField(_("đường dẫn"), max_length=500, blank=True, default="")
    extension = models.CharField(max_length=8, blank=True, default="")
    content_type = models.CharField(max_length=60, blank=True, default="")
    size = models.PositiveIntegerField(_("dung lượng"), default=0)
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("lúc"))

    class Meta:
        verbose_name = _("minh chứng")
        verbose_name_plural = _("minh chứng")
        ordering: ClassVar[list[str]] = ["occurrence", "uploaded_at", "pk"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.CheckConstraint(
                condition=(Q(kind="link") & ~Q(url="")) | (~Q(kind="link") & ~Q(file="")),
                name="evidence_has_content",
            ),
        ]

    def __str__(self) -> str:
        return self.url or self.file.name or ""


class DigestSent(models.Model):
    """The daily reminder e-mail sent to one person on one day (at most one: idempotent)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    items = models.PositiveIntegerField(default=0)
    sent_at = models.DateTimeField()

    class Meta:
        verbose_name = _("thư nhắc việc")
        verbose_name_plural = _("thư nhắc việc")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["user", "day"], name="digest_once_per_user_day"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.day}"
