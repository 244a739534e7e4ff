"""Writes of execution: marking an occurrence done, missed or rescheduled, with evidence."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import IO, TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hailong.accounts.roles import Perm
from hailong.accounts.scope import user_can
from hailong.campaigns.channels import channel_get
from hailong.campaigns.evidence_files import CleanFile, audio_clean, photo_clean
from hailong.campaigns.models import Evidence, EvidenceKind, Occurrence, OccurrenceStatus
from hailong.campaigns.recurrence import LOCAL
from hailong.core.errors import PermissionDenied, ServiceError
from hailong.core.text import clean_line, nfc

if TYPE_CHECKING:
    from hailong.accounts.models import User

MAX_PHOTOS = 6
MAX_REASON = 300
MAX_NOTE = 2000
MARKS = (OccurrenceStatus.DONE, OccurrenceStatus.MISSED, OccurrenceStatus.RESCHEDULED)
_URL = URLValidator(schemes=["http", "https"])


def can_mark(actor: User, occurrence: Occurrence) -> bool:
    """Whether ``actor`` may mark ``occurrence``: ``campaigns.mark`` on the unit it is assigned
    to (its residential group, else the ward), held there or above."""
    return user_can(actor, Perm.MARK_OCCURRENCES, occurrence.unit)


def occurrence_mark(
    *,
    actor: User,
    occurrence: Occurrence,
    status: str,
    note: str = "",
    reason: str = "",
    outcome: dict[str, Any] | None = None,
    photos: Sequence[IO[bytes]] = (),
    link: str = "",
    audio: IO[bytes] | None = None,
    rescheduled_to: dt.datetime | None = None,
    now: dt.datetime | None = None,
) -> Occurrence:
    """Record what happened to ``occurrence``; return it (or its replacement when rescheduled).

    1. The actor may mark it (see ``can_mark``); its plan is in force; it was not moved away.
    2. Done and missed are for today or earlier; missed needs a reason; rescheduled needs a
       new time inside the plan's period.
    3. Clean every evidence file before writing anything (a bad photo refuses the whole mark).
    4. In one transaction: the mark, the evidence, and for a reschedule the replacement item.
    """
    now = now or timezone.now()
    _check_markable(actor, occurrence, status, now)
    reason = clean_line(reason)[:MAX_REASON]
    if status == OccurrenceStatus.MISSED and not reason:
        raise ServiceError(_("Hãy ghi lý do không thực hiện."), field="reason")
    channel = channel_get(occurrence.channel)
    clean_outcome = channel.clean_outcome(outcome or {}) if channel else {}
    files = _clean_files(photos, audio)
    link = _clean_link(link)
    with transaction.atomic():
        occurrence.status = status
        occurrence.note = nfc(note).strip()[:MAX_NOTE]
        occurrence.reason = reason if status == OccurrenceStatus.MISSED else ""
        occurrence.outcome = clean_outcome if status == OccurrenceStatus.DONE else {}
        occurrence.marked_by, occurrence.marked_at = actor, now
        occurrence.save(
            update_fields=["status", "note", "reason", "outcome", "marked_by", "marked_at"]
        )
        _store(actor, occurrence, files, link, now)
        if status == OccurrenceStatus.RESCHEDULED:
            return _replacement(occurrence, rescheduled_to)
    return occurrence


def _check_markable(actor: User, occurrence: Occurrence, status: str, now: dt.datetime) -> None:
    if not can_mark(actor, occurrence):
        raise PermissionDenied(_("Bạn không được ghi nhận việc này."))
    if not occurrence.plan.in_force:
        raise ServiceError(_("Kế hoạch chưa được phê duyệt hoặc đã được thay thế."))
    if occurrence.status == OccurrenceStatus.RESCHEDULED:
        raise ServiceError(_("Việc này đã được dời lịch; hãy ghi nhận ở lịch mới."))
    if status not in MARKS:
        raise ServiceError(_("Trạng thái không hợp lệ."), field="status")
    local_day = occurrence.scheduled_at.astimezone(LOCAL).date()
    if status != OccurrenceStatus.RESCHEDULED and local_day > now.astimezone(LOCAL).date():
        raise ServiceError(_("Chưa đến ngày thực hiện việc này."), field="status")


def _clean_files(
    photos: Sequence[IO[bytes]], audio: IO[bytes] | None
) -> list[tuple[str, CleanFile]]:
    if len(photos) > MAX_PHOTOS:
        raise ServiceError(_("Tối đa %(n)s ảnh mỗi lần.") % {"n": MAX_PHOTOS}, field="photos")
    files = [(EvidenceKind.PHOTO.value, photo_clean(photo)) for photo in photos]
    if audio is not None:
        files.append((EvidenceKind.AUDIO.value, audio_clean(audio)))
    return files


def _clean_link(link: str) -> str:
    link = link.strip()
    if not link:
        return ""
    if len(link) > 500:
        raise ServiceError(_("Đường dẫn quá dài."), field="link")
    try:
        _URL(link)
    except ValidationError as exc:
        raise ServiceError(
            _("Đường dẫn không hợp lệ (bắt đầu bằng http:// hoặc https://)."), field="link"
        ) from exc
    return link


def _store(
    actor: User,
    occurrence: Occurrence,
    files: list[tuple[str, CleanFile]],
    link: str,
    now: dt.datetime,
) -> None:
    for kind, clean in files:
        evidence = Evidence(
            occurrence=occurrence,
            kind=kind,
            extension=clean.extension,
            content_type=clean.content_type,
            size=len(clean.content),
            width=clean.width,
            height=clean.height,
            uploaded_by=actor,
            uploaded_at=now,
        )
        evidence.file.save(f"evidence.{clean.extension}", ContentFile(clean.content), save=False)
        evidence.save()
    if link:
        Evidence.objects.create(
            occurrence=occurrence,
            kind=EvidenceKind.LINK,
            url=link,
            uploaded_by=actor,
            uploaded_at=now,
        )


def _replacement(occurrence: Occurrence, when: dt.datetime | None) -> Occurrence:
    plan = occurrence.plan
    if when is None:
        raise ServiceError(_("Hãy chọn ngày, giờ thực hiện mới."), field="rescheduled_to")
    day = when.astimezone(LOCAL).date()
    if not plan.period_start <= day <= plan.period_end:
        raise ServiceError(
            _("Ngày mới phải nằm trong thời gian thực hiện kế hoạch."), field="rescheduled_to"
        )
    if when == occurrence.scheduled_at:
        raise ServiceError(_("Thời gian mới trùng thời gian cũ."), field="rescheduled_to")
    return Occurrence.objects.create(
        plan=plan,
        activity=occurrence.activity,
        unit=occurrence.unit,
        channel=occurrence.channel,
        target_key=occurrence.target_key,
        target_label=occurrence.target_label,
        scheduled_at=when,
        generated=False,
        rescheduled_from=occurrence,
        responsible_department=occurrence.responsible_department,
        responsible_officer=occurrence.responsible_officer,
        responsible_organisation=occurrence.responsible_organisation,
        script=occurrence.script,
    )


def evidence_add(
    *,
    actor: User,
    occurrence: Occurrence,
    photos: Sequence[IO[bytes]] = (),
    link: str = "",
    audio: IO[bytes] | None = None,
    now: dt.datetime | None = None,
) -> int:
    """Add evidence to an occurrence already marked; return how many items were stored."""
    if not can_mark(actor, occurrence):
        raise PermissionDenied(_("Bạn không được ghi nhận việc này."))
    files, link = _clean_files(photos, audio), _clean_link(link)
    if not files and not link:
        raise ServiceError(_("Hãy chọn ảnh, tệp âm thanh hoặc nhập đường dẫn."))
    with transaction.atomic():
        _store(actor, occurrence, files, link, now or timezone.now())
    return len(files) + (1 if link else 0)
