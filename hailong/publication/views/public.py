"""Public views of published results: page, history, embed card, JSON, PNG, province ranking.

Every view reads published ``Snapshot`` rows only (drafts are never stored, so they cannot leak).
The rendered output is cached under the snapshot id and the unit's newest snapshot id (its
"version"): a new publication changes the key, so nothing needs invalidating. A hit costs one
small query (the unit's snapshot list without figures) and one cache read.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.csp import csp_override
from django.views.decorators.http import require_GET

from hailong.portal.visitors import visit_record
from hailong.publication import image, selectors
from hailong.publication.models import Snapshot
from hailong.publication.presenters import results_view
from hailong.units.models import AdministrativeUnit, UnitLevel

CACHE_S = 24 * 3600
BROWSER_CACHE_S = 300
CACHE_PREFIX = "publication:v1"
# The embeds may be framed by any site (a ward's existing portal); the rest of the site may not.
EMBED_CSP: dict[str, Any] = {**settings.SECURE_CSP, "frame-ancestors": ["*"]}


def _lang(request: HttpRequest) -> str:
    """``?lang=en`` (links on the page), else the language the person chose, else Vietnamese."""
    asked = request.GET.get("lang", "")
    if asked in dict(settings.LANGUAGES):
        return asked
    return translation.get_language() or settings.LANGUAGE_CODE


def _cached(key: str, build: Callable[[], bytes]) -> bytes:
    found = cache.get(key)
    if isinstance(found, bytes):
        return found
    made = build()
    cache.set(key, made, CACHE_S)
    return made


def _public(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = f"public, max-age={BROWSER_CACHE_S}"
    patch_vary_headers(response, ["Cookie"])
    return response


def _lang_links(path: str, lang: str) -> dict[str, str]:
    other = "en" if lang == "vi" else "vi"
    return {"lang": lang, "other_lang": other, "other_lang_url": f"{path}?lang={other}"}


def results_url(snapshot: Snapshot, *, latest: bool = False) -> str:
    if latest:
        return reverse("publication:results", args=[snapshot.unit_id])
    return reverse("publication:results_snapshot", args=[snapshot.unit_id, snapshot.pk])


def _page_context(
    snaps: selectors.UnitSnapshots, snapshot: Snapshot, lang: str, path: str
) -> dict[str, Any]:
    figures = selectors.snapshot_figures(snapshot.pk)
    view = results_view(figures, lang)
    corrects = snaps.get(snapshot.corrects_id) if snapshot.corrects_id else None
    return {
        "unit": {"name": view.unit_name, "pk": view.unit_id},
        "view": view,
        "snapshot": snapshot,
        "corrects": corrects,
        "replaced_by": snaps.correction_of(snapshot),
        "history": [s for s in snaps.history() if s.pk != snapshot.pk],
        "json_url": reverse("publication:results_json", args=[snapshot.unit_id]),
        "png_url": reverse(
            "publication:results_png_snapshot", args=[snapshot.unit_id, snapshot.pk]
        ),
        **_lang_links(path, lang),
    }


def _results(request: HttpRequest, pk: int, snapshot_id: int | None) -> HttpResponse:
    lang = _lang(request)
    snaps = selectors.unit_snapshots(pk)
    snapshot = snaps.latest() if snapshot_id is None else snaps.get(snapshot_id)
    if snapshot is None:
        return _not_published(request, pk, lang)
    visit_record(request, pk)  # a visit to the ward's site (cache only, no database write)
    kind = "latest" if snapshot_id is None else "one"
    key = f"{CACHE_PREFIX}:page:{kind}:{snapshot.pk}:{snaps.version}:{lang}"

    def build() -> bytes:
        with translation.override(lang):
            context = _page_context(snaps, snapshot, lang, request.path)
            return render_to_string("publication/results.html", context).encode()

    return _public(HttpResponse(_cached(key, build)))


def _not_published(request: HttpRequest, pk: int, lang: str) -> HttpResponse:
    unit = AdministrativeUnit.objects.filter(pk=pk).first()
    if unit is None:
        raise Http404
    with translation.override(lang):
        html = render_to_string(
            "publication/not_published.html",
            {"unit": unit, **_lang_links(request.path, lang)},
        )
    return HttpResponse(html, status=404)


@require_GET
def results(request: HttpRequest, pk: int) -> HttpResponse:
    """The unit's latest published results."""
    return _results(request, pk, None)


@require_GET
def results_snapshot(request: HttpRequest, pk: int, snapshot_id: int) -> HttpResponse:
    """One publication, also a replaced one (history)."""
    return _results(request, pk, snapshot_id)


@require_GET
@xframe_options_exempt
@csp_override(EMBED_CSP)
def embed(request: HttpRequest, pk: int) -> HttpResponse:
    """The results card for a ward's own portal (an iframe): the headline and a link."""
    lang = _lang(request)
    snaps = selectors.unit_snapshots(pk)
    snapshot = snaps.latest()
    if snapshot is None:
        unit = AdministrativeUnit.objects.filter(pk=pk).first()
        if unit is None:
            raise Http404
        with translation.override(lang):
            html = render_to_string("publication/embed.html", {"unit": unit, "snapshot": None})
        return HttpResponse(html, status=404)
    key = f"{CACHE_PREFIX}:embed:{snapshot.pk}:{snaps.version}:{lang}"

    def build() -> bytes:
        with translation.override(lang):
            view = results_view(selectors.snapshot_figures(snapshot.pk), lang)
            context = {
                "unit": {"name": view.unit_name, "pk": view.unit_id},
                "view": view,
                "snapshot": snapshot,
                "corrects": snaps.get(snapshot.corrects_id) if snapshot.corrects_id else None,
                "lang": lang,
            }
            return render_to_string("publication/embed.html", context).encode()

    return _public(HttpResponse(_cached(key, build)))


def _json_body(snaps: selectors.UnitSnapshots, snapshot: Snapshot) -> bytes:
    replaced_by = snaps.correction_of(snapshot)
    body = {
        "publication": {
            "id": snapshot.pk,
            "url": results_url(snapshot),
            "published_at": snapshot.published_at.isoformat(),
            "corrects": snapshot.corrects_id,
            "replaced_by": replaced_by.pk if replaced_by else None,
            "method": snapshot.method_label,
            "year": snapshot.year,
        },
        "results": selectors.snapshot_figures(snapshot.pk),
        "history": [
            {
                "id": s.pk,
                "year": s.year,
                "published_at": s.published_at.isoformat(),
                "current": snaps.correction_of(s) is None,
                "url": reverse("publication:results_json_snapshot", args=[s.unit_id, s.pk]),
            }
            for s in snaps.history()
        ],
    }
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()


def _json(pk: int, snapshot_id: int | None) -> HttpResponse:
    snaps = selectors.unit_snapshots(pk)
    snapshot = snaps.latest() if snapshot_id is None else snaps.get(snapshot_id)
    if snapshot is None:
        response = HttpResponse(
            json.dumps({"error": "not_published"}), status=404, content_type="application/json"
        )
    else:
        key = f"{CACHE_PREFIX}:json:{snapshot.pk}:{snaps.version}"
        body = _cached(key, lambda: _json_body(snaps, snapshot))
        response = _public(HttpResponse(body, content_type="application/json; charset=utf-8"))
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
def results_json(request: HttpRequest, pk: int) -> HttpResponse:
    """The latest published figures as JSON (docs/api.md), readable from any origin."""
    return _json(pk, None)


@require_GET
def results_json_snapshot(request: HttpRequest, pk: int, snapshot_id: int) -> HttpResponse:
    return _json(pk, snapshot_id)


def _png(request: HttpRequest, pk: int, snapshot_id: int | None) -> HttpResponse:
    lang = _lang(request)
    snaps = selectors.unit_snapshots(pk)
    snapshot = snaps.latest() if snapshot_id is None else snaps.get(snapshot_id)
    if snapshot is None:
        raise Http404
    key = f"{CACHE_PREFIX}:png:{snapshot.pk}:{snaps.version}:{lang}"

    def build() -> bytes:
        with translation.override(lang):
            view = results_view(selectors.snapshot_figures(snapshot.pk), lang)
            corrects = snaps.get(snapshot.corrects_id) if snapshot.corrects_id else None
            return image.results_png(view, snapshot, corrected=corrects is not None)

    response = _public(HttpResponse(_cached(key, build), content_type="image/png"))
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
def results_png(request: HttpRequest, pk: int) -> HttpResponse:
    """A 1200×630 image of the latest results, to post in Zalo (or any social network)."""
    return _png(request, pk, None)


@require_GET
def results_png_snapshot(request: HttpRequest, pk: int, snapshot_id: int) -> HttpResponse:
    return _png(request, pk, snapshot_id)


@require_GET
def province_ranking(request: HttpRequest, pk: int) -> HttpResponse:
    """The province's wards ranked on their latest published results of a year."""
    province = AdministrativeUnit.objects.filter(pk=pk, level=UnitLevel.PROVINCE).first()
    if province is None:
        raise Http404
    lang = _lang(request)
    asked = request.GET.get("nam", "")
    year = int(asked) if asked.isascii() and asked.isdigit() and len(asked) == 4 else None
    version = selectors.province_version(province)
    key = f"{CACHE_PREFIX}:ranking:{province.pk}:{version}:{year}:{lang}"

    def build() -> bytes:
        with translation.override(lang):
            ranking = selectors.province_ranking(province, year)
            context = {
                "province": province,
                "ranking": ranking,
                "unit": province,
                "title": _("Xếp hạng chỉ số hài lòng các phường, xã"),
                **_lang_links(request.path, lang),
            }
            return render_to_string("publication/ranking.html", context).encode()

    return _public(HttpResponse(_cached(key, build)))
