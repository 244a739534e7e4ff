"""Writes of the response core: submitting a response, drafts, sources, contacts, statuses.

``response_submit`` is the one way any channel stores a response (web form, kiosk, paper, phone,
API). It checks the wave and the channel, cleans every answer through the question-type registry
and stores the response in one transaction (``_store_response``: the place where aggregates will
be kept up to date too). It is idempotent on ``(wave, idempotency_key)`` and uses an invitation
at most once; the database enforces both, the code only turns the refusals into messages.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hailong.accounts.roles import Perm
from hailong.accounts.scope import user_can
from hailong.core.errors import PermissionDenied, ServiceError
from hailong.core.text import clean_line, nfc
from hailong.indices import aggregates
from hailong.responses.channels import REGISTRY, Channel, channel_get
from hailong.responses.models import (
    ContactAccess,
    ContactAccessLog,
    ContactRequest,
    Invitation,
    Response,
    ResponseDraft,
    ResponseStatus,
    Source,
)
from hailong.responses.questionnaire import (
    Cleaned,
    SubmissionInvalid,
    clean_submission,
    form_for,
)
from hailong.surveys.models import SurveyWave, WaveStatus
from hailong.units.models import AdministrativeUnit, MassOrganisation, UnitLevel

if TYPE_CHECKING:
    from hailong.accounts.models import User

LOCAL_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
SUSPICIOUS = frozenset({"too_fast", "burst"})
SECONDS_PER_ANSWER = 1.5
MIN_SECONDS = 6.0
DRAFT_TTL = dt.timedelta(hours=24)
MAX_RAW_CHARS = 10_000
MAX_RAW_VALUES = 50
CONTACT_RETENTION_DAYS = 60


class ResponseInvalid(ServiceError):
    """Some answers were refused; ``errors`` maps each question code to its message."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(
            _("Có %(n)d câu trả lời cần kiểm tra lại.") % {"n": len(errors)}, code="invalid_answers"
        )
        self.errors = errors


@dataclass(frozen=True)
class ContactDetails:
    """An opt-in request to be contacted, with the consent text the person agreed to."""

    name: str
    phone: str
    email: str
    message: str
    consent_text: str


def _fmt(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def local_today(moment: dt.datetime | None = None) -> dt.date:
    return (moment or timezone.now()).astimezone(LOCAL_TZ).date()


# -- is the wave open? -------------------------------------------------------------------------


def wave_check_open(wave: SurveyWave, channel: Channel, *, today: dt.date) -> None:
    """Refuse with a kind message when the wave does not take answers through ``channel``."""
    if not channel.enabled_for(wave):
        raise ServiceError(
            _("Đợt khảo sát này không nhận ý kiến qua kênh này."), code="channel_disabled"
        )
    if channel.accepts_on(wave, today):
        return
    if today < wave.opens_on:
        raise ServiceError(
            _("Đợt khảo sát bắt đầu nhận ý kiến từ ngày %(d)s. Mời Ông/Bà quay lại sau.")
            % {"d": _fmt(wave.opens_on)},
            code="not_open_yet",
        )
    if today > wave.closes_on:
        raise ServiceError(
            _("Đợt khảo sát đã kết thúc ngày %(d)s. Cảm ơn Ông/Bà đã quan tâm.")
            % {"d": _fmt(wave.closes_on)},
            code="closed",
        )
    if wave.status == WaveStatus.PLANNED:
        raise ServiceError(
            _("Đợt khảo sát chưa mở để nhận ý kiến. Mời Ông/Bà quay lại sau."), code="not_open_yet"
        )
    raise ServiceError(
        _("Đợt khảo sát đã ngừng nhận ý kiến. Cảm ơn Ông/Bà đã quan tâm."), code="closed"
    )


# -- submitting --------------------------------------------------------------------------------


def _channel(code: str) -> Channel:
    if code not in REGISTRY:
        raise ServiceError(_("Kênh thu thập không hợp lệ."), code="unknown_channel")
    return channel_get(code)


def _flags(
    channel: Channel,
    cleaned: Cleaned,
    *,
    verified: bool,
    invited: bool,
    started_at: dt.datetime | None,
    moment: dt.datetime,
    extra: Iterable[str],
) -> list[str]:
    flags = [*channel.default_flags(verified=verified, invited=invited), *extra]
    if started_at is not None:
        answered = sum(1 for v in cleaned.answers.values() if v is not None)
        needed = max(MIN_SECONDS, SECONDS_PER_ANSWER * answered)
        if (moment - started_at).total_seconds() < needed:
            flags.append("too_fast")
    return list(dict.fromkeys(flags))


def invitation_code_clean(code: str) -> str:
    """Upper-case, without spaces or dashes (``abcd-2345`` → ``ABCD2345``)."""
    return "".join(ch for ch in nfc(code).upper() if ch.isalnum())[:16]


def _use_invitation(wave: SurveyWave, code: str, moment: dt.datetime) -> Invitation:
    """Mark the invitation used (a conditional UPDATE, so two uses cannot both pass)."""
    invitation = Invitation.objects.filter(wave=wave, code=code).first()
    if invitation is None:
        raise ServiceError(_("Mã mời không đúng."), code="invitation_unknown")
    used = Invitation.objects.filter(pk=invitation.pk, used_at__isnull=True).update(used_at=moment)
    if not used:
        raise ServiceError(
            _("Mã mời này đã được dùng để trả lời. Cảm ơn Ông/Bà."), code="invitation_used"
        )
    invitation.used_at = moment
    return invitation


def response_submit(
    *,
    wave: SurveyWave,
    channel: str,
    answers_raw: Mapping[str, Any],
    respondent_raw: Mapping[str, Any],
    source: Source | None = None,
    idempotency_key: str | None = None,
    invitation_code: str | None = None,
    verified: bool = False,
    entered_by: User | None = None,
    started_at: dt.datetime | None = None,
    flags: Sequence[str] = (),
    contact: ContactDetails | None = None,
    on_stored: Callable[[Response], None] | None = None,
    now: dt.datetime | None = None,
) -> Response:
    """Store one response of ``wave`` that arrived through ``channel``.

    1. The channel exists and is enabled for the wave; the wave is open today (local time).
    2. Every applicable item and respondent field is cleaned by its question type; refusals
       come back together as ``ResponseInvalid.errors``.
    3. In one transaction: use the invitation (once), store the response, its contact request
       and whatever ``on_stored`` does. A key already stored returns the stored response.
    """
    spec = _channel(channel)
    moment = now or timezone.now()
    key = (idempotency_key or "").strip()[:64] or None
    try:
        wave_check_open(wave, spec, today=local_today(moment))
    except ServiceError:
        existing = _existing(wave, key)
        if existing is not None:
            return existing
        raise
    if source is not None and source.wave_id != wave.pk:
        raise ServiceError(_("Nguồn không thuộc đợt khảo sát này."), code="wrong_source")
    try:
        cleaned = clean_submission(form_for(wave), {**answers_raw, **respondent_raw})
    except SubmissionInvalid as invalid:
        raise ResponseInvalid(invalid.errors) from invalid
    code = invitation_code_clean(invitation_code or "")
    all_flags = _flags(
        spec,
        cleaned,
        verified=verified,
        invited=bool(code),
        started_at=started_at,
        moment=moment,
        extra=flags,
    )
    try:
        with transaction.atomic():
            invitation = _use_invitation(wave, code, moment) if code else None
            return _store_response(
                wave=wave,
                channel=spec,
                cleaned=cleaned,
                source=source,
                idempotency_key=key,
                invitation=invitation,
                verified=verified or invitation is not None,
                entered_by=entered_by,
                started_at=started_at,
                flags=all_flags,
                moment=moment,
                contact=contact,
                on_stored=on_stored,
            )
    except IntegrityError:
        existing = _existing(wave, key)
        if existing is not None:
            return existing
        if code:
            raise ServiceError(
                _("Mã mời này đã được dùng để trả lời. Cảm ơn Ông/Bà."), code="invitation_used"
            ) from None
        raise


def _existing(wave: SurveyWave, key: str | None) -> Response | None:
    if key is None:
        return None
    return Response.objects.filter(wave=wave, idempotency_key=key).first()


def _store_response(
    *,
    wave: SurveyWave,
    channel: Channel,
    cleaned: Cleaned,
    source: Source | None,
    idempotency_key: str | None,
    invitation: Invitation | None,
    verified: bool,
    entered_by: User | None,
    started_at: dt.datetime | None,
    flags: list[str],
    moment: dt.datetime,
    contact: ContactDetails | None = None,
    on_stored: Callable[[Response], None] | None = None,
) -> Response:
    """Everything that changes together with a new response, inside ``response_submit``'s
    transaction:

    1. Insert the response row.
    2. Its contact request, when the respondent left one.
    3. The running aggregates, then ``on_stored`` (the web form deletes its draft there). The
       counter rows are shared by every response of the same day and wave, so concurrent
       submissions would queue on their locks: they are taken near COMMIT and spread over
       ``AGGREGATE_SHARDS`` rows per cell (measured: see ``docs/performance.md``).
    """
    status = ResponseStatus.FLAGGED if SUSPICIOUS & set(flags) else ResponseStatus.VALID
    response = Response.objects.create(
        wave=wave,
        method_version_id=wave.method_version_id,
        unit_id=wave.unit_id,
        channel=channel.code,
        source=source,
        respondent_type=cleaned.respondent_type,
        transaction_channel=cleaned.transaction_channel,
        answers=cleaned.answers,
        reasons=cleaned.reasons,
        respondent=cleaned.respondent,
        submitted_at=moment,
        started_at=started_at,
        status=status,
        verified=verified,
        flags=flags,
        idempotency_key=idempotency_key,
        invitation=invitation,
        entered_by=entered_by,
    )
    if contact is not None:
        _contact_create(wave, response, contact, moment)
    # Count the response before on_stored runs: a callback that relabels it (the kiosk's
    # burst check) must move an already-counted response, or it is counted twice.
    aggregates.record([response])
    if on_stored is not None:
        on_stored(response)
    return response


def _contact_create(
    wave: SurveyWave, response: Response, contact: ContactDetails, moment: dt.datetime
) -> ContactRequest:
    days = int(getattr(settings, "HAILONG_CONTACT_RETENTION_DAYS", CONTACT_RETENTION_DAYS))
    return ContactRequest.objects.create(
        wave=wave,
        response=response,
        name=clean_line(contact.name)[:120],
        phone=clean_line(contact.phone)[:20],
        email=clean_line(contact.email)[:200],
        message=nfc(contact.message).strip()[:1000],
        consent_text=contact.consent_text,
        consent_at=moment,
        purge_after=wave.closes_on + dt.timedelta(days=days),
    )


# -- drafts of the public form -----------------------------------------------------------------


def draft_start(
    *,
    wave: SurveyWave,
    source: Source | None,
    language: str,
    verified: bool = False,
    invitation_code: str = "",
    now: dt.datetime | None = None,
) -> ResponseDraft:
    moment = now or timezone.now()
    return ResponseDraft.objects.create(
        wave=wave,
        source=source,
        language=language,
        verified=verified,
        invitation_code=invitation_code,
        started_at=moment,
        expires_at=moment + DRAFT_TTL,
    )


def _bounded(values: Iterable[str]) -> list[str]:
    return [nfc(str(v))[:MAX_RAW_CHARS] for v in list(values)[:MAX_RAW_VALUES]]


def draft_save(
    *,
    draft: ResponseDraft,
    posted: Mapping[str, Iterable[str]],
    names: Iterable[str],
    page: int,
    verified: bool = False,
) -> None:
    """Keep what the page posted for its own fields (a field left empty forgets its old value)."""
    answers = dict(draft.answers)
    for name in names:
        values = [v for v in _bounded(posted.get(name, [])) if v.strip()]
        if values:
            answers[name] = values
        else:
            answers.pop(name, None)
    draft.answers = answers
    draft.page = page
    draft.verified = draft.verified or verified
    draft.expires_at = timezone.now() + DRAFT_TTL
    ResponseDraft.objects.filter(pk=draft.pk).update(
        answers=answers,
        page=page,
        verified=draft.verified,
        expires_at=draft.expires_at,
        updated_at=timezone.now(),
    )


def draft_mark_verified(draft: ResponseDraft) -> None:
    draft.verified = True
    ResponseDraft.objects.filter(pk=draft.pk).update(verified=True)


# -- sources -----------------------------------------------------------------------------------


def _check_manage(actor: User | None, wave: SurveyWave) -> None:
    if actor is not None and not user_can(actor, Perm.MANAGE_SURVEYS, wave.unit):
        raise PermissionDenied(_("Bạn không có quyền quản lý khảo sát của đơn vị này."))


def _check_source_links(
    wave: SurveyWave,
    residential_group: AdministrativeUnit | None,
    mass_organisation: MassOrganisation | None,
) -> None:
    if residential_group is not None and (
        residential_group.parent_id != wave.unit_id or residential_group.level != UnitLevel.HAMLET
    ):
        raise ServiceError(
            _("Tổ dân phố phải thuộc đơn vị của đợt khảo sát."), field="residential_group"
        )
    if mass_organisation is not None and mass_organisation.unit_id != wave.unit_id:
        raise ServiceError(
            _("Đoàn thể phải thuộc đơn vị của đợt khảo sát."), field="mass_organisation"
        )


def source_create(
    *,
    actor: User | None,
    wave: SurveyWave,
    kind: str,
    label: str,
    residential_group: AdministrativeUnit | None = None,
    mass_organisation: MassOrganisation | None = None,
) -> Source:
    """A new attributable link of ``wave`` (its token is random; retried on a collision)."""
    _check_manage(actor, wave)
    label = clean_line(label)
    if not label:
        raise ServiceError(_("Hãy đặt tên cho nguồn."), field="label")
    if Source.objects.filter(wave=wave, label=label).exists():
        raise ServiceError(_("Đợt khảo sát đã có nguồn tên này."), field="label")
    _check_source_links(wave, residential_group, mass_organisation)
    for _attempt in range(3):
        try:
            with transaction.atomic():
                return Source.objects.create(
                    wave=wave,
                    kind=kind,
                    label=label,
                    residential_group=residential_group,
                    mass_organisation=mass_organisation,
                    created_by=actor,
                )
        except IntegrityError:
            continue
    raise ServiceError(_("Không tạo được nguồn, xin thử lại."))


def source_set_active(*, actor: User | None, source: Source, active: bool) -> Source:
    _check_manage(actor, source.wave)
    source.active = active
    source.save(update_fields=["active"])
    return source


def invitation_create(
    *, wave: SurveyWave, dossier: Any = None, stratum: Mapping[str, Any] | None = None
) -> Invitation:
    """A one-use invitation code of ``wave`` (sampling, later, creates them in bulk)."""
    for _attempt in range(5):
        try:
            with transaction.atomic():
                return Invitation.objects.create(wave=wave, dossier=dossier, stratum=stratum or {})
        except IntegrityError:
            continue
    raise ServiceError(_("Không tạo được mã mời, xin thử lại."))


# -- statuses and contact requests -------------------------------------------------------------


def response_set_status(*, actor: User, response: Response, status: str) -> Response:
    """A leader counts a flagged response in, or leaves one out. Nothing is ever deleted."""
    _check_manage(actor, response.wave)
    if status not in ResponseStatus.values:
        raise ServiceError(_("Trạng thái không hợp lệ."), field="status")
    with transaction.atomic():
        locked = Response.objects.select_for_update().get(pk=response.pk)
        if locked.status != status:
            aggregates.relabel(locked, status)
            locked.save(update_fields=["status"])
    response.status = status
    return response


def contact_requests_log_view(*, actor: User, requests: Sequence[ContactRequest]) -> None:
    """Write one access-log line per contact request shown to ``actor``."""
    if any(not user_can(actor, Perm.VIEW_CONTACTS, r.wave.unit) for r in requests):
        raise PermissionDenied(_("Bạn không có quyền xem thông tin liên hệ."))
    ContactAccessLog.objects.bulk_create(
        [
            ContactAccessLog(
                request=r,
                request_ref=r.pk,
                wave_id=r.wave_id,
                user=actor,
                username=actor.get_username(),
                action=ContactAccess.VIEW,
            )
            for r in requests
        ]
    )


@transaction.atomic
def contact_request_handle(*, actor: User, request: ContactRequest) -> ContactRequest:
    if not user_can(actor, Perm.VIEW_CONTACTS, request.wave.unit):
        raise PermissionDenied(_("Bạn không có quyền xem thông tin liên hệ."))
    request.handled_at = timezone.now()
    request.handled_by = actor
    request.save(update_fields=["handled_at", "handled_by"])
    ContactAccessLog.objects.create(
        request=request,
        request_ref=request.pk,
        wave_id=request.wave_id,
        user=actor,
        username=actor.get_username(),
        action=ContactAccess.HANDLE,
    )
    return request


# -- housekeeping ------------------------------------------------------------------------------


def responses_purge(*, now: dt.datetime | None = None) -> dict[str, int]:
    """Delete expired drafts and spent challenges, and contact requests past their date."""
    from hailong.responses.integrity import used_challenges_purge

    moment = now or timezone.now()
    return {
        "drafts": ResponseDraft.objects.filter(expires_at__lt=moment).delete()[0],
        "challenges": used_challenges_purge(now=moment),
        "contact_requests": ContactRequest.objects.filter(
            purge_after__lt=local_today(moment)
        ).delete()[0],
    }
