"""The communication plan (kế hoạch tuyên truyền) as data, its approved versions and its history."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Bản nháp")
    SUBMITTED = "submitted", _("Chờ phê duyệt")
    APPROVED = "approved", _("Đã phê duyệt")
    SUPERSEDED = "superseded", _("Đã được thay thế")


# The fields that make up what the plan says: frozen in every approved version's snapshot and
# printed by the ``campaign_plan`` report kind.
CONTENT_FIELDS: tuple[str, ...] = (
    "number",
    "symbol",
    "issued_on",
    "period_start",
    "period_end",
    "title",
    "legal_references",
    "preamble",
    "purposes",
    "requirements",
    "content_topics",
    "channel_coordinator",
    "channel_partners",
    "channels",
    "channels_closing",
    "organisation",
    "emulation_link",
    "routine",
    "closing",
    "recipients",
    "signer_authority",
    "signer_name",
)


class CampaignPlan(models.Model):
    """A unit's communication plan for a year: what the seed document says, as editable data.

    ``legal_references`` is a list of ``{"kind", "number", "date" (ISO), "issuer", "subject"}``;
    ``channels`` a list of ``{"kind": <channel registry key>, "text": <phrase in the plan>}``;
    the other list fields are lists of paragraphs or items.
    """

    unit = models.ForeignKey(
        "units.AdministrativeUnit",
        verbose_name=_("đơn vị"),
        on_delete=models.PROTECT,
        related_name="campaign_plans",
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    wave = models.ForeignKey(
        "surveys.SurveyWave",
        verbose_name=_("đợt khảo sát"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="campaign_plans",
    )
    number = models.CharField(_("số văn bản"), max_length=20, blank=True, default="")
    symbol = models.CharField(_("ký hiệu"), max_length=40, default="KH-UBND")
    issued_on = models.DateField(_("ngày ban hành"))
    period_start = models.DateField(_("thực hiện từ ngày"))
    period_end = models.DateField(_("đến ngày"))
    title = models.CharField(_("trích yếu"), max_length=500)
    legal_references = models.JSONField(_("căn cứ"), default=list, blank=True)
    preamble = models.TextField(_("câu mở đầu"), blank=True, default="")
    purposes = models.JSONField(_("mục đích"), default=list, blank=True)
    requirements = models.JSONField(_("yêu cầu"), default=list, blank=True)
    content_topics = models.JSONField(_("nội dung tuyên truyền"), default=list, blank=True)
    channel_coordinator = models.CharField(
        _("bộ phận chủ trì"), max_length=200, blank=True, default=""
    )
    channel_partners = models.CharField(
        _("đơn vị phối hợp"), max_length=300, blank=True, default=""
    )
    channels = models.JSONField(_("hình thức tuyên truyền"), default=list, blank=True)
    channels_closing = models.TextField(_("câu kết phần hình thức"), blank=True, default="")
    organisation = models.JSONField(_("tổ chức thực hiện"), default=list, blank=True)
    emulation_link = models.TextField(_("gắn với thi đua, khen thưởng"), blank=True, default="")
    routine = models.TextField(_("nhiệm vụ thường xuyên"), blank=True, default="")
    closing = models.TextField(_("câu kết"), blank=True, default="")
    recipients = models.JSONField(_("nơi nhận"), default=list, blank=True)
    signer_authority = models.JSONField(_("thẩm quyền ký"), default=list, blank=True)
    signer_name = models.CharField(_("người ký"), max_length=120, blank=True, default="")
    coordinator = models.ForeignKey(
        "units.Department",
        verbose_name=_("bộ phận chủ trì"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    partner_departments = models.ManyToManyField(
        "units.Department", verbose_name=_("bộ phận phối hợp"), blank=True, related_name="+"
    )
    partner_organisations = models.ManyToManyField(
        "units.MassOrganisation", verbose_name=_("đoàn thể phối hợp"), blank=True, related_name="+"
    )
    partner_groups = models.ManyToManyField(
        "units.AdministrativeUnit",
        verbose_name=_("tổ dân phố phối hợp"),
        blank=True,
        related_name="+",
    )
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    version = models.PositiveIntegerField(_("phiên bản"), default=1)
    rejection_reason = models.TextField(_("lý do trả lại"), blank=True, default="")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(_("phê duyệt lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("kế hoạch tuyên truyền")
        verbose_name_plural = _("kế hoạch tuyên truyền")
        ordering: ClassVar[list[str]] = ["-year", "-pk"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")), name="plan_period_in_order"
            ),
            models.UniqueConstraint(
                fields=["unit", "year"],
                condition=Q(status="approved"),
                name="plan_one_approved_per_unit_year",
            ),
            models.CheckConstraint(condition=Q(version__gte=1), name="plan_version_positive"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def number_symbol(self) -> str:
        """``142/KH-UBND``; an unnumbered draft keeps the blank the clerk fills in."""
        return f"{self.number or '      '}/{self.symbol}"

    @property
    def in_force(self) -> bool:
        """Approved once (even while a revision is drafted) and not replaced: work is recorded."""
        return self.approved_at is not None and self.status != PlanStatus.SUPERSEDED

    @property
    def editable(self) -> bool:
        return self.status == PlanStatus.DRAFT


class CampaignPlanVersion(models.Model):
    """An approved version of a plan, frozen: what was approved, by whom, when."""

    plan = models.ForeignKey(
        CampaignPlan, verbose_name=_("kế hoạch"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("phiên bản số"))
    snapshot = models.JSONField(_("nội dung"))
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(_("phê duyệt lúc"))

    class Meta:
        verbose_name = _("phiên bản kế hoạch")
        verbose_name_plural = _("phiên bản kế hoạch")
        ordering: ClassVar[list[str]] = ["plan", "-number"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["plan", "number"], name="plan_version_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.plan} v{self.number}"


class PlanAction(models.TextChoices):
    CREATED = "created", _("Tạo từ mẫu")
    EDITED = "edited", _("Sửa")
    SUBMITTED = "submitted", _("Trình phê duyệt")
    APPROVED = "approved", _("Phê duyệt")
    REJECTED = "rejected", _("Trả lại")
    REVISED = "revised", _("Bắt đầu sửa đổi")
    SUPERSEDED = "superseded", _("Bị thay thế")


class PlanEvent(models.Model):
    """One step of a plan's history (who did what, when, and why for a rejection)."""

    plan = models.ForeignKey(
        CampaignPlan, verbose_name=_("kế hoạch"), on_delete=models.CASCADE, related_name="events"
    )
    action = models.CharField(_("thao tác"), max_length=12, choices=PlanAction.choices)
    version = models.PositiveIntegerField(_("phiên bản"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(_("lúc"))
    note = models.TextField(_("ghi chú"), blank=True, default="")

    class Meta:
        verbose_name = _("lịch sử kế hoạch")
        verbose_name_plural = _("lịch sử kế hoạch")
        ordering: ClassVar[list[str]] = ["plan", "-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.plan_id} {self.action}"
