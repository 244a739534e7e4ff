"""Per-dossier rating (QĐ 766 practice): where citizens rate, and the one rule-checked write.

A unit's public rating address carries the unguessable token of its ``DossierRatingPoint``.
``rating_submit`` stores at most one rating per dossier: the ``OneToOneField`` makes the
database refuse a second one even when two requests race past the application's own check.
"""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from hailong.core.errors import ServiceError
from hailong.core.text import nfc
from hailong.dossiers.models import (
    REASON_MAX_LENGTH,
    Dossier,
    DossierRating,
    DossierRatingPoint,
    RatingChannel,
    RatingLevel,
)
from hailong.dossiers.services import unit_check_commune
from hailong.dossiers.values import dossier_code_clean, dossier_code_is_valid
from hailong.units.models import AdministrativeUnit


def rating_point_for(unit: AdministrativeUnit) -> DossierRatingPoint:
    """The unit's public rating point, created on first use."""
    unit_check_commune(unit)
    try:
        with transaction.atomic():
            point, _created = DossierRatingPoint.objects.get_or_create(unit=unit)
    except IntegrityError:
        point = DossierRatingPoint.objects.get(unit=unit)
    return point


def rating_point_by_token(token: str) -> DossierRatingPoint | None:
    if not token or len(token) > 32:
        return None
    return DossierRatingPoint.objects.select_related("unit").filter(token=token).first()


def dossier_for_rating(point: DossierRatingPoint, code: str) -> Dossier:
    """The dossier a citizen wants to rate, or a ``ServiceError`` saying why it cannot be.

    Codes: ``unknown`` (no such dossier here), ``not_returned``, ``already_rated``.
    """
    clean = dossier_code_clean(code)
    dossier = None
    if dossier_code_is_valid(clean):
        rows = Dossier.objects.select_related("procedure", "unit")
        # Unordered slice: the (unit, code) unique index answers it without a sort.
        dossier = next(iter(rows.filter(unit=point.unit_id, code=clean).order_by()[:1]), None)
    if dossier is None:
        raise ServiceError(
            _(
                "Không tìm thấy hồ sơ có mã «%(code)s» tại %(unit)s. "
                "Xin ông/bà kiểm tra lại mã in trên giấy tiếp nhận hồ sơ và hẹn trả kết quả."
            )
            % {"code": clean[:60], "unit": point.unit.name},
            code="unknown",
            field="code",
        )
    _check_can_rate(dossier)
    return dossier


def _check_can_rate(dossier: Dossier) -> None:
    if dossier.returned_on is None or dossier.returned_on > timezone.localdate():
        raise ServiceError(
            _(
                "Hồ sơ %(code)s chưa được trả kết quả nên chưa thể đánh giá. "
                "Xin mời ông/bà đánh giá sau khi nhận kết quả."
            )
            % {"code": dossier.code},
            code="not_returned",
        )
    if DossierRating.objects.filter(dossier=dossier).exists():
        raise _already_rated(dossier)


def _already_rated(dossier: Dossier) -> ServiceError:
    return ServiceError(
        _(
            "Hồ sơ này đã được đánh giá. Mỗi hồ sơ chỉ được đánh giá một lần. "
            "Cảm ơn ông/bà đã quan tâm."
        ),
        code="already_rated",
    )


def rating_clean_reason(level: str, reason: str) -> str:
    """NFC, trimmed, within the length limit, and present for "không hài lòng"."""
    text = nfc(reason or "").strip()
    if len(text) > REASON_MAX_LENGTH:
        raise ServiceError(
            _("Lý do dài quá %(max)d ký tự.") % {"max": REASON_MAX_LENGTH}, field="reason"
        )
    if level == RatingLevel.NOT_SATISFIED and not text:
        raise ServiceError(
            _("Xin ông/bà cho biết lý do chưa hài lòng để đơn vị khắc phục."),
            code="reason_required",
            field="reason",
        )
    return text


def rating_submit(
    *, dossier: Dossier, level: str, reason: str = "", channel: str = RatingChannel.WEB
) -> DossierRating:
    """Store the one rating of ``dossier``, attributed to now. Never stores who rated.

    1. Check the level, channel and reason (required for "không hài lòng").
    2. Check that the dossier is returned and not yet rated.
    3. Insert, copying unit, procedure, field, department and officer from the dossier; a
       concurrent second insert hits the database's unique constraint and is refused the same.
    """
    if level not in RatingLevel.values:
        raise ServiceError(_("Xin ông/bà chọn một mức độ hài lòng."), field="level")
    if channel not in RatingChannel.values:
        raise ServiceError(_("Kênh đánh giá không hợp lệ."), field="channel")
    text = rating_clean_reason(level, reason)
    _check_can_rate(dossier)
    try:
        with transaction.atomic():
            return DossierRating.objects.create(
                dossier=dossier,
                level=level,
                reason=text,
                channel=channel,
                rated_at=timezone.now(),
                unit_id=dossier.unit_id,
                procedure_id=dossier.procedure_id,
                field_id=dossier.procedure.field_id,
                department_id=dossier.department_id,
                officer_id=dossier.officer_id,
            )
    except IntegrityError:
        raise _already_rated(dossier) from None


def local_day_bounds(start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """[start 00:00, end+1 00:00) in Vietnam time, as aware datetimes."""
    zone = timezone.get_default_timezone()
    begin = dt.datetime.combine(start, dt.time.min, tzinfo=zone)
    finish = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=zone)
    return begin, finish


def rating_counts(*, unit: AdministrativeUnit, start: dt.date, end: dt.date) -> dict[str, int]:
    """Ratings of ``unit`` GIVEN between two days (Vietnam time), per level, plus ``total``."""
    begin, finish = local_day_bounds(start, end)
    rows = (
        DossierRating.objects.filter(unit=unit, rated_at__gte=begin, rated_at__lt=finish)
        .values("level")
        .annotate(n=Count("id"))
        .order_by()
    )
    counts = {row["level"]: row["n"] for row in rows}
    result = {level: counts.get(level, 0) for level in RatingLevel.values}
    result["total"] = sum(result.values())
    return result
