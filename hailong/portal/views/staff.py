"""Staff pages of a unit's public site: overview and embeds, articles, albums and photos.

Reading needs ``units.view`` (a viewer such as bob reads everything here); every change needs
``articles.manage`` (communication officer, leader, admin). Fetches go through ``accounts.scope``.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hailong.accounts.roles import Perm
from hailong.accounts.scope import get_for_user, get_unit_for_user, user_can
from hailong.campaigns.materials import article_draft
from hailong.campaigns.models import Evidence, EvidenceKind, Material
from hailong.core.errors import ServiceError
from hailong.core.http import AuthedHttpRequest
from hailong.core.views import form_page
from hailong.portal import selectors, services
from hailong.portal.forms import (
    AlbumForm,
    ArticleForm,
    ArticleImageForm,
    PhotoForm,
    PhotoUploadForm,
)
from hailong.portal.models import Album, Article, ArticleStatus, Photo
from hailong.responses.printing import absolute
from hailong.units.models import AdministrativeUnit

STAFF_ARTICLES_PER_PAGE = 30
EVIDENCE_PICKER_SIZE = 48
ARTICLE_MATERIAL = "article"  # campaigns.materials.article.Article.key


def _can_manage(request: AuthedHttpRequest, unit: AdministrativeUnit) -> bool:
    return user_can(request.user, Perm.MANAGE_ARTICLES, unit)


def _article(request: AuthedHttpRequest, pk: int, perm: Perm) -> Article:
    return get_for_user(Article.objects.select_related("unit", "image"), request.user, perm, pk=pk)


def _album(request: AuthedHttpRequest, pk: int, perm: Perm) -> Album:
    return get_for_user(Album.objects.select_related("unit"), request.user, perm, pk=pk)


@login_required
def site(request: AuthedHttpRequest, unit_pk: int) -> HttpResponse:
    """The site at a glance: links, visitor figures of 30 days, the embed snippets to copy."""
    unit = get_unit_for_user(request.user, Perm.VIEW_UNITS, unit_pk)
    embed_url = absolute(reverse("portal:counter_embed", args=[unit.pk]))
    home_url = absolute(reverse("portal:home", args=[unit.pk]))
    image_url = absolute(reverse("portal:counter_image", args=[unit.pk]))
    figures = selectors.visitor_figures(unit)
    context = {
        "unit": unit,
        "can_manage": _can_manage(request, unit),
        "figures": figures,
        "days": selectors.visit_days(unit),
        "home_url": home_url,
        "embed_url": embed_url,
        "iframe_snippet": (
            f'<iframe src="{embed_url}" title="{_("Thống kê truy cập")}" width="300" '
            f'height="140" style="border:0" loading="lazy"></iframe>'
        ),
        "html_snippet": (
            f'<a href="{home_url}"><img src="{image_url}" width="240" height="64" '
            f'alt="{_("Thống kê truy cập")} – {unit.name}"></a>'
        ),
        "article_count": Article.objects.filter(unit=unit).count(),
        "album_count": Album.objects.filter(unit=unit).count(),
    }
    return render(request, "portal/staff/site.html", context)


@login_required
def articles(request: AuthedHttpRequest, unit_pk: int) -> HttpResponse:
    """The unit's articles, and the campaign's article drafts that can become one."""
    unit = get_unit_for_user(request.user, Perm.VIEW_UNITS, unit_pk)
    rows = Article.objects.filter(unit=unit).order_by("-created_at", "-pk")
    page = Paginator(rows, STAFF_ARTICLES_PER_PAGE).get_page(request.GET.get("trang"))
    can_manage = _can_manage(request, unit)
    context = {
        "unit": unit,
        "page": page,
        "can_manage": can_manage,
        "drafts": selectors.material_drafts(unit) if can_manage else [],
    }
    return render(request, "portal/staff/articles.html", context)


@login_required
@require_POST
def article_from_material(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    """Turn a campaign article draft (materials) into a draft article of the unit."""
    material = get_for_user(
        Material.objects.select_related("plan__unit"),
        request.user,
        Perm.MANAGE_ARTICLES,
        unit_field="plan__unit",
        pk=pk,
        kind=ARTICLE_MATERIAL,
    )
    try:
        article = services.article_create_from_draft(
            actor=request.user,
            unit=material.plan.unit,
            draft=article_draft(material),
            material=material,
        )
    except ServiceError as error:
        messages.error(request, error.message)
        return redirect("portal:staff_articles", material.plan.unit_id)
    messages.success(request, _("Đã tạo tin bài nháp từ tài liệu tuyên truyền."))
    return redirect("portal:staff_article", article.pk)


@login_required
def article_create(request: AuthedHttpRequest, unit_pk: int) -> HttpResponse:
    unit = get_unit_for_user(request.user, Perm.MANAGE_ARTICLES, unit_pk)
    form = ArticleForm(
        request.POST or None,
        request.FILES or None,
        initial={"status": ArticleStatus.DRAFT, "author_unit": unit.name},
    )
    return form_page(
        request,
        form,
        lambda data: services.article_save(actor=request.user, unit=unit, **form.service_kwargs()),
        template="portal/staff/article_form.html",
        success_url=lambda a: reverse("portal:staff_article", args=[a.pk]),  # type: ignore[attr-defined]
        success_message=_("Đã lưu tin bài."),
        context={"unit": unit, "article": None},
    )


@login_required
def article_view(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    """A staff preview of any article (drafts and scheduled ones too)."""
    article = _article(request, pk, Perm.VIEW_UNITS)
    can_manage = _can_manage(request, article.unit)
    context = {
        "unit": article.unit,
        "article": article,
        "can_manage": can_manage,
        "image_form": ArticleImageForm() if can_manage else None,
        "public_url": reverse("portal:article_detail", args=[article.unit_id, article.pk]),
        "now": timezone.now(),
    }
    return render(request, "portal/staff/article.html", context)


@login_required
def article_edit(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    article = _article(request, pk, Perm.MANAGE_ARTICLES)
    form = ArticleForm(
        request.POST or None, request.FILES or None, initial=ArticleForm.initial_for(article)
    )
    return form_page(
        request,
        form,
        lambda data: services.article_save(
            actor=request.user, unit=article.unit, article=article, **form.service_kwargs()
        ),
        template="portal/staff/article_form.html",
        success_url=reverse("portal:staff_article", args=[article.pk]),
        success_message=_("Đã lưu tin bài."),
        context={"unit": article.unit, "article": article},
    )


@login_required
@require_POST
def article_image(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    article = _article(request, pk, Perm.MANAGE_ARTICLES)
    form = ArticleImageForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Hãy chọn một ảnh."))
    else:
        try:
            services.article_image_add(
                actor=request.user,
                article=article,
                upload=form.cleaned_data["image"],
                caption=form.cleaned_data["caption"],
            )
        except ServiceError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Đã thêm ảnh vào cuối bài."))
    return redirect("portal:staff_article", article.pk)


@login_required
@require_POST
def article_delete(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    article = _article(request, pk, Perm.MANAGE_ARTICLES)
    unit_pk = article.unit_id
    services.article_delete(actor=request.user, article=article)
    messages.success(request, _("Đã xóa tin bài."))
    return redirect("portal:staff_articles", unit_pk)


@login_required
def albums(request: AuthedHttpRequest, unit_pk: int) -> HttpResponse:
    """The unit's albums; a new album form for those who manage the site."""
    perm = Perm.MANAGE_ARTICLES if request.method == "POST" else Perm.VIEW_UNITS
    unit = get_unit_for_user(request.user, perm, unit_pk)
    form = AlbumForm(request.POST or None)
    rows = Album.objects.filter(unit=unit).order_by("-created_at", "-pk")
    context: dict[str, Any] = {
        "unit": unit,
        "albums": rows,
        "can_manage": _can_manage(request, unit),
    }
    return form_page(
        request,
        form,
        lambda data: services.album_save(actor=request.user, unit=unit, **data),
        template="portal/staff/albums.html",
        success_url=lambda a: reverse("portal:staff_album", args=[a.pk]),  # type: ignore[attr-defined]
        success_message=_("Đã tạo album."),
        context=context,
    )


def _evidence_choices(album: Album) -> list[Evidence]:
    """Recent campaign evidence photos of the album's unit not yet in the album."""
    taken = album.photos.filter(evidence__isnull=False).values("evidence_id")
    return list(
        Evidence.objects.filter(
            kind=EvidenceKind.PHOTO, occurrence__plan__unit__path__startswith=album.unit.path
        )
        .exclude(pk__in=taken)
        .select_related("occurrence__activity")
        .order_by("-uploaded_at", "-pk")[:EVIDENCE_PICKER_SIZE]
    )


@login_required
def album_view(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    """One album: its photos, the edit form, uploads and the evidence picker (for managers)."""
    perm = Perm.MANAGE_ARTICLES if request.method == "POST" else Perm.VIEW_UNITS
    album = _album(request, pk, perm)
    can_manage = _can_manage(request, album.unit)
    form = AlbumForm(request.POST or None, initial=AlbumForm.initial_for(album))
    context = {
        "unit": album.unit,
        "album": album,
        "photos": list(album.photos.all()),
        "can_manage": can_manage,
        "upload_form": PhotoUploadForm() if can_manage else None,
        "evidence": _evidence_choices(album) if can_manage else [],
    }
    return form_page(
        request,
        form,
        lambda data: services.album_save(actor=request.user, unit=album.unit, album=album, **data),
        template="portal/staff/album.html",
        success_url=reverse("portal:staff_album", args=[album.pk]),
        success_message=_("Đã lưu album."),
        context=context,
    )


@login_required
@require_POST
def album_upload(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    album = _album(request, pk, Perm.MANAGE_ARTICLES)
    form = PhotoUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Hãy chọn ít nhất một ảnh."))
        return redirect("portal:staff_album", album.pk)
    try:
        made = services.photos_upload(
            actor=request.user,
            unit=album.unit,
            album=album,
            uploads=form.cleaned_data["photos"],
            caption=form.cleaned_data["caption"],
        )
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Đã tải lên %(n)s ảnh.") % {"n": len(made)})
    return redirect("portal:staff_album", album.pk)


@login_required
@require_POST
def album_promote(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    album = _album(request, pk, Perm.MANAGE_ARTICLES)
    ids = [value for value in request.POST.getlist("evidence") if value.isdigit()]
    try:
        made = services.photos_promote_evidence(
            actor=request.user, album=album, evidence_ids=[int(v) for v in ids]
        )
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Đã đưa %(n)s ảnh minh chứng vào album.") % {"n": len(made)})
    return redirect("portal:staff_album", album.pk)


@login_required
@require_POST
def album_delete(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    album = _album(request, pk, Perm.MANAGE_ARTICLES)
    unit_pk = album.unit_id
    services.album_delete(actor=request.user, album=album)
    messages.success(request, _("Đã xóa album."))
    return redirect("portal:staff_albums", unit_pk)


@login_required
@require_POST
def photo_edit(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    photo = get_for_user(
        Photo.objects.select_related("unit"), request.user, Perm.MANAGE_ARTICLES, pk=pk
    )
    form = PhotoForm(request.POST)
    if form.is_valid():
        services.photo_update(actor=request.user, photo=photo, **form.cleaned_data)
        messages.success(request, _("Đã lưu chú thích."))
    return redirect(_photo_back(photo))


@login_required
@require_POST
def photo_delete(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    photo = get_for_user(
        Photo.objects.select_related("unit"), request.user, Perm.MANAGE_ARTICLES, pk=pk
    )
    back = _photo_back(photo)
    services.photo_delete(actor=request.user, photo=photo)
    messages.success(request, _("Đã xóa ảnh."))
    return redirect(back)


def _photo_back(photo: Photo) -> str:
    if photo.album_id:
        return reverse("portal:staff_album", args=[photo.album_id])
    return reverse("portal:staff_site", args=[photo.unit_id])
