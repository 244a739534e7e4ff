"""Writes of paper-form keying: quota, batches, entries, double-entry resolution, edits, closing.

Every answer goes through ``hailong.paper.keying.validate`` (the question-type registry), and a
form becomes a ``Response`` only through ``response_submit(channel="paper")``, dated the day the
form was filled in. A double-entry batch stores a form when two officers' keyings agree, or when
someone has picked the right value for each disagreement. An edit of a stored form keeps the
running aggregates right (remove the old response, add the new one, one transaction) and writes
old → new to the audit trail.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hailong.accounts.roles import Perm
from hailong.accounts.scope import user_can
from hailong.core.errors import PermissionDenied, ServiceError
from hailong.core.text import clean_line
from hailong.indices import aggregates
from hailong.paper import keying
from hailong.paper.models import (
    BatchStatus,
    EventKind,
    FormStatus,
    PaperBatch,
    PaperEntry,
    PaperEvent,
    PaperForm,
    PaperQuota,
)
from hailong.paper.selectors import batch_counts, quota_of
from hailong.responses.channels import channel_get
from hailong.responses.models import Response
from hailong.responses.services import ResponseInvalid, response_submit
from hailong.surveys.models import SurveyWave, WaveStatus
from hailong.units.models import AdministrativeUnit, Officer, UnitLevel

if TYPE_CHECKING:
    from hailong.accounts.models import User

LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")
MAX_SECONDS = 3600
REASON_MIN_CHARS = 3


def _fmt(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def _require(actor: User, perm: Perm, wave: SurveyWave) -> None:
    if not user_can(actor, perm, wave.unit):
        raise PermissionDenied(_("Bạn không có quyền nhập phiếu của đơn vị này."))


def _event(
    *,
    kind: str,
    actor: User | None,
    wave: SurveyWave,
    batch: PaperBatch | None = None,
    form: PaperForm | None = None,
    changes: Mapping[str, Any] | None = None,
    note: str = "",
    now: dt.datetime | None = None,
) -> PaperEvent:
    return PaperEvent.objects.create(
        wave=wave,
        batch=batch,
        form=form,
        form_number=form.number if form else None,
        kind=kind,
        actor=actor,
        username=actor.get_username() if actor else "",
        at=now or timezone.now(),
        changes=dict(changes or {}),
        note=note[:300],
    )


# -- quota -------------------------------------------------------------------------------------


def paper_quota_set(*, actor: User, wave: SurveyWave, cap: int) -> PaperQuota:
    """How many numbered paper forms the wave has; never below a number already handed out."""
    _require_manage(actor, wave)
    highest = max((b.last_number for b in wave.paper_batches.all()), default=0)
    if cap < max(1, highest):
        raise ServiceError(
            _("Hạn mức không được nhỏ hơn số phiếu lớn nhất đã giao cho các lô (%(n)d).")
            % {"n": highest},
            field="cap",
        )
    with transaction.atomic():
        old = quota_of(wave)
        quota, _created = PaperQuota.objects.update_or_create(
            wave=wave, defaults={"cap": cap, "updated_by": actor}
        )
        _event(kind=EventKind.QUOTA_SET, actor=actor, wave=wave, changes={"cap": [old, cap]})
    return quota


def _require_manage(actor: User, wave: SurveyWave) -> None:
    if not user_can(actor, Perm.MANAGE_SURVEYS, wave.unit):
        raise PermissionDenied(_("Bạn không có quyền quản lý khảo sát của đơn vị này."))


# -- batches -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class BatchData:
    """What a new batch says about itself (the form's cleaned data)."""

    collected_on: dt.date
    declared_count: int
    collector_officer: Officer | None = None
    collector_name: str = ""
    residential_group: AdministrativeUnit | None = None
    place: str = ""
    first_number: int | None = None
    last_number: int | None = None
    double_entry: bool = False


def _check_wave_takes_paper(wave: SurveyWave, data: BatchData, today: dt.date) -> None:
    if not channel_get("paper").enabled_for(wave):
        raise ServiceError(_("Đợt khảo sát này không thu phiếu giấy."), code="channel_disabled")
    if wave.status == WaveStatus.PLANNED:
        raise ServiceError(_("Đợt khảo sát chưa mở, chưa thể nhận phiếu."), code="not_open_yet")
    if not wave.opens_on <= data.collected_on <= wave.closes_on:
        raise ServiceError(
            _("Ngày thu phiếu phải trong thời gian của đợt khảo sát (%(a)s – %(b)s).")
            % {"a": _fmt(wave.opens_on), "b": _fmt(wave.closes_on)},
            field="collected_on",
        )
    if data.collected_on > today:
        raise ServiceError(_("Ngày thu phiếu không thể ở tương lai."), field="collected_on")


def _check_people_and_place(wave: SurveyWave, data: BatchData) -> None:
    if data.collector_officer is None and not clean_line(data.collector_name):
        raise ServiceError(
            _("Chọn cán bộ thu phiếu hoặc ghi tên người thu phiếu."), field="collector_name"
        )
    if data.collector_officer is not None and data.collector_officer.unit_id != wave.unit_id:
        raise ServiceError(
            _("Cán bộ thu phiếu phải thuộc đơn vị của đợt khảo sát."), field="collector_officer"
        )
    group = data.residential_group
    if group is not None and (group.parent_id != wave.unit_id or group.level != UnitLevel.HAMLET):
        raise ServiceError(
            _("Tổ dân phố phải thuộc đơn vị của đợt khảo sát."), field="residential_group"
        )
    if group is None and not clean_line(data.place):
        raise ServiceError(_("Chọn tổ dân phố hoặc ghi địa điểm thu phiếu."), field="place")


def _range(wave: SurveyWave, data: BatchData, cap: int) -> tuple[int, int]:
    """1. Start after the last number handed out unless told. 2. As many numbers as forms
    declared unless told. 3. Inside 1..cap, no overlap with another batch of the wave."""
    batches = list(wave.paper_batches.all())
    first = data.first_number or max((b.last_number for b in batches), default=0) + 1
    last = data.last_number or first + data.declared_count - 1
    if last < first:
        raise ServiceError(_("Số cuối phải lớn hơn hoặc bằng số đầu."), field="last_number")
    if data.declared_count > last - first + 1:
        raise ServiceError(
            _("Dải số %(a)d–%(b)d chỉ có %(n)d phiếu, ít hơn số phiếu thu về.")
            % {"a": first, "b": last, "n": last - first + 1},
            field="declared_count",
        )
    if last > cap:
        raise ServiceError(
            _("Vượt hạn mức phiếu giấy của đợt (%(cap)d phiếu, đến số %(cap)d).") % {"cap": cap},
            field="last_number" if data.last_number else "declared_count",
        )
    for other in batches:
        if first <= other.last_number and other.first_number <= last:
            raise ServiceError(
                _("Dải số %(a)d–%(b)d trùng với lô số %(n)d (phiếu %(c)d–%(d)d).")
                % {
                    "a": first,
                    "b": last,
                    "n": other.number,
                    "c": other.first_number,
                    "d": other.last_number,
                },
                field="first_number",
            )
    return first, last


def _locked_quota(wave: SurveyWave) -> int:
    """The wave's cap, holding a row lock so that two batches never get the same numbers."""
    try:
        with transaction.atomic():
            PaperQuota.objects.get_or_create(wave=wave, defaults={"cap": wave.target_sample})
    except IntegrityError:
        pass
    return PaperQuota.objects.select_for_update().get(wave=wave).cap


def paper_batch_create(
    *, actor: User, wave: SurveyWave, data: BatchData, now: dt.datetime | None = None
) -> PaperBatch:
    """A new batch of ``wave``: the next batch number and a free range of form numbers."""
    _require(actor, Perm.ENTER_RESPONSES, wave)
    moment = now or timezone.now()
    _check_wave_takes_paper(wave, data, moment.astimezone(LOCAL).date())
    _check_people_and_place(wave, data)
    with transaction.atomic():
        cap = _locked_quota(wave)
        first, last = _range(wave, data, cap)
        number = max((b.number for b in wave.paper_batches.all()), default=0) + 1
        batch = PaperBatch.objects.create(
            wave=wave,
            number=number,
            collector_officer=data.collector_officer,
            collector_name="" if data.collector_officer else clean_line(data.collector_name),
            residential_group=data.residential_group,
            place=clean_line(data.place)[:200],
            collected_on=data.collected_on,
            declared_count=data.declared_count,
            first_number=first,
            last_number=last,
            double_entry=data.double_entry,
            created_by=actor,
            created_at=moment,
        )
        _event(kind=EventKind.BATCH_CREATED, actor=actor, wave=wave, batch=batch, now=moment)
    return batch


# -- entering a form ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Entered:
    form: PaperForm
    round: int
    stored: bool
    conflicts: int


def _check_open(batch: PaperBatch) -> None:
    if batch.is_closed:
        raise ServiceError(
            _("Lô phiếu đã đóng; hãy mở lại lô nếu cần nhập thêm."), code="batch_closed"
        )


def _check_number(batch: PaperBatch, number: int) -> None:
    if not batch.first_number <= number <= batch.last_number:
        raise ServiceError(
            _("Phiếu số %(n)d không thuộc lô này (phiếu %(a)d–%(b)d).")
            % {"n": number, "a": batch.first_number, "b": batch.last_number},
            field="so",
        )


def _next_round(batch: PaperBatch, form: PaperForm | None, actor: User) -> int:
    """1 for a new form; 2 for the second keying of a double-entry form by another officer."""
    if form is None:
        return 1
    if form.batch_id != batch.pk:
        raise ServiceError(_("Số phiếu này thuộc một lô khác."), field="so")
    if form.status == FormStatus.STORED or not batch.double_entry:
        raise ServiceError(
            _("Phiếu số %(n)d đã được lưu; muốn sửa, hãy mở phiếu và chọn «Sửa».")
            % {"n": form.number},
            field="so",
            code="already_stored",
        )
    entries = list(form.entries.all())
    if any(e.entered_by_id == actor.pk for e in entries):
        raise ServiceError(
            _("Bạn đã nhập phiếu số %(n)d; lần nhập thứ hai phải do cán bộ khác thực hiện.")
            % {"n": form.number},
            field="so",
            code="same_officer",
        )
    if len(entries) >= 2:
        raise ServiceError(
            _("Phiếu số %(n)d đã được nhập đủ hai lần.") % {"n": form.number},
            field="so",
            code="entered_twice",
        )
    return 2


def collected_moment(batch: PaperBatch, now: dt.datetime) -> dt.datetime:
    """When the answers were given: noon on the collection day (never later than now)."""
    noon = dt.datetime.combine(batch.collected_on, dt.time(12, 0), tzinfo=LOCAL)
    return min(noon, now)


def _store(
    *,
    form: PaperForm,
    keyed: keying.Keyed,
    sheet: keying.Sheet,
    entered_by: User | None,
    moment: dt.datetime,
) -> Response:
    """``response_submit`` on the paper channel, dated the collection day; links the form."""
    batch = form.batch
    raw, errors = keying.to_raw(sheet, keyed)
    if errors:
        raise keying.EntryInvalid(errors)

    def link(response: Response) -> None:
        form.response = response
        form.status = FormStatus.STORED
        form.final = dict(keyed)
        form.save(update_fields=["response", "status", "final"])

    try:
        return response_submit(
            wave=batch.wave,
            channel="paper",
            answers_raw=raw,
            respondent_raw={},
            entered_by=entered_by,
            on_stored=link,
            now=collected_moment(batch, moment),
        )
    except ResponseInvalid as invalid:
        main = {f.question: f.name for f in sheet.fields() if not f.name.endswith("-reason")}
        raise keying.EntryInvalid({main.get(c, c): m for c, m in invalid.errors.items()}) from None


def paper_form_enter(
    *,
    actor: User,
    batch: PaperBatch,
    number: int,
    posted: Mapping[str, str],
    seconds: int | None = None,
    now: dt.datetime | None = None,
) -> Entered:
    """Key one paper form of ``batch``.

    1. The officer may enter responses here; the batch is open; the number is in its range.
    2. The keys are checked and the form cleaned through the question-type registry.
    3. Round 1 of a single-entry batch stores the response at once; round 1 of a double-entry
       batch waits for round 2 by another officer; round 2 stores it when both agree, else the
       form waits for someone to resolve the disagreements.
    """
    wave = batch.wave
    _require(actor, Perm.ENTER_RESPONSES, wave)
    _check_open(batch)
    _check_number(batch, number)
    sheet = keying.sheet_for(wave)
    keyed = keying.normalise(sheet, posted)
    keying.validate(sheet, keyed)
    moment = now or timezone.now()
    try:
        with transaction.atomic():
            return _enter(actor, batch, number, sheet, keyed, seconds, moment)
    except IntegrityError:
        raise ServiceError(
            _("Phiếu số %(n)d vừa được người khác nhập. Hãy tải lại trang.") % {"n": number},
            field="so",
            code="race",
        ) from None


def _enter(
    actor: User,
    batch: PaperBatch,
    number: int,
    sheet: keying.Sheet,
    keyed: keying.Keyed,
    seconds: int | None,
    moment: dt.datetime,
) -> Entered:
    wave = batch.wave
    form = PaperForm.objects.select_for_update().filter(wave=wave, number=number).first()
    round_ = _next_round(batch, form, actor)
    if form is None:
        form = PaperForm.objects.create(
            batch=batch, wave=wave, number=number, status=FormStatus.AWAITING_SECOND
        )
    first = form.entries.first() if round_ == 2 else None
    PaperEntry.objects.create(
        form=form,
        round=round_,
        entered_by=actor,
        entered_at=moment,
        keyed=keyed,
        seconds=None if seconds is None else max(0, min(seconds, MAX_SECONDS)),
    )
    _event(
        kind=EventKind.FORM_ENTERED,
        actor=actor,
        wave=wave,
        batch=batch,
        form=form,
        note=_("lần %(r)d") % {"r": round_},
        now=moment,
    )
    if batch.status == BatchStatus.OPEN:
        batch.status = BatchStatus.ENTERING
        batch.save(update_fields=["status"])
    conflicts = 0
    if first is not None:
        conflicts = len(keying.differences(sheet, first.keyed, keyed))
    if round_ == 1 and batch.double_entry:
        return Entered(form, round_, stored=False, conflicts=0)
    if conflicts:
        form.status = FormStatus.CONFLICT
        form.save(update_fields=["status"])
        _event(
            kind=EventKind.FORM_CONFLICT,
            actor=actor,
            wave=wave,
            batch=batch,
            form=form,
            note=_("%(n)d ô lệch") % {"n": conflicts},
            now=moment,
        )
        return Entered(form, round_, stored=False, conflicts=conflicts)
    entered_by = first.entered_by if first is not None else actor
    response = _store(form=form, keyed=keyed, sheet=sheet, entered_by=entered_by, moment=moment)
    _stored_event(actor, form, response, moment)
    return Entered(form, round_, stored=True, conflicts=0)


def _stored_event(actor: User, form: PaperForm, response: Response, moment: dt.datetime) -> None:
    _event(
        kind=EventKind.FORM_STORED,
        actor=actor,
        wave=form.wave,
        batch=form.batch,
        form=form,
        note=_("phiếu trả lời #%(id)d") % {"id": response.pk},
        now=moment,
    )


# -- resolving disagreements -------------------------------------------------------------------


def _chosen(
    difference: keying.Difference, pick: str, typed: str, sheet: keying.Sheet
) -> str | None:
    typed_value = keying.normalise(sheet, {difference.field.name: typed}).get(
        difference.field.name, ""
    )
    if typed_value:
        return typed_value
    if pick == "1":
        return difference.first
    if pick == "2":
        return difference.second
    return None


def paper_form_resolve(
    *,
    actor: User,
    form: PaperForm,
    picks: Mapping[str, str],
    typed: Mapping[str, str],
    now: dt.datetime | None = None,
) -> PaperForm:
    """Settle each disagreement of a double-entry form and store it.

    1. For each field where the two keyings differ: a typed value wins, else the pick (1 or 2).
    2. Agreed fields keep their value; the result is cleaned like any entry.
    3. The response is stored; the audit trail keeps entry 1, entry 2 and the value chosen.
    """
    batch = form.batch
    _require(actor, Perm.ENTER_RESPONSES, batch.wave)
    _check_open(batch)
    if form.status != FormStatus.CONFLICT:
        raise ServiceError(_("Phiếu này không có gì cần đối chiếu."), code="no_conflict")
    sheet = keying.sheet_for(batch.wave)
    first, second = list(form.entries.order_by("round"))
    diffs = keying.differences(sheet, first.keyed, second.keyed)
    final = {k: v for k, v in first.keyed.items() if second.keyed.get(k) == v}
    errors: dict[str, str] = {}
    log: dict[str, list[str]] = {}
    for diff in diffs:
        name = diff.field.name
        value = _chosen(diff, picks.get(name, ""), typed.get(name, ""), sheet)
        if value is None:
            errors[name] = _("Chọn giá trị của lần 1 hoặc lần 2, hoặc gõ giá trị đúng.")
            continue
        if value:
            final[name] = value
        log[name] = [diff.first, diff.second, value]
    if errors:
        raise keying.EntryInvalid(errors)
    keying.validate(sheet, final)
    moment = now or timezone.now()
    with transaction.atomic():
        form = PaperForm.objects.select_for_update().get(pk=form.pk)
        if form.status != FormStatus.CONFLICT:
            raise ServiceError(_("Phiếu này vừa được người khác đối chiếu."), code="race")
        form.resolved_by, form.resolved_at = actor, moment
        form.save(update_fields=["resolved_by", "resolved_at"])
        _event(
            kind=EventKind.FORM_RESOLVED,
            actor=actor,
            wave=batch.wave,
            batch=batch,
            form=form,
            changes=log,
            now=moment,
        )
        response = _store(
            form=form, keyed=final, sheet=sheet, entered_by=first.entered_by, moment=moment
        )
        _stored_event(actor, form, response, moment)
    return form


# -- editing a stored form ---------------------------------------------------------------------


def paper_form_edit(
    *,
    actor: User,
    form: PaperForm,
    posted: Mapping[str, str],
    note: str = "",
    now: dt.datetime | None = None,
) -> dict[str, list[str]]:
    """Correct a stored form; returns the changes (``{}`` when nothing changed).

    1. The new keys are cleaned like any entry.
    2. In one transaction: the stored response leaves the aggregates, takes the new answers,
       and comes back (``aggregates.record`` -1 then +1), so every count stays right.
    3. The audit trail records who, when, and each field's old → new value.
    """
    batch = form.batch
    _require(actor, Perm.ENTER_RESPONSES, batch.wave)
    if form.status != FormStatus.STORED or form.response_id is None:
        raise ServiceError(_("Chỉ sửa được phiếu đã lưu."), code="not_stored")
    sheet = keying.sheet_for(batch.wave)
    keyed = keying.normalise(sheet, posted)
    cleaned = keying.validate(sheet, keyed)
    diff = keying.changes(sheet, form.final, keyed)
    if not diff:
        return {}
    moment = now or timezone.now()
    with transaction.atomic():
        response = Response.objects.select_for_update().get(pk=form.response_id)
        aggregates.record([response], -1)
        response.answers = cleaned.answers
        response.reasons = cleaned.reasons
        response.respondent = cleaned.respondent
        response.respondent_type = cleaned.respondent_type
        response.transaction_channel = cleaned.transaction_channel
        response.save(
            update_fields=[
                "answers",
                "reasons",
                "respondent",
                "respondent_type",
                "transaction_channel",
            ]
        )
        aggregates.record([response], +1)
        form.final = keyed
        form.save(update_fields=["final"])
        _event(
            kind=EventKind.FORM_EDITED,
            actor=actor,
            wave=batch.wave,
            batch=batch,
            form=form,
            changes=diff,
            note=clean_line(note),
            now=moment,
        )
    return diff


# -- closing -----------------------------------------------------------------------------------


def paper_batch_close(
    *, actor: User, batch: PaperBatch, reason: str = "", now: dt.datetime | None = None
) -> PaperBatch:
    """Close a batch: "reconciled" when declared = entered = stored, otherwise only with a
    written reason (e.g. "2 phiếu hỏng"), and then "closed"."""
    _require(actor, Perm.ENTER_RESPONSES, batch.wave)
    if batch.is_closed:
        raise ServiceError(_("Lô phiếu đã đóng."), code="batch_closed")
    counts = batch_counts(batch)
    reason = clean_line(reason)[:300]
    if not counts.balanced and len(reason) < REASON_MIN_CHARS:
        raise ServiceError(
            _(
                "Số phiếu chưa khớp (thu về %(d)d, đã nhập %(e)d, đã lưu %(s)d). "
                "Hãy nhập hoặc đối chiếu nốt, hoặc ghi rõ lý do để đóng lô."
            )
            % {"d": counts.declared, "e": counts.entered, "s": counts.stored},
            field="reason",
            code="unbalanced",
        )
    moment = now or timezone.now()
    with transaction.atomic():
        batch.status = BatchStatus.RECONCILED if counts.balanced else BatchStatus.CLOSED
        batch.close_reason = reason
        batch.closed_at, batch.closed_by = moment, actor
        batch.save(update_fields=["status", "close_reason", "closed_at", "closed_by"])
        _event(
            kind=EventKind.BATCH_CLOSED,
            actor=actor,
            wave=batch.wave,
            batch=batch,
            changes=counts.as_dict(),
            note=reason,
            now=moment,
        )
    return batch


def paper_batch_reopen(
    *, actor: User, batch: PaperBatch, now: dt.datetime | None = None
) -> PaperBatch:
    _require(actor, Perm.ENTER_RESPONSES, batch.wave)
    if not batch.is_closed:
        raise ServiceError(_("Lô phiếu đang mở."), code="batch_open")
    moment = now or timezone.now()
    with transaction.atomic():
        batch.status = BatchStatus.ENTERING
        batch.closed_at = batch.closed_by = None
        batch.close_reason = ""
        batch.save(update_fields=["status", "close_reason", "closed_at", "closed_by"])
        _event(kind=EventKind.BATCH_REOPENED, actor=actor, wave=batch.wave, batch=batch, now=moment)
    return batch
