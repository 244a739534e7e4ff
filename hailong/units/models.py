"""The administrative unit tree and the people and organisations of a commune-level unit."""

from __future__ import annotations

import datetime as dt
import secrets
from pathlib import PurePath
from typing import ClassVar

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from hailong.core.text import search_key
from hailong.jobs.base import JobFailed, PersistedJob, Progress


class UnitLevel(models.IntegerChoices):
    PROVINCE = 1, _("Tỉnh / thành phố trực thuộc trung ương")
    DISTRICT = 2, _("Quận / huyện (đến 30/06/2025)")
    COMMUNE = 3, _("Xã / phường / đặc khu")
    HAMLET = 4, _("Tổ dân phố / thôn")


class UnitKind(models.TextChoices):
    PROVINCE = "tinh", _("Tỉnh")
    CITY = "thanh_pho_tw", _("Thành phố trực thuộc trung ương")
    URBAN_DISTRICT = "quan", _("Quận")
    RURAL_DISTRICT = "huyen", _("Huyện")
    TOWN = "thi_xa", _("Thị xã")
    PROVINCIAL_CITY = "thanh_pho", _("Thành phố thuộc tỉnh")
    WARD = "phuong", _("Phường")
    COMMUNE = "xa", _("Xã")
    SPECIAL_ZONE = "dac_khu", _("Đặc khu")
    TOWNSHIP = "thi_tran", _("Thị trấn")
    RESIDENTIAL_GROUP = "to_dan_pho", _("Tổ dân phố")
    VILLAGE = "thon", _("Thôn")
    QUARTER = "khu_pho", _("Khu phố")
    HAMLET = "ap", _("Ấp")
    HIGHLAND_VILLAGE = "ban", _("Bản")


KIND_LEVEL: dict[str, int] = {
    UnitKind.PROVINCE: UnitLevel.PROVINCE,
    UnitKind.CITY: UnitLevel.PROVINCE,
    UnitKind.URBAN_DISTRICT: UnitLevel.DISTRICT,
    UnitKind.RURAL_DISTRICT: UnitLevel.DISTRICT,
    UnitKind.TOWN: UnitLevel.DISTRICT,
    UnitKind.PROVINCIAL_CITY: UnitLevel.DISTRICT,
    UnitKind.WARD: UnitLevel.COMMUNE,
    UnitKind.COMMUNE: UnitLevel.COMMUNE,
    UnitKind.SPECIAL_ZONE: UnitLevel.COMMUNE,
    UnitKind.TOWNSHIP: UnitLevel.COMMUNE,
    UnitKind.RESIDENTIAL_GROUP: UnitLevel.HAMLET,
    UnitKind.VILLAGE: UnitLevel.HAMLET,
    UnitKind.QUARTER: UnitLevel.HAMLET,
    UnitKind.HAMLET: UnitLevel.HAMLET,
    UnitKind.HIGHLAND_VILLAGE: UnitLevel.HAMLET,
}

# Allowed parent levels per level: a commune hangs off a district (before 1/7/2025) or straight
# off its province (after); a residential group hangs off its commune.
PARENT_LEVELS: dict[int, tuple[int, ...]] = {
    UnitLevel.PROVINCE: (),
    UnitLevel.DISTRICT: (UnitLevel.PROVINCE,),
    UnitLevel.COMMUNE: (UnitLevel.DISTRICT, UnitLevel.PROVINCE),
    UnitLevel.HAMLET: (UnitLevel.COMMUNE,),
}


class AdministrativeUnit(models.Model):
    """A node of the effective-dated administrative tree.

    ``path`` is a materialised path of primary keys (``"/12/345/"``) so that "this unit and
    everything below it" is one indexed prefix query, the basis of every permission check.
    """

    kind = models.CharField(_("loại đơn vị"), max_length=20, choices=UnitKind.choices)
    level = models.PositiveSmallIntegerField(_("cấp"), choices=UnitLevel.choices, editable=False)
    name = models.CharField(_("tên"), max_length=200)
    code = models.CharField(_("mã đơn vị"), max_length=20, blank=True, default="")
    parent = models.ForeignKey(
        "self",
        verbose_name=_("đơn vị cấp trên"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    valid_from = models.DateField(_("hiệu lực từ ngày"), null=True, blank=True)
    valid_to = models.DateField(_("hiệu lực đến ngày"), null=True, blank=True)
    population = models.PositiveIntegerField(_("dân số"), null=True, blank=True)
    households = models.PositiveIntegerField(_("số hộ"), null=True, blank=True)
    address = models.CharField(_("địa chỉ trụ sở"), max_length=300, blank=True, default="")
    phone = models.CharField(_("điện thoại"), max_length=40, blank=True, default="")
    email = models.EmailField(_("thư điện tử"), blank=True, default="")
    website = models.URLField(_("trang thông tin điện tử"), blank=True, default="")
    search_key = models.CharField(max_length=200, editable=False, default="", db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("đơn vị hành chính")
        verbose_name_plural = _("đơn vị hành chính")
        ordering: ClassVar[list[str]] = ["path"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=F("valid_from")),
                name="unit_valid_period_in_order",
            ),
            models.UniqueConstraint(
                fields=["code", "valid_from"],
                condition=~Q(code=""),
                name="unit_code_unique_per_start",
            ),
        ]
        indexes: ClassVar[list[models.Index]] = [models.Index(fields=["level", "code"])]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: object, **kwargs: object) -> None:
        self.level = KIND_LEVEL[self.kind]
        self.search_key = search_key(self.name)
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def is_valid_on(self, day: dt.date) -> bool:
        after_start = self.valid_from is None or self.valid_from <= day
        before_end = self.valid_to is None or day <= self.valid_to
        return after_start and before_end

    @property
    def is_historic(self) -> bool:
        return self.valid_to is not None


class UnitSuccession(models.Model):
    """An old → new link recorded by a reorganisation (many-to-many, optionally weighted)."""

    predecessor = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("đơn vị cũ"),
        on_delete=models.CASCADE,
        related_name="successor_links",
    )
    successor = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("đơn vị mới"),
        on_delete=models.CASCADE,
        related_name="predecessor_links",
    )
    effective_date = models.DateField(_("ngày có hiệu lực"))
    share = models.DecimalField(
        _("tỷ trọng"),
        max_digits=5,
        decimal_places=4,
        null=True,
        blank=True,
        help_text=_("Phần của đơn vị cũ chuyển sang đơn vị mới, từ 0 đến 1 (ví dụ theo dân số)."),
    )
    legal_basis = models.CharField(_("căn cứ pháp lý"), max_length=300, blank=True, default="")

    class Meta:
        verbose_name = _("liên kết kế thừa")
        verbose_name_plural = _("liên kết kế thừa")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(
                fields=["predecessor", "successor"], name="succession_unique_pair"
            ),
            models.CheckConstraint(
                condition=~Q(predecessor=F("successor")), name="succession_not_self"
            ),
            models.CheckConstraint(
                condition=Q(share__isnull=True) | (Q(share__gte=0) & Q(share__lte=1)),
                name="succession_share_between_0_and_1",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor}"


class DepartmentKind(models.TextChoices):
    ONE_STOP = "mot_cua", _("Bộ phận Tiếp nhận và Trả kết quả (một cửa)")
    OFFICE = "van_phong", _("Văn phòng – Thống kê")
    CULTURE = "van_hoa", _("Văn hóa – Thông tin")
    JUSTICE = "tu_phap", _("Tư pháp – Hộ tịch")
    LAND = "dia_chinh", _("Địa chính – Xây dựng – Đô thị")
    FINANCE = "tai_chinh", _("Tài chính – Kế toán")
    LABOUR = "lao_dong", _("Lao động – Thương binh – Xã hội")
    ECONOMY = "kinh_te", _("Kinh tế")
    OTHER = "khac", _("Khác")


class Department(models.Model):
    """A department (bộ phận, công chức chuyên môn) of a commune-level People's Committee."""

    unit = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("đơn vị"),
        on_delete=models.CASCADE,
        related_name="departments",
    )
    kind = models.CharField(_("loại"), max_length=20, choices=DepartmentKind.choices)
    name = models.CharField(_("tên bộ phận"), max_length=200)
    code = models.CharField(_("mã"), max_length=30, blank=True, default="")
    active = models.BooleanField(_("đang hoạt động"), default=True)

    class Meta:
        verbose_name = _("bộ phận")
        verbose_name_plural = _("bộ phận")
        ordering: ClassVar[list[str]] = ["unit", "name"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["unit", "name"], name="department_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


class Officer(models.Model):
    """A civil servant who serves citizens and is rated; not necessarily a user account."""

    unit = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("đơn vị"),
        on_delete=models.CASCADE,
        related_name="officers",
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("bộ phận"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="officers",
    )
    full_name = models.CharField(_("họ và tên"), max_length=120)
    title = models.CharField(_("chức danh"), max_length=150, blank=True, default="")
    code = models.CharField(_("mã cán bộ"), max_length=30, blank=True, default="")
    user = models.OneToOneField(
        "accounts.User",
        verbose_name=_("tài khoản"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="officer",
    )
    active = models.BooleanField(_("đang công tác"), default=True)
    search_key = models.CharField(max_length=120, editable=False, default="", db_index=True)

    class Meta:
        verbose_name = _("cán bộ, công chức")
        verbose_name_plural = _("cán bộ, công chức")
        ordering: ClassVar[list[str]] = ["unit", "full_name"]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args: object, **kwargs: object) -> None:
        self.search_key = search_key(self.full_name)
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class MassOrganisationKind(models.TextChoices):
    FATHERLAND_FRONT = "mttq", _("Ủy ban Mặt trận Tổ quốc")
    WOMEN = "phu_nu", _("Hội Liên hiệp Phụ nữ")
    YOUTH = "doan_tn", _("Đoàn Thanh niên Cộng sản Hồ Chí Minh")
    VETERANS = "cuu_chien_binh", _("Hội Cựu chiến binh")
    FARMERS = "nong_dan", _("Hội Nông dân")
    ELDERLY = "nguoi_cao_tuoi", _("Hội Người cao tuổi")
    RED_CROSS = "chu_thap_do", _("Hội Chữ thập đỏ")
    OTHER = "khac", _("Khác")


class MassOrganisation(models.Model):
    """A mass organisation (đoàn thể) of the ward: a partner of the communication campaign."""

    unit = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("đơn vị"),
        on_delete=models.CASCADE,
        related_name="mass_organisations",
    )
    kind = models.CharField(_("loại"), max_length=20, choices=MassOrganisationKind.choices)
    name = models.CharField(_("tên"), max_length=200)
    leader_name = models.CharField(_("người đứng đầu"), max_length=120, blank=True, default="")
    phone = models.CharField(_("điện thoại"), max_length=40, blank=True, default="")
    members = models.PositiveIntegerField(_("số hội viên"), null=True, blank=True)

    class Meta:
        verbose_name = _("tổ chức chính trị – xã hội")
        verbose_name_plural = _("tổ chức chính trị – xã hội")
        ordering: ClassVar[list[str]] = ["unit", "name"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["unit", "name"], name="massorg_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


def import_upload_to(instance: UnitImport, filename: str) -> str:
    """An unguessable name under ``imports/`` that keeps the extension."""
    suffix = PurePath(filename).suffix.lower()[:8]
    return f"imports/{secrets.token_hex(16)}{suffix}"


class UnitImport(PersistedJob):
    """An uploaded unit list, imported in the background by ``hailong.units.importing``."""

    root = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("nhập vào đơn vị"),
        on_delete=models.CASCADE,
        related_name="imports",
    )
    file = models.FileField(_("tệp"), upload_to=import_upload_to, max_length=200)
    original_name = models.CharField(_("tên tệp"), max_length=200, blank=True, default="")
    dry_run = models.BooleanField(_("chỉ kiểm tra, không ghi"), default=False)
    created_count = models.PositiveIntegerField(_("số đơn vị thêm mới"), default=0)
    updated_count = models.PositiveIntegerField(_("số đơn vị cập nhật"), default=0)
    unchanged_count = models.PositiveIntegerField(_("số đơn vị giữ nguyên"), default=0)
    errors = models.JSONField(_("các lỗi"), default=list, blank=True)
    error_total = models.PositiveIntegerField(_("tổng số lỗi"), default=0)
    ignored_columns = models.JSONField(_("các cột không dùng"), default=list, blank=True)

    class Meta:
        verbose_name = _("lượt nhập danh sách đơn vị")
        verbose_name_plural = _("lượt nhập danh sách đơn vị")
        ordering: ClassVar[list[str]] = ["-created_at"]

    def __str__(self) -> str:
        return self.original_name or self.file.name or ""

    @property
    def errors_more(self) -> int:
        """How many errors were counted but not kept."""
        return max(0, self.error_total - len(self.errors))

    def result_fields(self) -> list[str]:
        return [
            "created_count",
            "updated_count",
            "unchanged_count",
            "errors",
            "error_total",
            "ignored_columns",
        ]

    def execute(self, progress: Progress) -> None:
        from hailong.units.importing import ImportRefused, units_import

        if self.created_by is None:
            raise JobFailed(gettext("Tài khoản đã tải tệp lên không còn tồn tại."))
        try:
            with self.file.open("rb") as handle:
                result = units_import(
                    source=handle,
                    actor=self.created_by,
                    root=self.root,
                    dry_run=self.dry_run,
                    progress=progress,
                )
        except ImportRefused as refused:
            self.errors = [issue.as_json() for issue in refused.issues]
            self.error_total = refused.total
            raise JobFailed(refused.message) from refused
        self.created_count, self.updated_count = result.created, result.updated
        self.unchanged_count, self.ignored_columns = result.unchanged, result.ignored_columns
