"""Channels' places, the plan's activities and the occurrences their schedules generate."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Holiday(models.Model):
    """A public holiday (ngày nghỉ lễ, Tết) on which recurring activities are skipped."""

    date = models.DateField(_("ngày"), unique=True)
    name = models.CharField(_("tên"), max_length=120)

    class Meta:
        verbose_name = _("ngày nghỉ lễ")
        verbose_name_plural = _("ngày nghỉ lễ")
        ordering: ClassVar[list[str]] = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} {self.name}"


class LoudspeakerArea(models.Model):
    """A cluster of public loudspeakers (cụm loa) of a ward and the groups it covers."""

    unit = models.ForeignKey(
        "units.AdministrativeUnit",
        verbose_name=_("đơn vị"),
        on_delete=models.CASCADE,
        related_name="loudspeaker_areas",
    )
    name = models.CharField(_("tên cụm loa"), max_length=120)
    location = models.CharField(_("vị trí"), max_length=300, blank=True, default="")
    groups = models.ManyToManyField(
        "units.AdministrativeUnit",
        verbose_name=_("tổ dân phố được phủ sóng"),
        blank=True,
        related_name="+",
    )
    active = models.BooleanField(_("đang hoạt động"), default=True)

    class Meta:
        verbose_name = _("cụm loa truyền thanh")
        verbose_name_plural = _("cụm loa truyền thanh")
        ordering: ClassVar[list[str]] = ["unit", "name"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["unit", "name"], name="loudspeaker_area_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


class ZaloGroup(models.Model):
    """A Zalo group run by a mass organisation or a residential group (or the ward's own page)."""

    unit = models.ForeignKey(
        "units.AdministrativeUnit",
        verbose_name=_("đơn vị"),
        on_delete=models.CASCADE,
        related_name="zalo_groups",
    )
    name = models.CharField(_("tên nhóm"), max_length=200)
    organisation = models.ForeignKey(
        "units.MassOrganisation",
        verbose_name=_("đoàn thể"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="zalo_groups",
    )
    group = models.ForeignKey(
        "units.AdministrativeUnit",
        verbose_name=_("tổ dân phố"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    members = models.PositiveIntegerField(_("số thành viên"), null=True, blank=True)
    admin_name = models.CharField(_("người quản trị"), max_length=120, blank=True, default="")
    active = models.BooleanField(_("đang hoạt động"), default=True)

    class Meta:
        verbose_name = _("nhóm Zalo")
        verbose_name_plural = _("nhóm Zalo")
        ordering: ClassVar[list[str]] = ["unit", "name"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["unit", "name"], name="zalo_group_unique_name"),
            models.CheckConstraint(
                condition=Q(organisation__isnull=True) | Q(group__isnull=True),
                name="zalo_group_one_owner",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class CampaignActivity(models.Model):
    """One line of the schedule: a channel, a recurrence over a period, who is responsible.

    ``recurrence`` is ``hailong.campaigns.recurrence.Recurrence`` as JSON; ``data`` is the
    channel's own settings, validated by its module in ``hailong.campaigns.channels``.
    """

    plan = models.ForeignKey(
        "campaigns.CampaignPlan",
        verbose_name=_("kế hoạch"),
        on_delete=models.CASCADE,
        related_name="activities",
    )
    channel = models.CharField(_("hình thức"), max_length=20)
    title = models.CharField(_("tên hoạt động"), max_length=200)
    recurrence = models.JSONField(_("lịch lặp"))
    starts_on = models.DateField(_("từ ngày"))
    ends_on = models.DateField(_("đến ngày"))
    responsible_department = models.ForeignKey(
        "units.Department",
        verbose_name=_("bộ phận phụ trách"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    responsible_officer = models.ForeignKey(
        "units.Officer",
        verbose_name=_("người phụ trách"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    responsible_organisation = models.ForeignKey(
        "units.MassOrganisation",
        verbose_name=_("đoàn thể phụ trách"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    responsible_group = models.ForeignKey(
        "units.AdministrativeUnit",
        verbose_name=_("tổ dân phố phụ trách"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    data = models.JSONField(_("thông số riêng"), default=dict, blank=True)
    script = models.TextField(_("nội dung, kịch bản"), blank=True, default="")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("hoạt động tuyên truyền")
        verbose_name_plural = _("hoạt động tuyên truyền")
        ordering: ClassVar[list[str]] = ["plan", "starts_on", "pk"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="activity_period_in_order"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class OccurrenceStatus(models.TextChoices):
    PLANNED = "planned", _("Chưa thực hiện")
    DONE = "done", _("Đã thực hiện")
    MISSED = "missed", _("Không thực hiện")
    RESCHEDULED = "rescheduled", _("Đã dời lịch")


class Occurrence(models.Model):
    """One scheduled item (a broadcast, a post in one group, one group's leaflets, a meeting).

    ``unit`` is whom it is assigned to for marking: the residential group it concerns, else the
    plan's ward. A role holding ``campaigns.mark`` on that unit (or above it) may mark it, so a
    group's volunteer marks only their group's items. ``generated`` rows come from the schedule
    and are unique per (activity, target, time); a rescheduled item's replacement is not.
    ``script`` is the text read or posted (empty: the activity's script); ``outcome`` holds the
    channel's figures when done (attendance, leaflets delivered).
    """

    plan = models.ForeignKey(
        "campaigns.CampaignPlan",
        verbose_name=_("kế hoạch"),
        on_delete=models.CASCADE,
        related_name="occurrences",
    )
    activity = models.ForeignKey(
        CampaignActivity,
        verbose_name=_("hoạt động"),
        on_delete=models.CASCADE,
        related_name="occurrences",
    )
    unit = models.ForeignKey(
        "units.AdministrativeUnit",
        verbose_name=_("giao cho đơn vị"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    channel = models.CharField(_("hình thức"), max_length=20)
    target_key = models.CharField(max_length=40, blank=True, default="")
    target_label = models.CharField(_("nơi thực hiện"), max_length=200, blank=True, default="")
    scheduled_at = models.DateTimeField(_("thời gian"))
    generated = models.BooleanField(default=True, editable=False)
    rescheduled_from = models.OneToOneField(
        "self",
        verbose_name=_("dời từ"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="replacement",
    )
    responsible_department = models.ForeignKey(
        "units.Department", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    responsible_officer = models.ForeignKey(
        "units.Officer", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    responsible_organisation = models.ForeignKey(
        "units.MassOrganisation", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    script = models.TextField(_("nội dung, kịch bản"), blank=True, default="")
    status = models.CharField(
        _("trạng thái"),
        max_length=12,
        choices=OccurrenceStatus.choices,
        default=OccurrenceStatus.PLANNED,
    )
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    marked_at = models.DateTimeField(_("ghi nhận lúc"), null=True, blank=True)
    note = models.TextField(_("ghi chú"), blank=True, default="")
    reason = models.CharField(_("lý do không thực hiện"), max_length=300, blank=True, default="")
    outcome = models.JSONField(_("kết quả"), default=dict, blank=True)

    class Meta:
        verbose_name = _("buổi, lượt tuyên truyền")
        verbose_name_plural = _("buổi, lượt tuyên truyền")
        ordering: ClassVar[list[str]] = ["scheduled_at", "pk"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(
                fields=["activity", "target_key", "scheduled_at"],
                condition=Q(generated=True),
                name="occurrence_unique_slot",
            ),
            models.CheckConstraint(
                condition=~Q(status="missed") | ~Q(reason=""),
                name="occurrence_missed_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(status="planned") | Q(marked_at__isnull=False),
                name="occurrence_marked_has_time",
            ),
        ]
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["plan", "scheduled_at"]),
            models.Index(fields=["unit", "scheduled_at"]),
            models.Index(fields=["status", "scheduled_at"]),
        ]

    def __str__(self) -> str:
        label = f" – {self.target_label}" if self.target_label else ""
        return f"{self.activity.title}{label}"

    @property
    def is_marked(self) -> bool:
        return self.status != OccurrenceStatus.PLANNED

    @property
    def is_overdue(self) -> bool:
        """Unmarked more than ``compliance.GRACE`` after its time."""
        from hailong.campaigns.compliance import GRACE

        return (
            self.status == OccurrenceStatus.PLANNED and self.scheduled_at + GRACE < timezone.now()
        )

    @property
    def script_text(self) -> str:
        return self.script or self.activity.script
