"""A tablet at the one-stop desk (``Kiosk``) and the leader's decisions on its flagged responses.

- ``Kiosk``: locked to one wave; its unguessable ``token`` is the whole credential of the tablet
  (``/kiosk/<token>/``). Each kiosk owns a ``Source`` of its wave (kind "kiosk"): the responses
  typed on the tablet (channel ``kiosk``) and those sent from a citizen's own phone through the
  QR code shown on the tablet (channel ``web``) are both attributed to it.
- ``FlagReview``: a leader's "keep" or "exclude" on a flagged response, with who and when, and
  the status before and after. Responses are never deleted; a review only changes the status.
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

KIOSK_TOKEN_BYTES = 24
DEFAULT_IDLE_SECONDS = 60
DEFAULT_OPENS = dt.time(7, 30)
DEFAULT_CLOSES = dt.time(17, 0)
WORKING_DAYS = (0, 1, 2, 3, 4)  # Monday = 0, as ``date.weekday()``


def new_kiosk_token() -> str:
    """192 bits, URL-safe (32 characters): the tablet's only credential."""
    return secrets.token_urlsafe(KIOSK_TOKEN_BYTES)


def default_weekdays() -> list[int]:
    return list(WORKING_DAYS)


class Kiosk(models.Model):
    """A tablet at the one-stop desk that collects responses to one wave."""

    wave = models.ForeignKey(
        "surveys.SurveyWave",
        verbose_name=_("đợt khảo sát"),
        on_delete=models.PROTECT,
        related_name="kiosks",
    )
    unit = models.ForeignKey(
        "units.AdministrativeUnit",
        verbose_name=_("đơn vị"),
        on_delete=models.PROTECT,
        related_name="kiosks",
    )
    source = models.OneToOneField(
        "responses.Source",
        verbose_name=_("nguồn"),
        on_delete=models.PROTECT,
        related_name="kiosk",
    )
    name = models.CharField(_("tên máy"), max_length=120)
    token = models.CharField(max_length=64, unique=True, default=new_kiosk_token, editable=False)
    idle_reset_seconds = models.PositiveSmallIntegerField(
        _("tự quay về màn hình đầu sau (giây)"), default=DEFAULT_IDLE_SECONDS
    )
    opens_at = models.TimeField(_("giờ mở"), default=DEFAULT_OPENS)
    closes_at = models.TimeField(_("giờ đóng"), default=DEFAULT_CLOSES)
    weekdays = models.JSONField(_("ngày làm việc"), default=default_weekdays)
    active = models.BooleanField(_("đang dùng"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("máy tính bảng (kiosk)")
        verbose_name_plural = _("máy tính bảng (kiosk)")
        ordering: ClassVar[list[str]] = ["wave", "name"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["wave", "name"], name="kiosk_name_unique_per_wave"),
            models.CheckConstraint(
                condition=Q(closes_at__gt=F("opens_at")), name="kiosk_hours_in_order"
            ),
            models.CheckConstraint(
                condition=Q(idle_reset_seconds__gte=3, idle_reset_seconds__lte=3600),
                name="kiosk_idle_reset_sane",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class ReviewDecision(models.TextChoices):
    KEEP = "keep", _("Đã xem xét: giữ lại, tính là hợp lệ")
    EXCLUDE = "exclude", _("Đã xem xét: không tính")


class FlagReview(models.Model):
    """Who decided what about a flagged response, and when (an audit line, never edited)."""

    response = models.ForeignKey(
        "responses.Response",
        verbose_name=_("phiếu"),
        on_delete=models.PROTECT,
        related_name="flag_reviews",
    )
    kiosk = models.ForeignKey(
        Kiosk, on_delete=models.SET_NULL, null=True, blank=True, related_name="reviews"
    )
    decision = models.CharField(_("quyết định"), max_length=8, choices=ReviewDecision.choices)
    status_before = models.CharField(_("trạng thái trước"), max_length=10)
    status_after = models.CharField(_("trạng thái sau"), max_length=10)
    flags = models.JSONField(_("dấu hiệu lúc xem xét"), default=list, blank=True)
    note = models.CharField(_("ghi chú"), max_length=500, blank=True, default="")
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    username = models.CharField(_("tài khoản"), max_length=150)
    reviewed_at = models.DateTimeField(_("lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("lần xem xét phiếu bị gắn dấu hiệu")
        verbose_name_plural = _("nhật ký xem xét phiếu bị gắn dấu hiệu")
        ordering: ClassVar[list[str]] = ["-reviewed_at", "-pk"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.CheckConstraint(
                condition=Q(decision__in=["keep", "exclude"]), name="flag_review_decision_known"
            )
        ]

    def __str__(self) -> str:
        return f"{self.username} {self.decision} #{self.response_id}"
