"""Methods (questionnaires) as versioned data, and survey waves that use one published version."""

from __future__ import annotations

import secrets
from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext as _gettext
from django.utils.translation import gettext_lazy as _

from hailong.core.errors import ServiceError
from hailong.surveys.definition import Definition, parse_definition


class Method(models.Model):
    """A questionnaire with its formula parameters. ``owner`` empty = built-in (national)."""

    code = models.CharField(_("mã"), max_length=60)
    name = models.CharField(_("tên"), max_length=300)
    owner = models.ForeignKey(
        "units.AdministrativeUnit",
        verbose_name=_("đơn vị sở hữu"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="survey_methods",
    )
    copied_from = models.ForeignKey(
        "self",
        verbose_name=_("sao chép từ"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="copies",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("phương pháp")
        verbose_name_plural = _("phương pháp")
        ordering: ClassVar[list[str]] = ["owner_id", "code"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["owner", "code"], name="method_code_unique_per_owner"),
            models.UniqueConstraint(
                fields=["code"], condition=Q(owner__isnull=True), name="method_builtin_code_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_builtin(self) -> bool:
        return self.owner_id is None


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("Bản nháp")
    PUBLISHED = "published", _("Đã ban hành")
    RETIRED = "retired", _("Ngừng sử dụng")


class ImmutableVersionError(ServiceError):
    """A published (or retired) version's definition was about to change."""


class MethodVersion(models.Model):
    """One numbered version of a method. Once published its definition never changes."""

    method = models.ForeignKey(
        Method, verbose_name=_("phương pháp"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("phiên bản số"))
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )
    definition = models.JSONField(_("nội dung"))
    checksum = models.CharField(_("mã kiểm tra"), max_length=64)
    note = models.CharField(_("ghi chú thay đổi"), max_length=300, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    published_at = models.DateTimeField(_("ban hành lúc"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("phiên bản phương pháp")
        verbose_name_plural = _("phiên bản phương pháp")
        ordering: ClassVar[list[str]] = ["method", "-number"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["method", "number"], name="method_version_unique"),
            models.UniqueConstraint(
                fields=["method"],
                condition=Q(status="draft"),
                name="method_one_draft",
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(published_at__isnull=False),
                name="method_version_published_has_date",
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1), name="method_version_number_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.method.code} v{self.number}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self._refuse_changing_a_published_definition()
        super().save(*args, **kwargs)

    def _refuse_changing_a_published_definition(self) -> None:
        """The last line of defence behind the services: a published text is frozen."""
        if self.pk is None:
            return
        stored = (
            MethodVersion.objects.filter(pk=self.pk)
            .values("status", "definition", "checksum")
            .first()
        )
        if stored is None or stored["status"] == VersionStatus.DRAFT:
            return
        if stored["definition"] != self.definition or stored["checksum"] != self.checksum:
            raise ImmutableVersionError(
                _gettext("Phiên bản đã ban hành không thể sửa; hãy tạo phiên bản mới.")
            )
        if self.status == VersionStatus.DRAFT:
            raise ImmutableVersionError(
                _gettext("Phiên bản đã ban hành không thể trở lại bản nháp.")
            )

    @property
    def is_draft(self) -> bool:
        return self.status == VersionStatus.DRAFT

    def parsed(self) -> Definition:
        """The definition as dataclasses (cached on the instance)."""
        cached: Definition | None = self.__dict__.get("_parsed")
        if cached is None:
            cached = parse_definition(self.definition)
            self.__dict__["_parsed"] = cached
        return cached


class RespondentType(models.TextChoices):
    INDIVIDUAL = "individual", _("Cá nhân")
    ORGANISATION = "organisation", _("Người đại diện tổ chức")


class WaveChannel(models.TextChoices):
    ONLINE = "online", _("Biểu mẫu trực tuyến (đường dẫn, mã QR)")
    KIOSK = "kiosk", _("Máy tính bảng tại bộ phận một cửa")
    PAPER = "paper", _("Phiếu giấy (cán bộ nhập)")
    PHONE = "phone", _("Phỏng vấn qua điện thoại")


class WaveStatus(models.TextChoices):
    PLANNED = "planned", _("Đang chuẩn bị")
    OPEN = "open", _("Đang thu thập ý kiến")
    CLOSED = "closed", _("Đã kết thúc")


def new_public_token() -> str:
    """An unguessable token for public URLs (128 bits, URL-safe)."""
    return secrets.token_urlsafe(16)


class SurveyWave(models.Model):
    """A survey wave (đợt khảo sát) of a unit on one published method version."""

    unit = models.ForeignKey(
        "units.AdministrativeUnit",
        verbose_name=_("đơn vị"),
        on_delete=models.PROTECT,
        related_name="survey_waves",
    )
    method_version = models.ForeignKey(
        MethodVersion,
        verbose_name=_("phiên bản phương pháp"),
        on_delete=models.PROTECT,
        related_name="waves",
    )
    name = models.CharField(_("tên đợt"), max_length=200)
    opens_on = models.DateField(_("từ ngày"))
    closes_on = models.DateField(_("đến ngày"))
    respondent_types = models.JSONField(_("đối tượng khảo sát"), default=list)
    target_sample = models.PositiveIntegerField(_("số phiếu cần thu"))
    channels = models.JSONField(_("kênh thu thập"), default=list)
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=WaveStatus.choices, default=WaveStatus.PLANNED
    )
    public_token = models.CharField(
        max_length=43, unique=True, default=new_public_token, editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("đợt khảo sát")
        verbose_name_plural = _("đợt khảo sát")
        ordering: ClassVar[list[str]] = ["unit", "-opens_on", "name"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=F("opens_on")), name="wave_dates_in_order"
            ),
            models.CheckConstraint(condition=Q(target_sample__gte=1), name="wave_target_positive"),
            models.UniqueConstraint(fields=["unit", "name"], name="wave_name_unique_per_unit"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_respondent_types_display(self) -> list[str]:
        labels = dict(RespondentType.choices)
        return [str(labels.get(v, v)) for v in self.respondent_types]

    def get_channels_display(self) -> list[str]:
        labels = dict(WaveChannel.choices)
        return [str(labels.get(v, v)) for v in self.channels]
