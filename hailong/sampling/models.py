"""Sample draws of a wave, their members (one invitation each), and phone calls to them.

- ``SampleDraw``: one reproducible stratified draw from a frame (returned dossiers of a period,
  or households per residential group): N, e, Slovin's n, the seed, who drew it and when, and
  the whole design as JSON. A new draw supersedes the wave's current one; the database allows
  one current draw per wave. Draws are never deleted.
- ``SampleMember``: one sampled unit (a dossier, or household number k of a residential group)
  with its invitation (``responses.Invitation``). An invitation already given out keeps its code
  in later draws, so nothing a citizen holds or has used ever changes.
- ``CallAttempt``: one phone call to a member and its outcome; ``SampleMember`` keeps the
  running state (attempts, next attempt, status) that the call list reads.
- ``ContactView``: who saw a member's contact details (name, phone), and when.
"""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class FrameKind(models.TextChoices):
    DOSSIERS = "dossiers", _("Người có hồ sơ đã trả kết quả trong kỳ (phương pháp 2017)")
    HOUSEHOLDS = "households", _("Hộ gia đình theo tổ dân phố, thôn (phương pháp 2023)")


class SampleDraw(models.Model):
    """One stratified random draw of a wave's sample, reproducible from its seed."""

    wave = models.ForeignKey(
        "surveys.SurveyWave",
        verbose_name=_("đợt khảo sát"),
        on_delete=models.PROTECT,
        related_name="sample_draws",
    )
    frame = models.CharField(_("khung mẫu"), max_length=12, choices=FrameKind.choices)
    period_start = models.DateField(_("từ ngày"), null=True, blank=True)
    period_end = models.DateField(_("đến ngày"), null=True, blank=True)
    margin = models.DecimalField(_("sai số e"), max_digits=4, decimal_places=3)
    seed = models.PositiveBigIntegerField(_("hạt giống ngẫu nhiên"))
    frame_size = models.PositiveIntegerField(_("tổng thể N"))
    slovin_size = models.PositiveIntegerField(_("cỡ mẫu Slovin n"))
    sample_size = models.PositiveIntegerField(_("số thư mời"))
    minimum_per_stratum = models.PositiveSmallIntegerField(_("tối thiểu mỗi tầng"), default=0)
    max_attempts = models.PositiveSmallIntegerField(_("số lần gọi tối đa"), default=5)
    design = models.JSONField(_("thiết kế mẫu"), default=dict)
    drawn_at = models.DateTimeField(_("rút lúc"), default=timezone.now)
    drawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người rút mẫu"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    superseded_at = models.DateTimeField(_("được thay lúc"), null=True, blank=True)
    contacts_purged_at = models.DateTimeField(_("xóa liên hệ lúc"), null=True, blank=True)
    contacts_purged = models.PositiveIntegerField(_("số liên hệ đã xóa"), default=0)

    class Meta:
        verbose_name = _("lượt rút mẫu")
        verbose_name_plural = _("lượt rút mẫu")
        ordering: ClassVar[list[str]] = ["-drawn_at", "-id"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(
                fields=["wave"],
                condition=Q(superseded_at__isnull=True),
                name="sample_draw_one_current_per_wave",
            ),
            models.CheckConstraint(
                condition=Q(margin__gte=Decimal("0.010")) & Q(margin__lte=Decimal("0.200")),
                name="sample_draw_margin_in_range",
            ),
            models.CheckConstraint(
                condition=Q(sample_size__lte=models.F("frame_size")),
                name="sample_draw_size_within_frame",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.wave_id} #{self.pk}"

    @property
    def is_current(self) -> bool:
        return self.superseded_at is None


class CallStatus(models.TextChoices):
    OPEN = "open", _("Đang trong danh sách gọi")
    COMPLETED = "completed", _("Đã phỏng vấn xong")
    REFUSED = "refused", _("Từ chối")
    WRONG_NUMBER = "wrong_number", _("Sai số, không liên lạc được")
    EXHAUSTED = "exhausted", _("Đã gọi đủ số lần")


class CallOutcome(models.TextChoices):
    ANSWERED = "answered", _("Đã trả lời phỏng vấn")
    NO_ANSWER = "no_answer", _("Không nghe máy")
    CALL_BACK = "call_back", _("Hẹn gọi lại")
    REFUSED = "refused", _("Từ chối trả lời")
    WRONG_NUMBER = "wrong_number", _("Sai số, thuê bao không liên lạc được")


class SampleMember(models.Model):
    """One sampled unit of a draw and its invitation; the running state of calls to it."""

    draw = models.ForeignKey(
        SampleDraw, verbose_name=_("lượt rút mẫu"), on_delete=models.CASCADE, related_name="members"
    )
    position = models.PositiveIntegerField(_("số thứ tự"))
    stratum = models.CharField(_("tầng"), max_length=120)
    unit_key = models.CharField(_("khóa phần tử"), max_length=120)
    invitation = models.ForeignKey(
        "responses.Invitation",
        verbose_name=_("thư mời"),
        on_delete=models.PROTECT,
        related_name="sample_members",
    )
    dossier = models.ForeignKey(
        "dossiers.Dossier",
        verbose_name=_("hồ sơ"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    residential_group = models.ForeignKey(
        "units.AdministrativeUnit",
        verbose_name=_("tổ dân phố"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    household = models.PositiveIntegerField(_("hộ số"), null=True, blank=True)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người gọi"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    call_status = models.CharField(
        _("trạng thái gọi"), max_length=12, choices=CallStatus.choices, default=CallStatus.OPEN
    )
    attempts = models.PositiveSmallIntegerField(_("số lần đã gọi"), default=0)
    next_attempt_at = models.DateTimeField(_("gọi lần sau lúc"), null=True, blank=True)
    last_outcome = models.CharField(
        _("kết quả lần gọi cuối"), max_length=16, choices=CallOutcome.choices, blank=True
    )

    class Meta:
        verbose_name = _("phần tử mẫu")
        verbose_name_plural = _("phần tử mẫu")
        ordering: ClassVar[list[str]] = ["draw", "position"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["draw", "position"], name="sample_member_position"),
            models.UniqueConstraint(
                fields=["draw", "invitation"], name="sample_member_invitation_once_per_draw"
            ),
            models.CheckConstraint(
                condition=Q(call_status__in=CallStatus.values), name="sample_member_status_known"
            ),
        ]
        indexes: ClassVar[list[models.Index]] = [
            models.Index(
                fields=["draw", "call_status", "next_attempt_at"], name="sample_member_calls"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.draw_id}/{self.position}"


class CallAttempt(models.Model):
    """One phone call to a sampled member, by one interviewer, with its outcome."""

    member = models.ForeignKey(
        SampleMember, verbose_name=_("phần tử mẫu"), on_delete=models.CASCADE, related_name="calls"
    )
    interviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người gọi"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    outcome = models.CharField(_("kết quả"), max_length=16, choices=CallOutcome.choices)
    at = models.DateTimeField(_("gọi lúc"), default=timezone.now)
    call_back_at = models.DateTimeField(_("hẹn gọi lại lúc"), null=True, blank=True)
    note = models.CharField(_("ghi chú"), max_length=200, blank=True, default="")
    response = models.OneToOneField(
        "responses.Response",
        verbose_name=_("phiếu trả lời"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("cuộc gọi")
        verbose_name_plural = _("cuộc gọi")
        ordering: ClassVar[list[str]] = ["-at", "-id"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.CheckConstraint(
                condition=Q(outcome__in=CallOutcome.values), name="call_attempt_outcome_known"
            ),
            models.CheckConstraint(
                condition=~Q(outcome=CallOutcome.CALL_BACK) | Q(call_back_at__isnull=False),
                name="call_attempt_call_back_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member_id} {self.outcome}"


class ContactView(models.Model):
    """A staff member saw a sampled applicant's contact details. Kept after the purge."""

    member = models.ForeignKey(
        SampleMember, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    member_ref = models.PositiveBigIntegerField(_("mã phần tử mẫu"))
    wave = models.ForeignKey("surveys.SurveyWave", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    username = models.CharField(_("tài khoản"), max_length=150)
    at = models.DateTimeField(_("lúc"), default=timezone.now)

    class Meta:
        verbose_name = _("lần xem thông tin liên hệ")
        verbose_name_plural = _("nhật ký xem thông tin liên hệ (mẫu)")
        ordering: ClassVar[list[str]] = ["-at"]

    def __str__(self) -> str:
        return f"{self.username} #{self.member_ref}"
