"""Writes of materials: generate from the template and live figures, edit, regenerate, make
the audio (a job) or store a human recording, attach a script to a loudspeaker activity.

Every material of a plan with a wave gets a tracked link: a ``responses.Source`` of the wave
named by the officer ("Zalo nhóm Hội Phụ nữ", "Bài trên trang thông tin"); a name the wave
already has reuses that source, so a leaflet and its poster may share one link. The officer
manages campaigns, not surveys, so the source is created here on ``campaigns.manage`` (the
responses service is called without an actor, its own check being for survey managers).
"""

from __future__ import annotations

from typing import IO, TYPE_CHECKING, Any

from django.db import transaction
from django.utils.translation import gettext as _

from hailong.accounts.roles import Perm
from hailong.accounts.scope import user_can
from hailong.campaigns.evidence_files import audio_clean
from hailong.campaigns.materials import MATERIALS, MaterialKind
from hailong.campaigns.materials.article import RESULTS, VARIANTS
from hailong.campaigns.materials.context import MaterialContext
from hailong.campaigns.materials.figures import latest_figures
from hailong.campaigns.materials.speech import espeak_path
from hailong.campaigns.models import (
    AudioOrigin,
    CampaignActivity,
    CampaignPlan,
    Material,
    MaterialAudioJob,
)
from hailong.core.errors import PermissionDenied, ServiceError
from hailong.core.text import clean_line
from hailong.jobs.base import JobStatus, job_enqueue
from hailong.responses import services as response_services
from hailong.responses.models import Source

if TYPE_CHECKING:
    from hailong.accounts.models import User

MAX_TITLE = 300
MAX_SUMMARY = 1000


def _check(actor: User | None, plan: CampaignPlan) -> None:
    if actor is not None and not user_can(actor, Perm.MANAGE_CAMPAIGNS, plan.unit):
        raise PermissionDenied(_("Bạn không có quyền quản lý tuyên truyền của đơn vị này."))


def _kind(key: str) -> MaterialKind:
    kind = MATERIALS.get(key)
    if kind is None:
        raise ServiceError(_("Không có loại tài liệu này."), field="kind")
    return kind


def tracked_link(*, plan: CampaignPlan, kind: MaterialKind, label: str) -> Source | None:
    """The wave's source named ``label`` (created with the kind's source kind if new)."""
    if plan.wave is None:
        return None
    label = clean_line(label) or str(kind.source_label)
    found = Source.objects.filter(wave=plan.wave, label=label).first()
    if found is not None:
        return found
    return response_services.source_create(
        actor=None, wave=plan.wave, kind=kind.source_kind, label=label
    )


def _context(
    plan: CampaignPlan, source: Source | None, topic: int | None, options: dict[str, Any]
) -> MaterialContext:
    wants = bool(options.get("figures", True))
    return MaterialContext(
        plan=plan,
        unit=plan.unit,
        wave=plan.wave,
        source=source,
        topic=topic,
        figures=latest_figures(plan.wave) if wants else None,
        options=options,
    )


def _clean_options(kind: MaterialKind, options: dict[str, Any] | None) -> dict[str, Any]:
    given = options or {}
    clean: dict[str, Any] = {"figures": bool(given.get("figures", True))}
    if kind.key == "article":
        variant = given.get("variant")
        clean["variant"] = variant if variant in VARIANTS else RESULTS
    return clean


def material_create(
    *,
    actor: User | None,
    plan: CampaignPlan,
    kind: str,
    topic: int | None = None,
    link_label: str = "",
    options: dict[str, Any] | None = None,
) -> Material:
    """A new material of ``plan`` written from its template, with its own tracked link.

    1. The actor manages the plan's campaign; the kind exists; a topic kind gets a topic that
       the plan has (default: the first).
    2. The tracked link: the wave's source of that name, created if new.
    3. The kind writes the title and text from the plan, the link and the live figures.
    """
    _check(actor, plan)
    material_kind = _kind(kind)
    if material_kind.uses_topic:
        topics = len(plan.content_topics or [])
        topic = topic or 1
        if not 1 <= topic <= max(topics, 1):
            raise ServiceError(_("Kế hoạch không có nội dung tuyên truyền này."), field="topic")
    else:
        topic = None
    clean_options = _clean_options(material_kind, options)
    with transaction.atomic():
        source = tracked_link(plan=plan, kind=material_kind, label=link_label)
        written = material_kind.generate(_context(plan, source, topic, clean_options))
        return Material.objects.create(
            plan=plan,
            kind=kind,
            topic=topic,
            options=clean_options,
            source=source,
            title=clean_line(written.title)[:MAX_TITLE],
            summary=written.summary[:MAX_SUMMARY],
            text=material_kind.clean_text(written.text),
            created_by=actor,
        )


def material_update(
    *, actor: User | None, material: Material, title: str, text: str, summary: str = ""
) -> Material:
    """The officer's edit: title, summary and text, cleaned by the kind."""
    _check(actor, material.plan)
    kind = _kind(material.kind)
    title = clean_line(title)
    if not title:
        raise ServiceError(_("Hãy nhập tiêu đề."), field="title")
    material.title = title[:MAX_TITLE]
    material.summary = clean_line(summary)[:MAX_SUMMARY]
    material.text = kind.clean_text(text)
    if not material.text:
        raise ServiceError(_("Hãy nhập nội dung."), field="text")
    material.edited = True
    material.save(update_fields=["title", "summary", "text", "edited", "updated_at"])
    return material


def material_regenerate(*, actor: User | None, material: Material) -> Material:
    """Write the material again from its template and today's figures (edits are replaced)."""
    _check(actor, material.plan)
    kind = _kind(material.kind)
    written = kind.generate(
        _context(material.plan, material.source, material.topic, dict(material.options))
    )
    material.title = clean_line(written.title)[:MAX_TITLE]
    material.summary = written.summary[:MAX_SUMMARY]
    material.text = kind.clean_text(written.text)
    material.edited = False
    material.save(update_fields=["title", "summary", "text", "edited", "updated_at"])
    return material


def material_audio_start(*, actor: User | None, material: Material) -> MaterialAudioJob:
    """Queue the speech job for a broadcast script (one at a time per material)."""
    _check(actor, material.plan)
    if not _kind(material.kind).has_audio:
        raise ServiceError(_("Loại tài liệu này không có tệp âm thanh."))
    if espeak_path() is None:
        raise ServiceError(
            _(
                "Máy chủ chưa cài bộ đọc tiếng Việt espeak-ng nên không tạo được tệp âm thanh. "
                "Hãy nhờ quản trị hệ thống cài gói espeak-ng (scripts/system-deps.sh), hoặc tải "
                "lên bản thu âm của cán bộ."
            )
        )
    busy = material.audio_jobs.filter(status__in=[JobStatus.PENDING, JobStatus.RUNNING])
    if busy.exists():
        raise ServiceError(_("Tệp âm thanh đang được tạo, xin đợi."))
    job = MaterialAudioJob.objects.create(material=material, created_by=actor)
    job_enqueue(job)
    return job


def material_recording_upload(
    *, actor: User | None, material: Material, upload: IO[bytes]
) -> Material:
    """Store a human recording instead of the synthetic voice: checked by size and by its
    first bytes (MP3, WAV, OGG, M4A, AMR, WebM), whatever its name says."""
    _check(actor, material.plan)
    if not _kind(material.kind).has_audio:
        raise ServiceError(_("Loại tài liệu này không có tệp âm thanh."), field="audio")
    clean = audio_clean(upload)
    from django.core.files.base import ContentFile

    old = material.audio.name if material.audio else ""
    material.audio_extension = clean.extension
    material.audio.save(f"thu-am.{clean.extension}", ContentFile(clean.content), save=False)
    material.audio_origin = AudioOrigin.RECORDING
    material.audio_content_type = clean.content_type
    material.audio_size = len(clean.content)
    material.save(
        update_fields=[
            "audio",
            "audio_origin",
            "audio_extension",
            "audio_content_type",
            "audio_size",
            "updated_at",
        ]
    )
    if old and old != material.audio.name:
        material.audio.storage.delete(old)
    return material


def material_attach(
    *, actor: User | None, material: Material, activity: CampaignActivity
) -> CampaignActivity:
    """Make a broadcast script the script of a loudspeaker activity of the same plan: every
    occurrence without its own script reads it from now on."""
    _check(actor, material.plan)
    kind = _kind(material.kind)
    if activity.plan_id != material.plan_id or activity.channel != kind.channel:
        raise ServiceError(
            _("Chỉ gắn được vào hoạt động %(channel)s của cùng kế hoạch.")
            % {"channel": str(kind.label).lower()},
            field="activity",
        )
    activity.script = material.text
    activity.save(update_fields=["script", "updated_at"])
    material.options = {**material.options, "activity": activity.pk}
    material.save(update_fields=["options", "updated_at"])
    return activity
