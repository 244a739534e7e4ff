"""The ward's public site: articles, photos and albums, daily visit counts.

- ``Photo``: one picture, re-encoded without metadata, kept in several widths (``variants``);
  it belongs to an album of the gallery, or illustrates an article (``album`` empty).
- ``Album``: a captioned set of photos in the gallery (Thư viện hình ảnh).
- ``Article``: a news item (tin bài); public once ``published`` and its ``publish_at`` passed.
- ``VisitDay``: distinct visitors of a unit's public site on one day (flushed from the cache).
"""

from __future__ import annotations

import secrets
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


def new_photo_token() -> str:
    """128 bits in hex: the stored file names and public image URLs of a photo."""
    return secrets.token_hex(16)


class Album(models.Model):
    unit = models.ForeignKey(
        "units.AdministrativeUnit",
        verbose_name=_("đơn vị"),
        on_delete=models.CASCADE,
        related_name="portal_albums",
    )
    title = models.CharField(_("tên album"), max_length=200)
    description = models.TextField(_("mô tả"), max_length=2000, blank=True, default="")
    published = models.BooleanField(_("hiển thị công khai"), default=True)
    taken_on = models.DateField(_("ngày chụp"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("album ảnh")
        verbose_name_plural = _("album ảnh")
        ordering: ClassVar[list[str]] = ["-created_at", "-pk"]
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["unit", "published", "-created_at"], name="portal_album_public")
        ]

    def __str__(self) -> str:
        return self.title


class Photo(models.Model):
    """A re-encoded picture (no EXIF, no GPS) in several widths; files named by ``token``."""

    unit = models.ForeignKey(
        "units.AdministrativeUnit",
        verbose_name=_("đơn vị"),
        on_delete=models.CASCADE,
        related_name="portal_photos",
    )
    album = models.ForeignKey(
        Album,
        verbose_name=_("album"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="photos",
    )
    token = models.CharField(max_length=32, unique=True, default=new_photo_token, editable=False)
    caption = models.CharField(_("chú thích"), max_length=300, blank=True, default="")
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    # [[width, height], …] of the stored JPEG files, smallest first; the last is the largest.
    variants = models.JSONField(default=list)
    bytes = models.PositiveIntegerField(default=0)
    position = models.PositiveIntegerField(default=0)
    evidence = models.ForeignKey(
        "campaigns.Evidence",
        verbose_name=_("minh chứng gốc"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("ảnh")
        verbose_name_plural = _("ảnh")
        ordering: ClassVar[list[str]] = ["position", "pk"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(
                fields=["album", "evidence"],
                condition=Q(evidence__isnull=False),
                name="portal_photo_evidence_once_per_album",
            )
        ]

    def __str__(self) -> str:
        return self.caption or self.token

    def file_name(self, width: int) -> str:
        return f"portal/photos/{self.token}-{width}.jpg"

    @property
    def widths(self) -> list[int]:
        return [int(w) for w, _h in self.variants]

    def size_of(self, width: int) -> tuple[int, int]:
        for w, h in self.variants:
            if int(w) == width:
                return int(w), int(h)
        return self.width, self.height


class ArticleCategory(models.TextChoices):
    NEWS = "tin-tuc", _("Tin tức - Sự kiện")
    REFORM = "cai-cach-hanh-chinh", _("Cải cách hành chính")
    SURVEY = "khao-sat", _("Khảo sát sự hài lòng")
    NOTICE = "thong-bao", _("Thông báo")
    POLICY = "chinh-sach", _("Chính sách, pháp luật")


class ArticleStatus(models.TextChoices):
    DRAFT = "draft", _("Bản nháp")
    PUBLISHED = "published", _("Đã đăng")


class Article(models.Model):
    """A news item. Public when ``status`` is published and ``publish_at`` has passed."""

    unit = models.ForeignKey(
        "units.AdministrativeUnit",
        verbose_name=_("đơn vị"),
        on_delete=models.CASCADE,
        related_name="portal_articles",
    )
    title = models.CharField(_("tiêu đề"), max_length=250)
    summary = models.TextField(_("tóm tắt"), max_length=600)
    body_html = models.TextField(_("nội dung"), max_length=200_000, blank=True, default="")
    category = models.CharField(
        _("chuyên mục"),
        max_length=30,
        choices=ArticleCategory.choices,
        default=ArticleCategory.NEWS,
    )
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=ArticleStatus.choices, default=ArticleStatus.DRAFT
    )
    publish_at = models.DateTimeField(_("thời điểm đăng"), null=True, blank=True)
    author_unit = models.CharField(_("đơn vị, tác giả"), max_length=200, blank=True, default="")
    image = models.ForeignKey(
        Photo,
        verbose_name=_("ảnh đại diện"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    material = models.ForeignKey(
        "campaigns.Material",
        verbose_name=_("tài liệu tuyên truyền gốc"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("tin bài")
        verbose_name_plural = _("tin bài")
        ordering: ClassVar[list[str]] = ["-publish_at", "-pk"]
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["unit", "status", "-publish_at"], name="portal_article_public")
        ]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.CheckConstraint(
                condition=~Q(status="published") | Q(publish_at__isnull=False),
                name="portal_article_published_has_date",
            )
        ]

    def __str__(self) -> str:
        return self.title


class VisitDay(models.Model):
    """Visits (distinct visitors of the day) of a unit's public site on one Vietnam day."""

    unit = models.ForeignKey(
        "units.AdministrativeUnit", on_delete=models.CASCADE, related_name="portal_visit_days"
    )
    day = models.DateField()
    visits = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("lượt truy cập trong ngày")
        verbose_name_plural = _("lượt truy cập trong ngày")
        ordering: ClassVar[list[str]] = ["unit", "day"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["unit", "day"], name="portal_visit_day_unique")
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.day:%d/%m/%Y}: {self.visits}"
