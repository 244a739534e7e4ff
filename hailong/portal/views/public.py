"""Public pages of a unit's site under ``/trang/<pk>/``: home, articles, gallery, images, the
visitor counter embed. Server-rendered, no JavaScript, no cookies; each page counts a visit."""

from __future__ import annotations

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.csp import csp_override
from django.views.decorators.http import require_safe

from hailong.portal import selectors, visitors
from hailong.portal.models import ArticleCategory, Photo
from hailong.portal.services import photo_url
from hailong.responses.printing import absolute
from hailong.units.models import AdministrativeUnit

ARTICLES_PER_PAGE = 10
PHOTO_FILE_MAX_AGE = 30 * 24 * 3600
# The embeds may be framed by any site (a ward's existing portal); nothing else may.
EMBED_CSP = {
    "default-src": ["'none'"],
    "style-src": ["'self'"],
    "img-src": ["'self'"],
    "frame-ancestors": ["*"],
    "base-uri": ["'none'"],
    "form-action": ["'none'"],
}


def _unit(pk: int) -> AdministrativeUnit:
    return get_object_or_404(AdministrativeUnit, pk=pk)


def _base_context(
    request: HttpRequest, unit: AdministrativeUnit, section: str = ""
) -> dict[str, object]:
    return {"unit": unit, "figures": selectors.visitor_figures(unit), "section": section}


@require_safe
def home(request: HttpRequest, pk: int) -> HttpResponse:
    unit = _unit(pk)
    visitors.visit_record(request, unit)
    context = {
        **_base_context(request, unit, "home"),
        "articles": list(selectors.public_articles(unit)[:5]),
        "photos": selectors.latest_photos(unit, 6),
        "survey_links": selectors.survey_links(unit),
        "results": selectors.latest_results(unit),
        "successors": selectors.successors(unit),
        "canonical": absolute(request.path),
    }
    return render(request, "portal/home.html", context)


@require_safe
def article_list(request: HttpRequest, pk: int) -> HttpResponse:
    unit = _unit(pk)
    visitors.visit_record(request, unit)
    articles = selectors.public_articles(unit)
    category = request.GET.get("chuyen-muc", "")
    if category in ArticleCategory.values:
        articles = articles.filter(category=category)
    else:
        category = ""
    page = Paginator(articles, ARTICLES_PER_PAGE).get_page(request.GET.get("trang"))
    context = {
        **_base_context(request, unit, "articles"),
        "page": page,
        "category": category,
        "categories": ArticleCategory.choices,
    }
    return render(request, "portal/article_list.html", context)


@require_safe
def article_detail(request: HttpRequest, pk: int, article_pk: int) -> HttpResponse:
    unit = _unit(pk)
    article = selectors.public_article_get(unit, article_pk)
    if article is None:
        raise Http404
    visitors.visit_record(request, unit)
    image = article.image
    context = {
        **_base_context(request, unit, "articles"),
        "article": article,
        "canonical": absolute(request.path),
        "og_image": absolute(photo_url(image, image.widths[-1])) if image else "",
        "og_image_size": image.size_of(image.widths[-1]) if image else None,
        "more": list(selectors.public_articles(unit).exclude(pk=article.pk)[:3]),
    }
    return render(request, "portal/article_detail.html", context)


@require_safe
def gallery(request: HttpRequest, pk: int) -> HttpResponse:
    unit = _unit(pk)
    visitors.visit_record(request, unit)
    context = {**_base_context(request, unit, "gallery"), "albums": selectors.public_albums(unit)}
    return render(request, "portal/gallery.html", context)


@require_safe
def album_detail(request: HttpRequest, pk: int, album_pk: int) -> HttpResponse:
    unit = _unit(pk)
    album = selectors.public_album_get(unit, album_pk)
    if album is None:
        raise Http404
    visitors.visit_record(request, unit)
    context = {
        **_base_context(request, unit, "gallery"),
        "album": album,
        "photos": list(album.photos.all()),
    }
    return render(request, "portal/album.html", context)


@require_safe
def photo_file(request: HttpRequest, pk: int, name: str) -> FileResponse:
    """One stored width of a photo, ``<token>-<width>.jpg``; cached a month by browsers."""
    token, _sep, rest = name.partition("-")
    width = rest.removesuffix(".jpg")
    photo = Photo.objects.filter(unit_id=pk, token=token).only("variants").first()
    if photo is None or not width.isdigit() or int(width) not in photo.widths:
        raise Http404
    try:
        handle = default_storage.open(f"portal/photos/{token}-{int(width)}.jpg", "rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(handle, content_type="image/jpeg")
    patch_cache_control(response, public=True, max_age=PHOTO_FILE_MAX_AGE, immutable=True)
    return response


@require_safe
@xframe_options_exempt
@csp_override(EMBED_CSP)
def counter_embed(request: HttpRequest, pk: int) -> HttpResponse:
    """The visitor counter for a ward's existing portal (an iframe): counts that visit too."""
    unit = _unit(pk)
    visitors.visit_record(request, unit)
    response = render(request, "portal/embed_counter.html", _base_context(request, unit))
    patch_cache_control(response, public=True, max_age=60)
    return response


@require_safe
def language(request: HttpRequest, pk: int) -> HttpResponse:
    """The site's language link (no form, no CSRF cookie): remember the choice, go back.

    Only the language cookie of the existing switch is set, and only when the person asks.
    """
    unit = _unit(pk)
    lang = request.GET.get("lang", "")
    target = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = reverse("portal:home", args=[unit.pk])
    response = HttpResponseRedirect(target)
    if lang in dict(settings.LANGUAGES):
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            lang,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            samesite="Lax",
        )
    return response


@require_safe
@xframe_options_exempt
def counter_image(request: HttpRequest, pk: int) -> HttpResponse:
    """The visitor counter as a small SVG image, for a plain HTML ``<img>`` on any portal."""
    unit = _unit(pk)
    visitors.visit_record(request, unit)
    response = render(
        request,
        "portal/embed_counter.svg",
        _base_context(request, unit),
        content_type="image/svg+xml; charset=utf-8",
    )
    patch_cache_control(response, public=True, max_age=60)
    return response
