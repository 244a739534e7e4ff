"""Reads of the public site: what is public now, survey links, visitor figures, result slot."""

from __future__ import annotations

import datetime as dt
import importlib
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.utils import timezone
from django.utils.safestring import SafeString

from hailong.campaigns.models import Material
from hailong.portal import visitors
from hailong.portal.models import Album, Article, ArticleStatus, Photo, VisitDay
from hailong.responses.models import Source, SourceKind
from hailong.responses.printing import absolute, qr_svg, source_path, wave_path
from hailong.surveys.models import SurveyWave, WaveChannel, WaveStatus
from hailong.units.models import AdministrativeUnit, UnitSuccession

RESULTS_SELECTORS = "hailong.publication.selectors"
RESULTS_TEMPLATE = "publication/_summary_card.html"


def public_articles(
    unit: AdministrativeUnit, *, now: dt.datetime | None = None
) -> QuerySet[Article]:
    """Published articles of ``unit`` whose publication time has come, newest first."""
    return (
        Article.objects.filter(
            unit=unit, status=ArticleStatus.PUBLISHED, publish_at__lte=now or timezone.now()
        )
        .select_related("image")
        .order_by("-publish_at", "-pk")
    )


def public_article_get(unit: AdministrativeUnit, pk: int) -> Article | None:
    return public_articles(unit).filter(pk=pk).first()


def public_albums(unit: AdministrativeUnit) -> list[Album]:
    """Published albums with at least one photo, each with ``cover`` and ``photo_count``."""
    first_photo = Photo.objects.filter(album=OuterRef("pk")).order_by("position", "pk")
    albums: list[Album] = list(
        Album.objects.filter(unit=unit, published=True)
        .annotate(photo_count=Count("photos"), cover_id=Subquery(first_photo.values("pk")[:1]))
        .filter(photo_count__gt=0)
    )
    covers = Photo.objects.in_bulk([a.cover_id for a in albums])  # type: ignore[attr-defined]
    for album in albums:
        album.cover = covers.get(album.cover_id)  # type: ignore[attr-defined]
    return albums


def public_album_get(unit: AdministrativeUnit, pk: int) -> Album | None:
    return Album.objects.filter(unit=unit, published=True, pk=pk).first()


def latest_photos(unit: AdministrativeUnit, limit: int = 6) -> list[Photo]:
    """The newest photos of the unit's published albums (the home page's gallery preview)."""
    return list(
        Photo.objects.filter(album__unit=unit, album__published=True)
        .select_related("album")
        .order_by("-created_at", "-pk")[:limit]
    )


@dataclass(frozen=True)
class SurveyLink:
    wave: SurveyWave
    url: str
    qr: SafeString


def survey_links(unit: AdministrativeUnit, *, today: dt.date | None = None) -> list[SurveyLink]:
    """The open online waves of ``unit``: their website source's link (attributed to the
    site), else the wave's own link, with an inline SVG QR code."""
    today = today or timezone.localdate()
    waves = SurveyWave.objects.filter(
        unit=unit, status=WaveStatus.OPEN, opens_on__lte=today, closes_on__gte=today
    ).order_by("closes_on", "pk")
    links = []
    for wave in waves:
        if WaveChannel.ONLINE not in (wave.channels or []):
            continue
        source = (
            Source.objects.filter(wave=wave, kind=SourceKind.WEBSITE, active=True)
            .select_related("wave")
            .order_by("pk")
            .first()
        )
        path = source_path(source) if source is not None else wave_path(wave)
        url = absolute(path)
        links.append(SurveyLink(wave, path, qr_svg(url, label=wave.name, scale=4)))
    return links


@dataclass(frozen=True)
class VisitorFigures:
    online: int
    total: int
    minutes: int


def visitor_figures(unit: AdministrativeUnit) -> VisitorFigures:
    return VisitorFigures(
        visitors.online_now(unit.pk), visitors.total_visits(unit.pk), visitors.online_minutes()
    )


def visit_days(unit: AdministrativeUnit, days: int = 30) -> list[VisitDay]:
    since = timezone.localdate() - dt.timedelta(days=days - 1)
    return list(VisitDay.objects.filter(unit=unit, day__gte=since).order_by("-day"))


def successors(unit: AdministrativeUnit) -> list[AdministrativeUnit]:
    """Where a unit that no longer exists went (the 2025 reorganisation)."""
    if unit.valid_to is None:
        return []
    return [
        s.successor
        for s in UnitSuccession.objects.filter(predecessor=unit).select_related("successor")
    ]


def latest_results(unit: AdministrativeUnit) -> dict[str, Any] | None:
    """The home page's "latest published results" slot, or ``None``.

    Filled by ``hailong.publication`` when that app is installed: its
    ``selectors.latest_snapshot(unit)`` and the ``publication/_summary_card.html`` template
    (context ``snapshot``). Without it, or without a published snapshot, the slot stays empty.
    """
    if not apps.is_installed("hailong.publication"):
        return None
    module = importlib.import_module(RESULTS_SELECTORS)
    latest = getattr(module, "latest_snapshot", None)
    snapshot = latest(unit) if latest is not None else None
    if snapshot is None:
        return None
    return {"template": RESULTS_TEMPLATE, "snapshot": snapshot}


@dataclass(frozen=True)
class MaterialDraft:
    material: Material
    article: Article | None


def material_drafts(unit: AdministrativeUnit, limit: int = 20) -> list[MaterialDraft]:
    """The unit's campaign article drafts (newest first), with the article made of each."""
    materials = list(
        Material.objects.filter(plan__unit=unit, kind="article").order_by("-created_at", "-pk")[
            :limit
        ]
    )
    made = {a.material_id: a for a in Article.objects.filter(unit=unit, material__in=materials)}
    return [MaterialDraft(m, made.get(m.pk)) for m in materials]
