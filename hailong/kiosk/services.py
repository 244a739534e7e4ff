"""Writes of the kiosk: setting a tablet up, storing what it sends, flagging bursts, reviews.

``kiosk_submit`` stores a response through ``response_submit`` (channel "kiosk"), so the
questionnaire rules, the idempotency key and the running aggregates are those of every other
channel. A key already stored returns the stored response (``duplicate``): a tablet that lost
the reply and sends again stores nothing new. After a new response, still in the same
transaction, the burst check may flag it and its neighbours ("burst"); nothing is dropped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hailong.accounts.roles import Perm
from hailong.accounts.scope import user_can
from hailong.core.errors import PermissionDenied, ServiceError
from hailong.core.text import clean_line
from hailong.indices import aggregates
from hailong.kiosk import burst
from hailong.kiosk.models import FlagReview, Kiosk, ReviewDecision
from hailong.kiosk.payload import Submission
from hailong.responses.models import (
    Response,
    ResponseChannel,
    ResponseStatus,
    Source,
    SourceKind,
)
from hailong.responses.questionnaire import definition_of
from hailong.responses.services import SUSPICIOUS, response_submit
from hailong.surveys.models import SurveyWave, WaveChannel

if TYPE_CHECKING:
    from hailong.accounts.models import User

IDLE_MIN, IDLE_MAX = 10, 1800
RELABEL_FIELDS = (  # what the burst check reads, and what aggregates.relabel needs
    "unit_id",
    "wave_id",
    "method_version_id",
    "channel",
    "source_id",
    "respondent_type",
    "status",
    "submitted_at",
    "answers",
)
KIOSK_FIELDS = ("name", "idle_reset_seconds", "opens_at", "closes_at", "weekdays", "active")


# -- setting a kiosk up ------------------------------------------------------------------------


def _check_manage(actor: User | None, wave: SurveyWave) -> None:
    if actor is not None and not user_can(actor, Perm.MANAGE_SURVEYS, wave.unit):
        raise PermissionDenied(_("Bạn không có quyền quản lý khảo sát của đơn vị này."))


def source_label(name: str) -> str:
    return _("Máy tính bảng: %(name)s") % {"name": name}


def _validate(wave: SurveyWave, fields: dict[str, Any], instance: Kiosk | None) -> None:
    """The rules a kiosk's settings follow (the database backs the first three)."""
    if not fields["name"]:
        raise ServiceError(_("Hãy đặt tên cho máy."), field="name")
    others = Kiosk.objects.filter(wave=wave, name=fields["name"])
    if instance is not None:
        others = others.exclude(pk=instance.pk)
    if others.exists():
        raise ServiceError(_("Đợt khảo sát đã có máy tên này."), field="name")
    if fields["closes_at"] <= fields["opens_at"]:
        raise ServiceError(_("Giờ đóng phải sau giờ mở."), field="closes_at")
    if not IDLE_MIN <= fields["idle_reset_seconds"] <= IDLE_MAX:
        raise ServiceError(
            _("Thời gian chờ phải từ %(a)d đến %(b)d giây.") % {"a": IDLE_MIN, "b": IDLE_MAX},
            field="idle_reset_seconds",
        )
    days = fields["weekdays"]
    if not days or any(d not in range(7) for d in days):
        raise ServiceError(_("Hãy chọn ít nhất một ngày làm việc."), field="weekdays")
    if WaveChannel.KIOSK not in wave.channels:
        raise ServiceError(
            _("Đợt khảo sát chưa bật kênh «Máy tính bảng tại bộ phận một cửa». Hãy sửa đợt trước.")
        )


def _fields(changes: dict[str, Any]) -> dict[str, Any]:
    fields = dict(changes)
    fields["name"] = clean_line(str(fields["name"]))[:120]
    fields["weekdays"] = sorted({int(d) for d in fields["weekdays"]})
    fields["idle_reset_seconds"] = int(fields["idle_reset_seconds"])
    return fields


def _source_label_free(wave: SurveyWave, label: str, source: Source | None) -> None:
    taken = Source.objects.filter(wave=wave, label=label)
    if source is not None:
        taken = taken.exclude(pk=source.pk)
    if taken.exists():
        raise ServiceError(_("Đợt khảo sát đã có nguồn tên «%(s)s».") % {"s": label}, field="name")


def kiosk_create(
    *,
    actor: User | None,
    wave: SurveyWave,
    name: str,
    idle_reset_seconds: int = 60,
    opens_at: dt.time = dt.time(7, 30),
    closes_at: dt.time = dt.time(17, 0),
    weekdays: Sequence[int] = (0, 1, 2, 3, 4),
    active: bool = True,
) -> Kiosk:
    """A new tablet of ``wave`` with its own source (for attribution) and a random token."""
    _check_manage(actor, wave)
    fields = _fields(
        {
            "name": name,
            "idle_reset_seconds": idle_reset_seconds,
            "opens_at": opens_at,
            "closes_at": closes_at,
            "weekdays": weekdays,
            "active": active,
        }
    )
    _validate(wave, fields, None)
    label = source_label(fields["name"])
    _source_label_free(wave, label, None)
    try:
        with transaction.atomic():
            source = Source.objects.create(
                wave=wave, kind=SourceKind.KIOSK, label=label, created_by=actor
            )
            return Kiosk.objects.create(
                wave=wave, unit_id=wave.unit_id, source=source, created_by=actor, **fields
            )
    except IntegrityError:
        raise ServiceError(_("Không tạo được máy, xin thử lại."), field="name") from None


def kiosk_update(*, actor: User | None, kiosk: Kiosk, **changes: Any) -> Kiosk:
    """Change a kiosk's settings; a new name renames its source too. The token never changes."""
    _check_manage(actor, kiosk.wave)
    unknown = set(changes) - set(KIOSK_FIELDS)
    if unknown:
        raise TypeError(f"unknown kiosk fields: {sorted(unknown)}")
    fields = _fields({**{f: getattr(kiosk, f) for f in KIOSK_FIELDS}, **changes})
    _validate(kiosk.wave, fields, kiosk)
    label = source_label(fields["name"])
    _source_label_free(kiosk.wave, label, kiosk.source)
    with transaction.atomic():
        for key, value in fields.items():
            setattr(kiosk, key, value)
        kiosk.save()
        Source.objects.filter(pk=kiosk.source_id).update(label=label, active=fields["active"])
    return kiosk


# -- submissions -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    response: Response
    duplicate: bool


def _moments(submission: Submission, now: dt.datetime) -> tuple[dt.datetime, dt.datetime | None]:
    """When the response was finished and started, on the server's clock."""
    finished = now - dt.timedelta(milliseconds=submission.age_ms)
    if submission.duration_ms is None:
        return finished, None
    return finished, finished - dt.timedelta(milliseconds=submission.duration_ms)


def kiosk_submit(
    *, kiosk: Kiosk, submission: Submission, now: dt.datetime | None = None
) -> Outcome:
    """Store one response the tablet sent.

    1. A key already stored returns the stored response at once (a resend after a lost
       reply: nothing to check again, even if the kiosk was switched off since).
    2. The kiosk is in use and the answers are for its own wave (a tablet is locked to one).
    3. The response is dated when it was finished (``age_ms`` before now), so answers queued
       while the network was down keep their time and do not look like a burst on arrival.
    4. ``response_submit`` with the key namespaced by the kiosk (it settles a race between two
       sends of one key); a new response goes through the burst check in its transaction.
    """
    key = f"kiosk-{kiosk.pk}-{submission.key}"
    stored_before = Response.objects.filter(wave_id=kiosk.wave_id, idempotency_key=key).first()
    if stored_before is not None:
        return Outcome(response=stored_before, duplicate=True)
    if not kiosk.active:
        raise ServiceError(_("Máy này đang tạm ngừng nhận ý kiến."), code="kiosk_inactive")
    wave = kiosk.wave
    if submission.wave_token != wave.public_token:
        raise ServiceError(_("Phiếu không thuộc đợt khảo sát của máy này."), code="wrong_wave")
    finished, started = _moments(submission, now or timezone.now())
    stored: list[Response] = []

    def after_store(response: Response) -> None:
        stored.append(response)
        flag_burst(kiosk=kiosk, response=response)

    response = response_submit(
        wave=wave,
        channel=ResponseChannel.KIOSK,
        answers_raw={k: v for k, v in submission.answers.items() if not k.startswith("q-r.")},
        respondent_raw={k: v for k, v in submission.answers.items() if k.startswith("q-r.")},
        source=kiosk.source,
        idempotency_key=key,
        verified=True,
        started_at=started,
        on_stored=after_store,
        now=finished,
    )
    return Outcome(response=response, duplicate=not stored)


# -- bursts ------------------------------------------------------------------------------------


def _flag(response: Response, flag: str) -> None:
    """Add ``flag``; a valid response becomes "to review" (the aggregates follow)."""
    response.flags = [*response.flags, flag]
    if response.status == ResponseStatus.VALID:
        aggregates.relabel(response, ResponseStatus.FLAGGED)
    Response.objects.filter(pk=response.pk).update(flags=response.flags, status=response.status)


def flag_burst(
    *, kiosk: Kiosk, response: Response, thresholds: burst.Thresholds | None = None
) -> list[int]:
    """Flag "burst" on ``response`` and its neighbours when they make a burst; their ids.

    1. Only a perfect response can start or join a burst.
    2. The kiosk's perfect responses within one window either side are locked and read.
    3. The members of every burst window that lack the flag get it (a response a leader has
       reviewed keeps the flag it had and is not flagged again).
    """
    limits = thresholds or burst.Thresholds.from_settings()
    definition = definition_of(kiosk.wave.method_version)
    if not burst.is_perfect(response.answers, definition):
        return []
    around = (
        Response.objects.select_for_update()
        .only(*RELABEL_FIELDS, "flags")
        .filter(
            source_id=kiosk.source_id,
            channel=ResponseChannel.KIOSK,
            submitted_at__gte=response.submitted_at - limits.window,
            submitted_at__lte=response.submitted_at + limits.window,
        )
        .order_by("submitted_at", "pk")
    )
    perfect = {r.pk: r for r in around if burst.is_perfect(r.answers, definition)}
    moments = [(pk, r.submitted_at) for pk, r in perfect.items()]
    members = burst.burst_members(moments, response.submitted_at, limits)
    flagged = []
    for pk in sorted(members):
        row = response if pk == response.pk else perfect[pk]
        if "burst" not in row.flags:
            _flag(row, "burst")
            flagged.append(pk)
    return flagged


# -- the leader's review -----------------------------------------------------------------------


def flag_review(*, actor: User, response: Response, decision: str, note: str = "") -> FlagReview:
    """A leader keeps (counts as valid) or excludes a flagged response; audited, never deleted.

    1. Only a leader of the unit (``PUBLISH_RESULTS``) decides, on a response with a suspicion
       flag ("burst", "too_fast").
    2. In one transaction: the row is locked, its status changed with the aggregates relabelled,
       and the decision written with who, when, and the status before and after.
    """
    if not user_can(actor, Perm.PUBLISH_RESULTS, response.wave.unit):
        raise PermissionDenied(_("Chỉ lãnh đạo đơn vị mới được xem xét các phiếu này."))
    if decision not in ReviewDecision.values:
        raise ServiceError(_("Quyết định không hợp lệ."), field="decision")
    with transaction.atomic():
        row = Response.objects.select_for_update().get(pk=response.pk)
        if not SUSPICIOUS & set(row.flags):
            raise ServiceError(_("Phiếu này không có dấu hiệu cần xem xét."), code="not_flagged")
        before = row.status
        after = ResponseStatus.VALID if decision == ReviewDecision.KEEP else ResponseStatus.EXCLUDED
        if after != before:
            aggregates.relabel(row, after)
            Response.objects.filter(pk=row.pk).update(status=after)
        review = FlagReview.objects.create(
            response=row,
            kiosk=Kiosk.objects.filter(source=row.source_id).first() if row.source_id else None,
            decision=decision,
            status_before=before,
            status_after=after,
            flags=list(row.flags),
            note=clean_line(note)[:500],
            reviewed_by=actor,
            username=actor.get_username(),
        )
    response.status = after
    return review
