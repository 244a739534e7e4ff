"""Points rules (versioned, per province and year) and improvement actions (closing the loop)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext as _gettext
from django.utils.translation import gettext_lazy as _

from hailong.core.errors import ServiceError
from hailong.performance import points


class RuleKind(models.TextChoices):
    LINEAR = points.LINEAR, _("Tuyến tính: điểm tối đa × chỉ số / 100")
    BANDS = points.BANDS, _("Theo khung: số điểm của khung mà chỉ số đạt tới")


class RuleStatus(models.TextChoices):
    DRAFT = "draft", _("Bản nháp")
    PUBLISHED = "published", _("Đã ban hành")


class ImmutableRuleError(ServiceError):
    """A published points rule was about to change."""


FROZEN_FIELDS = ("province_id", "year", "number", "kind", "max_points", "bands", "legal_basis")


class PointsRule(models.Model):
    """One numbered version of a province's rule turning a ward's SIPAS index into points.

    ``year`` is the first year the rule applies to; it keeps applying to later years until the
    province publishes a rule for a later year. Among the published versions of a year the
    highest number wins. A published version never changes: a change is a new version.
    """

    province = models.ForeignKey(
        "units.AdministrativeUnit",
        verbose_name=_("tỉnh, thành phố"),
        on_delete=models.PROTECT,
        related_name="points_rules",
    )
    year = models.PositiveSmallIntegerField(_("áp dụng từ năm"))
    number = models.PositiveIntegerField(_("phiên bản số"))
    kind = models.CharField(_("cách quy đổi"), max_length=10, choices=RuleKind.choices)
    max_points = models.DecimalField(_("điểm tối đa"), max_digits=5, decimal_places=2)
    bands = models.JSONField(_("các khung điểm"), default=list, blank=True)
    legal_basis = models.CharField(_("căn cứ"), max_length=300)
    note = models.CharField(_("ghi chú"), max_length=300, blank=True, default="")
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=RuleStatus.choices, default=RuleStatus.DRAFT
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    published_at = models.DateTimeField(_("ban hành lúc"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("quy tắc quy đổi điểm")
        verbose_name_plural = _("quy tắc quy đổi điểm")
        ordering: ClassVar[list[str]] = ["province", "-year", "-number"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(
                fields=["province", "year", "number"], name="points_rule_version_unique"
            ),
            models.UniqueConstraint(
                fields=["province", "year"],
                condition=Q(status="draft"),
                name="points_rule_one_draft",
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="points_rule_number_positive"),
            models.CheckConstraint(condition=Q(max_points__gt=0), name="points_rule_max_positive"),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(published_at__isnull=False),
                name="points_rule_published_has_date",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=[points.LINEAR, points.BANDS]), name="points_rule_kind_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.province} {self.year} v{self.number}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self._refuse_changing_a_published_rule()
        super().save(*args, **kwargs)

    def _refuse_changing_a_published_rule(self) -> None:
        """The last line of defence behind the services: a published rule is frozen."""
        if self.pk is None:
            return
        stored = PointsRule.objects.filter(pk=self.pk).values("status", *FROZEN_FIELDS).first()
        if stored is None or stored["status"] == RuleStatus.DRAFT:
            return
        changed = [f for f in FROZEN_FIELDS if stored[f] != getattr(self, f)]
        if changed or self.status != RuleStatus.PUBLISHED:
            raise ImmutableRuleError(
                _gettext("Quy tắc đã ban hành không thể sửa; hãy tạo phiên bản mới.")
            )

    @property
    def is_draft(self) -> bool:
        return self.status == RuleStatus.DRAFT

    def band_list(self) -> tuple[points.Band, ...]:
        """The bands, lowest first (empty for a linear rule)."""
        if self.kind != points.BANDS:
            return ()
        return points.bands_parse(self.bands, Decimal(self.max_points))


class ActionStatus(models.TextChoices):
    PLANNED = "planned", _("Đã lên kế hoạch")
    IN_PROGRESS = "in_progress", _("Đang thực hiện")
    DONE = "done", _("Đã hoàn thành")
    DROPPED = "dropped", _("Dừng thực hiện")


OPEN_STATUSES = (ActionStatus.PLANNED, ActionStatus.IN_PROGRESS)
CLOSED_STATUSES = (ActionStatus.DONE, ActionStatus.DROPPED)


class ImprovementAction(models.Model):
    """What a ward does about a weak item of a survey wave, and what came of it.

    The item's satisfied share and n when the action was created are frozen here
    (``baseline_*``), so the result of a later wave can be set against them.
    """

    unit = models.ForeignKey(
        "units.AdministrativeUnit",
        verbose_name=_("đơn vị"),
        on_delete=models.PROTECT,
        related_name="improvement_actions",
    )
    wave = models.ForeignKey(
        "surveys.SurveyWave",
        verbose_name=_("đợt khảo sát"),
        on_delete=models.PROTECT,
        related_name="improvement_actions",
    )
    item_code = models.CharField(_("mã tiêu chí"), max_length=40)
    item_text = models.CharField(_("tiêu chí"), max_length=600)
    baseline_index = models.FloatField(_("tỷ lệ hài lòng khi lập"), null=True, blank=True)
    baseline_n = models.FloatField(_("số ý kiến khi lập"), default=0)
    what = models.CharField(_("việc cần làm"), max_length=500)
    department = models.ForeignKey(
        "units.Department",
        verbose_name=_("bộ phận chủ trì"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="improvement_actions",
    )
    deadline = models.DateField(_("hạn hoàn thành"))
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=ActionStatus.choices, default=ActionStatus.PLANNED
    )
    outcome = models.TextField(_("kết quả"), max_length=2000, blank=True, default="")
    public = models.BooleanField(_("công khai trên trang của phường"), default=False)
    completed_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("hành động cải thiện")
        verbose_name_plural = _("hành động cải thiện")
        ordering: ClassVar[list[str]] = ["deadline", "pk"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.CheckConstraint(
                condition=Q(status__in=[s.value for s in ActionStatus]),
                name="improvement_action_status_known",
            ),
            models.CheckConstraint(
                condition=Q(status__in=[s.value for s in OPEN_STATUSES]) | ~Q(outcome=""),
                name="improvement_action_closed_has_outcome",
            ),
            models.CheckConstraint(
                condition=~Q(status=ActionStatus.DONE) | Q(completed_on__isnull=False),
                name="improvement_action_done_has_date",
            ),
        ]
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["unit", "status", "deadline"], name="action_unit_status_due"),
        ]

    def __str__(self) -> str:
        return self.what

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def is_overdue(self, today: dt.date) -> bool:
        """Still open after its deadline (the deadline day itself is not late)."""
        return self.is_open and self.deadline < today
