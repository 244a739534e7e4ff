"""Published snapshots of a ward's results, and the free-text answers staff chose to publish.

A ``Snapshot`` is written once, when a leader publishes, and never changed: its ``figures`` are
the public JSON (small cells already removed), so every public page, embed, image and JSON answer
reads only these rows and a draft can never leak. A correction is a new snapshot whose
``corrects`` points at the one it replaces; the replaced one stays readable as history.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from hailong.core.errors import ServiceError


class Snapshot(models.Model):
    unit = models.ForeignKey(
        "units.AdministrativeUnit",
        verbose_name=_("đơn vị"),
        on_delete=models.PROTECT,
        related_name="snapshots",
    )
    scope_key = models.CharField(_("phạm vi"), max_length=40)  # "dot-12", "nam-2023-5"
    year = models.PositiveSmallIntegerField(_("năm"))
    method_label = models.CharField(_("phương pháp"), max_length=80)
    period_from = models.DateField(_("từ ngày"))
    period_to = models.DateField(_("đến ngày"))
    figures = models.JSONField(_("số liệu công bố"))
    published_at = models.DateTimeField(_("ngày công bố"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người công bố"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    publisher_name = models.CharField(_("người công bố"), max_length=200, blank=True, default="")
    corrects = models.OneToOneField(
        "self",
        verbose_name=_("đính chính cho"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="correction",
    )
    note = models.TextField(_("lý do đính chính"), max_length=1000, blank=True, default="")

    class Meta:
        verbose_name = _("kết quả công bố")
        verbose_name_plural = _("kết quả công bố")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            # One original publication per scope; later ones are corrections, one per snapshot
            # (``corrects`` is one-to-one), so a scope's snapshots form a single chain.
            models.UniqueConstraint(
                fields=["unit", "scope_key"],
                condition=Q(corrects__isnull=True),
                name="snapshot_one_original_per_scope",
            ),
            models.CheckConstraint(
                condition=Q(corrects__isnull=True) | ~Q(note=""),
                name="snapshot_correction_has_note",
            ),
        ]
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["unit", "year", "published_at"], name="snapshot_unit_year"),
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.scope_key} {self.published_at:%d/%m/%Y}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not self._state.adding:
            raise ServiceError(
                str(_("Kết quả đã công bố không thể sửa; hãy công bố bản đính chính."))
            )
        super().save(*args, **kwargs)


class SelectedComment(models.Model):
    """A free-text answer a staff member picked, redacted and may include in a publication.

    Only ``text`` (the redacted wording) ever reaches a snapshot; the response link is kept so the
    same answer is not picked twice, and goes with the response if that is ever deleted.
    """

    unit = models.ForeignKey(
        "units.AdministrativeUnit", on_delete=models.CASCADE, related_name="selected_comments"
    )
    wave = models.ForeignKey("surveys.SurveyWave", on_delete=models.CASCADE, related_name="+")
    response = models.ForeignKey(
        "responses.Response", on_delete=models.CASCADE, related_name="selected_comments"
    )
    item_code = models.CharField(max_length=40)
    text = models.TextField(_("nội dung đã biên tập"), max_length=1000)
    included = models.BooleanField(_("đưa vào bản công bố"), default=False)
    selected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(
                fields=["response", "item_code"], name="selected_comment_once_per_answer"
            ),
        ]

    def __str__(self) -> str:
        return self.text[:60]
