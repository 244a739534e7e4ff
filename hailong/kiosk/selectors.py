"""Reads of the kiosk. The tablet reads by its unguessable token; staff pages by wave scope."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from hailong.kiosk.models import FlagReview, Kiosk
from hailong.responses.models import Response, ResponseChannel, ResponseStatus
from hailong.surveys.models import SurveyWave

MAX_TOKEN_CHARS = 64
REVIEWS_SHOWN = 50


def kiosk_by_token(token: str) -> Kiosk | None:
    """The kiosk of a tablet URL (with its wave, unit, method version and source), or ``None``."""
    if not token or len(token) > MAX_TOKEN_CHARS:
        return None
    return (
        Kiosk.objects.select_related("wave__unit", "wave__method_version", "source")
        .filter(token=token)
        .first()
    )


def kiosks_of(wave: SurveyWave) -> QuerySet[Kiosk]:
    """The wave's kiosks with what each collected: on the tablet, by phone, and to review."""
    on_tablet = Q(source__responses__channel=ResponseChannel.KIOSK)
    return (
        Kiosk.objects.filter(wave=wave)
        .select_related("source")
        .annotate(
            tablet_count=Count("source__responses", filter=on_tablet),
            phone_count=Count(
                "source__responses", filter=Q(source__responses__channel=ResponseChannel.WEB)
            ),
            flagged_count=Count(
                "source__responses",
                filter=on_tablet & Q(source__responses__status=ResponseStatus.FLAGGED),
            ),
        )
        .order_by("-active", "name")
    )


def flagged_of(wave: SurveyWave) -> QuerySet[Response]:
    """Tablet responses of the wave waiting for the leader's decision, oldest first."""
    return (
        Response.objects.filter(
            wave=wave,
            channel=ResponseChannel.KIOSK,
            status=ResponseStatus.FLAGGED,
            source__kiosk__isnull=False,
        )
        .select_related("source__kiosk")
        .order_by("submitted_at", "pk")
    )


def flagged_response(wave: SurveyWave, pk: int) -> Response | None:
    """One tablet response of the wave (flagged or already reviewed), for a decision."""
    return (
        Response.objects.filter(wave=wave, channel=ResponseChannel.KIOSK, pk=pk)
        .select_related("wave__unit")
        .first()
    )


def reviews_of(wave: SurveyWave) -> QuerySet[FlagReview]:
    """The latest decisions on the wave's flagged responses, newest first."""
    return (
        FlagReview.objects.filter(response__wave=wave)
        .select_related("kiosk")
        .order_by("-reviewed_at", "-pk")[:REVIEWS_SHOWN]
    )
