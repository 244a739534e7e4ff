"""Writes: publish a snapshot (or a correction), pick and redact a free-text answer."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hailong.accounts.roles import Perm
from hailong.accounts.scope import user_can
from hailong.core.errors import PermissionDenied, ServiceError
from hailong.core.text import nfc
from hailong.performance.report_data import report_scope_get
from hailong.publication.figures import draft_figures
from hailong.publication.models import SelectedComment, Snapshot
from hailong.publication.selectors import current_for_scope
from hailong.responses.models import Response, ResponseStatus

if TYPE_CHECKING:
    from hailong.accounts.models import User
    from hailong.units.models import AdministrativeUnit

MAX_COMMENT = 1000


def snapshot_publish(
    *, actor: User, unit: AdministrativeUnit, scope_key: str, note: str = ""
) -> Snapshot:
    """Freeze the figures of one wave (or one year) of ``unit`` and make them public.

    1. Only a holder of ``results.publish`` on the unit (a ward leader, an administrator).
    2. The scope must be one of the unit's (a wave, or a year pooled on one method version).
    3. If the scope is already published, this is a correction: it needs a reason, and it
       replaces the current snapshot (which stays readable as history).
    4. Figures computed now, small cells removed, stored once; never changed afterwards.
    """
    if not user_can(actor, Perm.PUBLISH_RESULTS, unit):
        raise PermissionDenied(_("Chỉ lãnh đạo UBND mới được công bố kết quả."))
    scope = report_scope_get(unit, scope_key)
    if scope is None:
        raise ServiceError(_("Không có đợt khảo sát này ở đơn vị."), field="pham_vi")
    note = nfc(note).strip()
    if len(note) > 1000:
        raise ServiceError(_("Lý do đính chính tối đa 1000 ký tự."), field="ly_do")
    with transaction.atomic():
        previous = current_for_scope(unit, scope_key)
        if previous is not None and not note:
            raise ServiceError(
                _("Kết quả này đã công bố; hãy ghi lý do đính chính."), field="ly_do"
            )
        figures = draft_figures(unit, scope)
        snapshot = Snapshot(
            unit=unit,
            scope_key=scope_key,
            year=scope.year,
            method_label=figures["method"]["label"],
            period_from=min(w.opens_on for w in scope.waves),
            period_to=max(w.closes_on for w in scope.waves),
            figures=figures,
            published_at=timezone.now(),
            published_by=actor,
            publisher_name=str(actor),
            corrects=previous,
            note=note if previous is not None else "",
        )
        try:
            with transaction.atomic():
                snapshot.save()
        except IntegrityError as exc:
            raise ServiceError(
                _("Một người khác vừa công bố kết quả này; hãy tải lại trang."), code="conflict"
            ) from exc
    return snapshot


def comment_select(
    *, actor: User, unit: AdministrativeUnit, response_id: int, item_code: str
) -> SelectedComment:
    """Pick one free-text answer of a valid response of the unit for editing (not yet public)."""
    if not user_can(actor, Perm.PUBLISH_RESULTS, unit):
        raise PermissionDenied(_("Chỉ lãnh đạo UBND mới được chọn ý kiến để công bố."))
    response = (
        Response.objects.filter(
            pk=response_id, unit__path__startswith=unit.path, status=ResponseStatus.VALID
        )
        .only("pk", "wave_id", "answers")
        .first()
    )
    text = response.answers.get(item_code) if response is not None else None
    if response is None or not isinstance(text, str) or not text.strip():
        raise ServiceError(_("Không tìm thấy ý kiến này."))
    existing = SelectedComment.objects.filter(response=response, item_code=item_code).first()
    if existing is not None:
        return existing
    return SelectedComment.objects.create(
        unit=unit,
        wave_id=response.wave_id,
        response=response,
        item_code=item_code,
        text=nfc(text).strip()[:MAX_COMMENT],
        selected_by=actor,
    )


def comment_update(
    *, actor: User, comment: SelectedComment, text: str, included: bool
) -> SelectedComment:
    """Save the redacted wording and whether it goes into the next publication."""
    if not user_can(actor, Perm.PUBLISH_RESULTS, comment.unit):
        raise PermissionDenied(_("Chỉ lãnh đạo UBND mới được biên tập ý kiến để công bố."))
    text = nfc(text).strip()
    if not text:
        raise ServiceError(_("Nội dung không được để trống."), field="text")
    if len(text) > MAX_COMMENT:
        raise ServiceError(_("Nội dung tối đa 1000 ký tự."), field="text")
    comment.text = text
    comment.included = included
    comment.selected_by = actor
    comment.save(update_fields=["text", "included", "selected_by", "updated_at"])
    return comment


def comment_drop(*, actor: User, comment: SelectedComment) -> None:
    if not user_can(actor, Perm.PUBLISH_RESULTS, comment.unit):
        raise PermissionDenied(_("Chỉ lãnh đạo UBND mới được biên tập ý kiến để công bố."))
    comment.delete()
