"""The procedure catalogue, the dossier registry, per-dossier ratings and dossier imports.

Catalogue: ``ProcedureField`` (lĩnh vực) → ``Procedure`` (thủ tục hành chính), national, no unit.
Registry: ``Dossier`` (hồ sơ) of a commune-level unit; applicant contact details, when a ward
imports them for invitations, live apart in ``DossierContact`` and are purged after the wave.
Rating (QĐ 766 practice): at most one ``DossierRating`` per dossier, enforced by the database,
reached through the unit's unguessable ``DossierRatingPoint`` token; it never stores who rated.
"""

from __future__ import annotations

import secrets
from typing import ClassVar

from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hailong.core.text import search_key
from hailong.jobs.base import PersistedJob, Progress


class ProcedureLevel(models.TextChoices):
    COMMUNE = "xa", _("Cấp xã")
    DISTRICT = "huyen", _("Cấp huyện (đến 30/06/2025)")
    PROVINCE = "tinh", _("Cấp tỉnh")
    CENTRAL = "trung_uong", _("Cấp trung ương")


class ProcedureField(models.Model):
    """A field (lĩnh vực) of administrative procedures: Hộ tịch, Chứng thực, Đất đai …"""

    code = models.CharField(_("mã lĩnh vực"), max_length=40, unique=True)
    name = models.CharField(_("tên lĩnh vực"), max_length=200)
    search_key = models.CharField(max_length=200, editable=False, default="", db_index=True)

    class Meta:
        verbose_name = _("lĩnh vực")
        verbose_name_plural = _("lĩnh vực")
        ordering: ClassVar[list[str]] = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: object, **kwargs: object) -> None:
        self.search_key = search_key(self.name)
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class Procedure(models.Model):
    """An administrative procedure (TTHC) of the national database, e.g. ``1.001193``."""

    code = models.CharField(_("mã thủ tục"), max_length=40, unique=True)
    name = models.CharField(_("tên thủ tục"), max_length=600)
    field = models.ForeignKey(
        ProcedureField,
        verbose_name=_("lĩnh vực"),
        on_delete=models.PROTECT,
        related_name="procedures",
    )
    level = models.CharField(
        _("cấp thực hiện"),
        max_length=12,
        choices=ProcedureLevel.choices,
        default=ProcedureLevel.COMMUNE,
    )
    active = models.BooleanField(_("còn hiệu lực"), default=True)
    search_key = models.CharField(max_length=600, editable=False, default="", db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("thủ tục hành chính")
        verbose_name_plural = _("thủ tục hành chính")
        ordering: ClassVar[list[str]] = ["code"]

    def __str__(self) -> str:
        return f"{self.code} – {self.name}"

    def save(self, *args: object, **kwargs: object) -> None:
        self.search_key = search_key(self.name)
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class ApplicantType(models.TextChoices):
    INDIVIDUAL = "ca_nhan", _("Cá nhân")
    ORGANISATION = "to_chuc", _("Tổ chức")


class SubmissionChannel(models.TextChoices):
    DIRECT = "truc_tiep", _("Trực tiếp")
    ONLINE = "truc_tuyen", _("Trực tuyến")
    POST = "buu_chinh", _("Qua dịch vụ bưu chính")


class Dossier(models.Model):
    """A dossier (hồ sơ) one applicant filed at a commune-level unit's one-stop desk.

    ``code`` is stored upper-case without spaces (``codes.dossier_code_clean``) so that a code
    typed by a citizen matches it exactly. ``on_time`` is computed by the database from the
    dates: NULL until the result is returned.
    """

    unit = models.ForeignKey(
        "units.AdministrativeUnit",
        verbose_name=_("đơn vị"),
        on_delete=models.PROTECT,
        related_name="dossiers",
    )
    code = models.CharField(_("mã hồ sơ"), max_length=60)
    procedure = models.ForeignKey(
        Procedure, verbose_name=_("thủ tục"), on_delete=models.PROTECT, related_name="dossiers"
    )
    received_on = models.DateField(_("ngày tiếp nhận"))
    due_on = models.DateField(_("ngày hẹn trả"))
    returned_on = models.DateField(_("ngày trả kết quả"), null=True, blank=True)
    on_time = models.GeneratedField(
        expression=models.ExpressionWrapper(
            Q(returned_on__lte=F("due_on")), output_field=models.BooleanField()
        ),
        output_field=models.BooleanField(null=True),
        db_persist=True,
        verbose_name=_("đúng hạn"),
    )
    department = models.ForeignKey(
        "units.Department",
        verbose_name=_("bộ phận"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="dossiers",
    )
    officer = models.ForeignKey(
        "units.Officer",
        verbose_name=_("cán bộ xử lý"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="dossiers",
    )
    applicant_type = models.CharField(
        _("người nộp là"),
        max_length=10,
        choices=ApplicantType.choices,
        default=ApplicantType.INDIVIDUAL,
    )
    channel = models.CharField(
        _("hình thức nộp"),
        max_length=12,
        choices=SubmissionChannel.choices,
        default=SubmissionChannel.DIRECT,
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("hồ sơ")
        verbose_name_plural = _("hồ sơ")
        ordering: ClassVar[list[str]] = ["-received_on", "-id"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["unit", "code"], name="dossier_code_unique_per_unit"),
            models.CheckConstraint(
                condition=Q(due_on__gte=F("received_on")), name="dossier_due_after_received"
            ),
            models.CheckConstraint(
                condition=Q(returned_on__isnull=True) | Q(returned_on__gte=F("received_on")),
                name="dossier_returned_after_received",
            ),
        ]
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["unit", "returned_on"], name="dossier_unit_returned"),
            models.Index(fields=["unit", "received_on"], name="dossier_unit_received"),
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def is_returned(self) -> bool:
        return self.returned_on is not None


class DossierContact(models.Model):
    """How to reach a dossier's applicant for an invitation. Kept apart; never listed."""

    dossier = models.OneToOneField(
        Dossier, verbose_name=_("hồ sơ"), on_delete=models.CASCADE, related_name="contact"
    )
    name = models.CharField(_("họ và tên"), max_length=200, blank=True, default="")
    phone = models.CharField(_("điện thoại"), max_length=40, blank=True, default="")
    email = models.EmailField(_("thư điện tử"), blank=True, default="")
    purge_after = models.DateField(_("xóa sau ngày"))
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("thông tin liên hệ của người nộp")
        verbose_name_plural = _("thông tin liên hệ của người nộp")
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["purge_after"], name="dossier_contact_purge"),
        ]

    def __str__(self) -> str:
        return f"{self.dossier_id}"


def rating_point_token() -> str:
    return secrets.token_urlsafe(12)


class DossierRatingPoint(models.Model):
    """The unguessable public address where citizens rate a unit's dossiers."""

    unit = models.OneToOneField(
        "units.AdministrativeUnit",
        verbose_name=_("đơn vị"),
        on_delete=models.CASCADE,
        related_name="dossier_rating_point",
    )
    token = models.CharField(max_length=32, unique=True, default=rating_point_token)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("điểm đánh giá hồ sơ")
        verbose_name_plural = _("điểm đánh giá hồ sơ")

    def __str__(self) -> str:
        return str(self.unit_id)


class RatingLevel(models.TextChoices):
    VERY_SATISFIED = "rat_hai_long", _("Rất hài lòng")
    SATISFIED = "hai_long", _("Hài lòng")
    NOT_SATISFIED = "khong_hai_long", _("Không hài lòng")


SATISFIED_LEVELS = frozenset({RatingLevel.VERY_SATISFIED, RatingLevel.SATISFIED})


class RatingChannel(models.TextChoices):
    WEB = "web", _("Nhập mã trên trang đánh giá")
    QR = "qr", _("Quét mã QR trên phiếu hẹn")
    KIOSK = "kiosk", _("Máy đánh giá tại quầy")


REASON_MAX_LENGTH = 1000


class DossierRating(models.Model):
    """A citizen's rating of one returned dossier. No identity of the citizen, ever.

    The unit, procedure, field, department and officer are copied from the dossier when the
    rating is given, so aggregates need no join and later edits of the dossier do not move it.
    ``rated_at`` is when the rating was given: periods count ratings by it (§12 pitfall).
    """

    dossier = models.OneToOneField(
        Dossier, verbose_name=_("hồ sơ"), on_delete=models.CASCADE, related_name="rating"
    )
    level = models.CharField(_("mức độ hài lòng"), max_length=16, choices=RatingLevel.choices)
    reason = models.CharField(_("lý do"), max_length=REASON_MAX_LENGTH, blank=True, default="")
    rated_at = models.DateTimeField(_("thời điểm đánh giá"), default=timezone.now)
    channel = models.CharField(_("kênh"), max_length=8, choices=RatingChannel.choices)
    unit = models.ForeignKey(
        "units.AdministrativeUnit", on_delete=models.PROTECT, related_name="dossier_ratings"
    )
    procedure = models.ForeignKey(Procedure, on_delete=models.PROTECT, related_name="+")
    field = models.ForeignKey(ProcedureField, on_delete=models.PROTECT, related_name="+")
    department = models.ForeignKey(
        "units.Department", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    officer = models.ForeignKey(
        "units.Officer", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("đánh giá hồ sơ")
        verbose_name_plural = _("đánh giá hồ sơ")
        ordering: ClassVar[list[str]] = ["-rated_at"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.CheckConstraint(
                condition=~Q(level=RatingLevel.NOT_SATISFIED) | ~Q(reason=""),
                name="dossier_rating_reason_when_not_satisfied",
            ),
            models.CheckConstraint(
                condition=Q(level__in=RatingLevel.values), name="dossier_rating_level_known"
            ),
        ]
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["unit", "rated_at"], name="dossier_rating_unit_time"),
        ]

    def __str__(self) -> str:
        return f"{self.dossier_id}: {self.level}"

    @property
    def satisfied(self) -> bool:
        return self.level in SATISFIED_LEVELS


class DossierImport(PersistedJob):
    """One upload of the one-stop system's export, mapped to our fields, run in the background.

    ``mapping`` maps our field keys (``imports.TARGETS``) to column indexes of the file.
    ``errors`` keeps the first ``imports.MAX_STORED_ERRORS`` row errors as
    ``{"row": n, "column": "…", "message": "…"}``; ``error_count`` counts them all.
    """

    unit = models.ForeignKey(
        "units.AdministrativeUnit",
        verbose_name=_("đơn vị"),
        on_delete=models.CASCADE,
        related_name="dossier_imports",
    )
    file = models.CharField(_("tệp đã tải lên"), max_length=255)
    original_name = models.CharField(_("tên tệp"), max_length=255)
    header_row = models.PositiveIntegerField(default=1)
    header = models.JSONField(default=list)
    mapping = models.JSONField(default=dict)
    rows_read = models.PositiveIntegerField(_("số dòng đã đọc"), default=0)
    created_count = models.PositiveIntegerField(_("số hồ sơ mới"), default=0)
    updated_count = models.PositiveIntegerField(_("số hồ sơ cập nhật"), default=0)
    unchanged_count = models.PositiveIntegerField(_("số hồ sơ không thay đổi"), default=0)
    error_count = models.PositiveIntegerField(_("số dòng lỗi"), default=0)
    errors = models.JSONField(default=list, blank=True)

    class Meta:
        verbose_name = _("lượt nhập hồ sơ")
        verbose_name_plural = _("lượt nhập hồ sơ")
        ordering: ClassVar[list[str]] = ["-created_at"]

    def __str__(self) -> str:
        return self.original_name

    def result_fields(self) -> list[str]:
        return [
            "rows_read",
            "created_count",
            "updated_count",
            "unchanged_count",
            "error_count",
            "errors",
        ]

    def execute(self, progress: Progress) -> None:
        from hailong.dossiers.imports import dossier_import_execute

        dossier_import_execute(self, progress)
