"""Paper forms keyed by staff: batches, numbered forms, their entries and the audit trail.

- ``PaperQuota``: how many numbered paper forms a wave has (the numbers printed run 1..cap).
- ``PaperBatch``: a stack of forms one person collected in one place on one day, with the
  range of form numbers handed out and how many came back (declared). Status open → entering →
  reconciled (counts agree) or closed (closed with a written reason).
- ``PaperForm``: one numbered form of a wave (the database allows each number once per wave);
  once its answers are agreed it points to the ``Response`` that ``response_submit`` stored.
- ``PaperEntry``: one keying of a form, exactly as typed (field name → keys). A double-entry
  batch needs two, by two different officers (the database refuses a second one by the same).
- ``PaperEvent``: the audit trail: who did what and when, with old → new values of every edit.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PaperQuota(models.Model):
    """The numbered paper forms of a wave: numbers 1..``cap`` (no row = the wave's target)."""

    wave = models.OneToOneField(
        "surveys.SurveyWave",
        verbose_name=_("đợt khảo sát"),
        on_delete=models.CASCADE,
        related_name="paper_quota",
    )
    cap = models.PositiveIntegerField(_("số phiếu giấy tối đa"))
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("hạn mức phiếu giấy")
        verbose_name_plural = _("hạn mức phiếu giấy")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.CheckConstraint(condition=Q(cap__gte=1), name="paper_quota_positive")
        ]

    def __str__(self) -> str:
        return f"{self.wave_id}: {self.cap}"


class BatchStatus(models.TextChoices):
    OPEN = "open", _("Mới tạo")
    ENTERING = "entering", _("Đang nhập")
    RECONCILED = "reconciled", _("Đã đối soát, khớp số")
    CLOSED = "closed", _("Đã đóng, có giải trình")


CLOSED_STATUSES = (BatchStatus.RECONCILED, BatchStatus.CLOSED)


class PaperBatch(models.Model):
    """A stack of paper forms collected by one person in one place on one day."""

    wave = models.ForeignKey(
        "surveys.SurveyWave",
        verbose_name=_("đợt khảo sát"),
        on_delete=models.PROTECT,
        related_name="paper_batches",
    )
    number = models.PositiveIntegerField(_("lô số"))
    collector_officer = models.ForeignKey(
        "units.Officer",
        verbose_name=_("cán bộ thu phiếu"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    collector_name = models.CharField(_("người thu phiếu"), max_length=120, blank=True, default="")
    residential_group = models.ForeignKey(
        "units.AdministrativeUnit",
        verbose_name=_("tổ dân phố"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    place = models.CharField(_("địa điểm"), max_length=200, blank=True, default="")
    collected_on = models.DateField(_("ngày thu phiếu"))
    declared_count = models.PositiveIntegerField(_("số phiếu thu về"))
    first_number = models.PositiveIntegerField(_("từ phiếu số"))
    last_number = models.PositiveIntegerField(_("đến phiếu số"))
    double_entry = models.BooleanField(_("nhập hai lần"), default=False)
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=BatchStatus.choices, default=BatchStatus.OPEN
    )
    close_reason = models.CharField(_("giải trình khi đóng"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    closed_at = models.DateTimeField(_("đóng lúc"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("lô phiếu giấy")
        verbose_name_plural = _("lô phiếu giấy")
        ordering: ClassVar[list[str]] = ["wave", "number"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["wave", "number"], name="paper_batch_number_unique"),
            models.CheckConstraint(
                condition=Q(first_number__gte=1) & Q(last_number__gte=F("first_number")),
                name="paper_batch_range_in_order",
            ),
            models.CheckConstraint(
                condition=Q(declared_count__gte=1)
                & Q(declared_count__lte=F("last_number") - F("first_number") + 1),
                name="paper_batch_declared_fits_range",
            ),
            models.CheckConstraint(
                condition=Q(status__in=BatchStatus.values), name="paper_batch_status_known"
            ),
            models.CheckConstraint(
                condition=~Q(status__in=CLOSED_STATUSES) | Q(closed_at__isnull=False),
                name="paper_batch_closed_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(status=BatchStatus.CLOSED) | ~Q(close_reason=""),
                name="paper_batch_closed_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.wave_id}/{self.number}"

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED_STATUSES

    @property
    def range_size(self) -> int:
        return self.last_number - self.first_number + 1

    @property
    def collector(self) -> str:
        return self.collector_officer.full_name if self.collector_officer else self.collector_name

    @property
    def where(self) -> str:
        group = self.residential_group.name if self.residential_group else ""
        return " · ".join(p for p in (group, self.place) if p)


class FormStatus(models.TextChoices):
    AWAITING_SECOND = "second", _("Chờ nhập lần 2")
    CONFLICT = "conflict", _("Hai lần nhập lệch nhau")
    STORED = "stored", _("Đã lưu")


class PaperForm(models.Model):
    """One numbered paper form of a wave; ``response`` once its answers are agreed and stored."""

    batch = models.ForeignKey(
        PaperBatch, verbose_name=_("lô phiếu"), on_delete=models.PROTECT, related_name="forms"
    )
    wave = models.ForeignKey(
        "surveys.SurveyWave", on_delete=models.PROTECT, related_name="paper_forms"
    )
    number = models.PositiveIntegerField(_("phiếu số"))
    status = models.CharField(_("trạng thái"), max_length=10, choices=FormStatus.choices)
    final = models.JSONField(_("giá trị đã lưu"), default=dict, blank=True)
    response = models.OneToOneField(
        "responses.Response",
        verbose_name=_("phiếu trả lời"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="paper_form",
    )
    resolved_at = models.DateTimeField(_("đối chiếu lúc"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("phiếu giấy")
        verbose_name_plural = _("phiếu giấy")
        ordering: ClassVar[list[str]] = ["wave", "number"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["wave", "number"], name="paper_form_number_unique"),
            models.CheckConstraint(
                condition=Q(status__in=FormStatus.values), name="paper_form_status_known"
            ),
            models.CheckConstraint(
                condition=Q(status=FormStatus.STORED, response__isnull=False)
                | (~Q(status=FormStatus.STORED) & Q(response__isnull=True)),
                name="paper_form_stored_has_response",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.batch_id}#{self.number}"


class PaperEntry(models.Model):
    """One keying of a paper form, as typed (normalised keys by field name)."""

    form = models.ForeignKey(PaperForm, on_delete=models.CASCADE, related_name="entries")
    round = models.PositiveSmallIntegerField(_("lần nhập"))
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cán bộ nhập"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    entered_at = models.DateTimeField(_("nhập lúc"))
    keyed = models.JSONField(_("giá trị đã gõ"), default=dict)
    seconds = models.PositiveIntegerField(_("thời gian nhập (giây)"), null=True, blank=True)

    class Meta:
        verbose_name = _("lần nhập phiếu")
        verbose_name_plural = _("lần nhập phiếu")
        ordering: ClassVar[list[str]] = ["form", "round"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["form", "round"], name="paper_entry_round_unique"),
            models.UniqueConstraint(
                fields=["form", "entered_by"], name="paper_entry_other_officer"
            ),
            models.CheckConstraint(
                condition=Q(round__in=[1, 2]), name="paper_entry_round_one_or_two"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.form_id} ({self.round})"


class EventKind(models.TextChoices):
    QUOTA_SET = "quota_set", _("Đặt hạn mức phiếu giấy")
    BATCH_CREATED = "batch_created", _("Tạo lô phiếu")
    FORM_ENTERED = "form_entered", _("Nhập phiếu")
    FORM_CONFLICT = "form_conflict", _("Hai lần nhập lệch nhau")
    FORM_RESOLVED = "form_resolved", _("Đối chiếu, chọn giá trị đúng")
    FORM_STORED = "form_stored", _("Lưu phiếu trả lời")
    FORM_EDITED = "form_edited", _("Sửa phiếu đã lưu")
    BATCH_CLOSED = "batch_closed", _("Đóng lô")
    BATCH_REOPENED = "batch_reopened", _("Mở lại lô")


class PaperEvent(models.Model):
    """One line of the audit trail; ``changes`` maps a field name → [old, new] (or more)."""

    wave = models.ForeignKey("surveys.SurveyWave", on_delete=models.CASCADE, related_name="+")
    batch = models.ForeignKey(
        PaperBatch, on_delete=models.CASCADE, null=True, blank=True, related_name="events"
    )
    form = models.ForeignKey(
        PaperForm, on_delete=models.SET_NULL, null=True, blank=True, related_name="events"
    )
    form_number = models.PositiveIntegerField(_("phiếu số"), null=True, blank=True)
    kind = models.CharField(_("việc"), max_length=16, choices=EventKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    username = models.CharField(_("tài khoản"), max_length=150, blank=True, default="")
    at = models.DateTimeField(_("lúc"))
    changes = models.JSONField(_("thay đổi"), default=dict, blank=True)
    note = models.CharField(_("ghi chú"), max_length=300, blank=True, default="")

    class Meta:
        verbose_name = _("nhật ký phiếu giấy")
        verbose_name_plural = _("nhật ký phiếu giấy")
        ordering: ClassVar[list[str]] = ["at", "pk"]
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["batch", "at"], name="paper_event_batch_at"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.kind}"
