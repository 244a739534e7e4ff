"""Campaign materials (broadcast scripts, leaflets, posters, article drafts, Zalo posts) and the
background job that turns a broadcast script into speech.

A material is generated from a template, the plan's data and the wave's live figures, then
edited by the officer: ``text`` is what is read out, printed or posted (an article's body is
sanitised HTML). ``source`` is its tracked link: a ``responses.Source`` of the plan's wave, so
the responses it brings are attributed to it. Kinds live in ``hailong.campaigns.materials``.
"""

from __future__ import annotations

import secrets
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from hailong.jobs.base import PersistedJob, Progress


class AudioOrigin(models.TextChoices):
    SPEECH = "speech", _("Giọng đọc tự động (espeak-ng)")
    RECORDING = "recording", _("Bản thu âm do cán bộ tải lên")


def material_audio_upload_to(instance: Material, filename: str) -> str:
    """An unguessable stored name; the extension comes from the content, never the upload."""
    return f"campaigns/materials/{secrets.token_hex(16)}.{instance.audio_extension}"


class Material(models.Model):
    """One material of a plan, generated then edited; ``kind`` is a materials registry key."""

    plan = models.ForeignKey(
        "campaigns.CampaignPlan",
        verbose_name=_("kế hoạch"),
        on_delete=models.CASCADE,
        related_name="materials",
    )
    kind = models.CharField(_("loại tài liệu"), max_length=20)
    title = models.CharField(_("tiêu đề"), max_length=300)
    summary = models.TextField(_("tóm tắt"), blank=True, default="")
    text = models.TextField(_("nội dung"), blank=True, default="")
    topic = models.PositiveSmallIntegerField(_("nội dung tuyên truyền số"), null=True, blank=True)
    options = models.JSONField(_("tùy chọn"), default=dict, blank=True)
    source = models.ForeignKey(
        "responses.Source",
        verbose_name=_("đường dẫn theo dõi"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    edited = models.BooleanField(_("đã sửa tay"), default=False)
    audio = models.FileField(
        _("tệp âm thanh"), upload_to=material_audio_upload_to, max_length=200, blank=True
    )
    audio_origin = models.CharField(
        _("nguồn âm thanh"), max_length=10, choices=AudioOrigin.choices, blank=True, default=""
    )
    audio_extension = models.CharField(max_length=8, blank=True, default="")
    audio_content_type = models.CharField(max_length=60, blank=True, default="")
    audio_size = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("tài liệu tuyên truyền")
        verbose_name_plural = _("tài liệu tuyên truyền")
        ordering: ClassVar[list[str]] = ["plan", "kind", "pk"]
        indexes: ClassVar[list[models.Index]] = [models.Index(fields=["plan", "kind"])]

    def __str__(self) -> str:
        return self.title


class MaterialAudioJob(PersistedJob):
    """Speak a broadcast script with espeak-ng (offline) and store the audio on the material."""

    material = models.ForeignKey(
        Material, verbose_name=_("tài liệu"), on_delete=models.CASCADE, related_name="audio_jobs"
    )

    class Meta:
        verbose_name = _("tạo tệp âm thanh")
        verbose_name_plural = _("tạo tệp âm thanh")
        ordering: ClassVar[list[str]] = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"audio {self.material_id}"

    def execute(self, progress: Progress) -> None:
        from hailong.campaigns.materials.speech import audio_job_execute

        audio_job_execute(self, progress)
