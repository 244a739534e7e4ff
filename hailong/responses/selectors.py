"""Reads of the response core. Public reads go by unguessable token; staff reads by scope."""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from hailong.responses.models import (
    ContactRequest,
    Response,
    ResponseChannel,
    ResponseDraft,
    ResponseStatus,
    Source,
)
from hailong.surveys.models import SurveyWave

MAX_TOKEN_CHARS = 64
PUBLIC_WAVE_TTL_S = 10.0
PUBLIC_WAVE_CACHE_SIZE = 1024
_public_waves: dict[str, tuple[float, SurveyWave]] = {}


def public_wave(token: str) -> SurveyWave | None:
    """``wave_by_public_token`` remembered for a few seconds in this process: every page of the
    form starts with it, and a QR campaign sends everyone to the same few waves. A wave staff
    close stops taking answers at most ``PUBLIC_WAVE_TTL_S`` later. Treat the result as
    read-only (threads share it)."""
    now = time.monotonic()
    hit = _public_waves.get(token)
    if hit is not None and now - hit[0] < PUBLIC_WAVE_TTL_S:
        return hit[1]
    wave = wave_by_public_token(token)
    if wave is not None:
        if len(_public_waves) > PUBLIC_WAVE_CACHE_SIZE:
            _public_waves.clear()
        _public_waves[token] = (now, wave)
    return wave


def public_waves_forget() -> None:
    _public_waves.clear()


def wave_by_public_token(token: str) -> SurveyWave | None:
    """The wave of a public link (with what the form needs), or ``None``."""
    if not token or len(token) > MAX_TOKEN_CHARS:
        return None
    rows = (
        SurveyWave.objects.select_related("unit", "method_version")
        .defer("method_version__definition")  # parsed once per process (``definition_of``)
        .filter(public_token=token)
        .order_by()[:1]
    )
    return next(iter(rows), None)


def source_by_token(wave: SurveyWave, token: str) -> Source | None:
    if not token or len(token) > MAX_TOKEN_CHARS:
        return None
    return next(iter(Source.objects.filter(wave=wave, token=token).order_by()[:1]), None)


def draft_get(
    wave: SurveyWave, key: str, *, now: dt.datetime | None = None
) -> ResponseDraft | None:
    """A live draft of ``wave`` by its key (an expired one is as good as gone)."""
    if not key or len(key) > MAX_TOKEN_CHARS:
        return None
    moment = now or timezone.now()
    rows = (
        ResponseDraft.objects.select_related("source")
        .filter(wave=wave, key=key, expires_at__gte=moment)
        .order_by()[:1]
    )
    draft = next(iter(rows), None)
    if draft is not None:
        draft.wave = wave  # already loaded: never fetched again through the draft
    return draft


def response_by_key(wave: SurveyWave, key: str) -> Response | None:
    return Response.objects.filter(wave=wave, idempotency_key=key).only("pk").first()


# -- staff -------------------------------------------------------------------------------------


def sources_of(wave: SurveyWave) -> QuerySet[Source]:
    return (
        Source.objects.filter(wave=wave)
        .select_related("residential_group", "mass_organisation")
        .annotate(responses_count=Count("responses"))
        .order_by("-active", "kind", "label")
    )


@dataclass(frozen=True)
class WaveCounts:
    total: int
    valid: int
    flagged: int
    excluded: int
    unverified: int
    by_channel: list[tuple[str, int]]
    by_source: list[tuple[str, int]]


def wave_counts(wave: SurveyWave) -> WaveCounts:
    """Totals by status, channel and source: three aggregate queries."""
    rows = Response.objects.filter(wave=wave)
    totals = rows.aggregate(
        total=Count("pk"),
        valid=Count("pk", filter=Q(status=ResponseStatus.VALID)),
        flagged=Count("pk", filter=Q(status=ResponseStatus.FLAGGED)),
        excluded=Count("pk", filter=Q(status=ResponseStatus.EXCLUDED)),
        unverified=Count("pk", filter=Q(verified=False, channel=ResponseChannel.WEB)),
    )
    labels = dict(ResponseChannel.choices)
    by_channel = [
        (str(labels.get(r["channel"], r["channel"])), r["n"])
        for r in rows.values("channel").annotate(n=Count("pk")).order_by("-n", "channel")
    ]
    by_source = [
        (r["source__label"] or "", r["n"])
        for r in rows.values("source__label")
        .annotate(n=Count("pk"))
        .order_by("-n", "source__label")
    ]
    return WaveCounts(by_channel=by_channel, by_source=by_source, **totals)


def responses_of(wave: SurveyWave, *, status: str = "") -> QuerySet[Response]:
    """The wave's responses, newest first, without anything that could identify a person."""
    rows = Response.objects.filter(wave=wave).select_related("source")
    if status in ResponseStatus.values:
        rows = rows.filter(status=status)
    return rows.only(
        "pk",
        "channel",
        "source__label",
        "submitted_at",
        "started_at",
        "status",
        "verified",
        "flags",
        "answers",
        "respondent_type",
        "transaction_channel",
    ).order_by("-submitted_at", "-pk")


def contact_requests_of(wave: SurveyWave) -> QuerySet[ContactRequest]:
    return (
        ContactRequest.objects.filter(wave=wave)
        .select_related("wave__unit", "handled_by")
        .order_by("handled_at", "-created_at")
    )
