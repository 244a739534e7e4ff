"""Writes of the public site: articles, photos, albums, promoted evidence, visit flushing.

Every service checks ``articles.manage`` on the unit (``accounts.scope.user_can``) and raises
``ServiceError`` with a Vietnamese message for anything a person could get wrong.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Mapping, Sequence
from typing import IO, TYPE_CHECKING, Any

from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _

from hailong.accounts.roles import Perm
from hailong.accounts.scope import user_can
from hailong.campaigns.models import Evidence, EvidenceKind, Material
from hailong.core.errors import PermissionDenied, ServiceError
from hailong.core.text import clean_line, nfc
from hailong.portal import images
from hailong.portal.models import Album, Article, ArticleCategory, ArticleStatus, Photo
from hailong.portal.sanitize import clean_html, text_from_html
from hailong.units.models import AdministrativeUnit

if TYPE_CHECKING:
    from hailong.accounts.models import User

MAX_TITLE = 250
MAX_SUMMARY = 600
MAX_BODY = 200_000
MAX_CAPTION = 300


def _require(actor: User | None, unit: AdministrativeUnit) -> None:
    if actor is not None and not user_can(actor, Perm.MANAGE_ARTICLES, unit):
        raise PermissionDenied(_("Bạn không được quản lý trang thông tin của đơn vị này."))


def photo_url(photo: Photo, width: int | None = None) -> str:
    """The public URL of one width of ``photo`` (the largest by default)."""
    chosen = width if width is not None else (photo.widths[-1] if photo.widths else photo.width)
    return reverse("portal:photo_file", args=[photo.unit_id, f"{photo.token}-{chosen}.jpg"])


# --- photos -------------------------------------------------------------------------------


def _photo_save(
    *,
    actor: User | None,
    unit: AdministrativeUnit,
    renditions: list[images.Rendition],
    album: Album | None,
    caption: str,
    evidence: Evidence | None = None,
) -> Photo:
    largest = renditions[-1]
    position = (album.photos.count() if album is not None else 0) + 1
    photo = Photo(
        unit=unit,
        album=album,
        caption=clean_line(caption)[:MAX_CAPTION],
        width=largest.width,
        height=largest.height,
        variants=[[r.width, r.height] for r in renditions],
        bytes=sum(len(r.content) for r in renditions),
        position=position,
        evidence=evidence,
        created_by=actor,
    )
    images.store(photo.token, renditions)
    try:
        photo.save()
    except Exception:
        images.delete(photo.token, photo.widths)
        raise
    return photo


def photos_upload(
    *,
    actor: User | None,
    unit: AdministrativeUnit,
    uploads: Sequence[IO[bytes]],
    album: Album | None = None,
    caption: str = "",
) -> list[Photo]:
    """Store uploaded pictures (all checked before any is written); return the new photos.

    1. The actor manages the unit's site; at most ``images.max_files()`` files at once.
    2. Each file: size limit, decoded as an image, metadata dropped, widths made.
    3. Write the files and rows; a failing row removes its files.
    """
    _require(actor, unit)
    if album is not None and album.unit_id != unit.pk:
        raise ServiceError(_("Album không thuộc đơn vị này."))
    if not uploads:
        raise ServiceError(_("Hãy chọn ít nhất một ảnh."), field="photos")
    if len(uploads) > images.max_files():
        raise ServiceError(
            _("Mỗi lần chỉ tải lên tối đa %(n)s ảnh.") % {"n": images.max_files()}, field="photos"
        )
    prepared = [images.renditions_from_upload(upload) for upload in uploads]
    with transaction.atomic():
        return [
            _photo_save(actor=actor, unit=unit, renditions=r, album=album, caption=caption)
            for r in prepared
        ]


def photo_update(*, actor: User, photo: Photo, caption: str, position: int | None = None) -> Photo:
    _require(actor, photo.unit)
    photo.caption = clean_line(caption)[:MAX_CAPTION]
    if position is not None:
        photo.position = max(0, position)
    photo.save(update_fields=["caption", "position"])
    return photo


def photo_delete(*, actor: User, photo: Photo) -> None:
    """Remove a photo and its files (an article that used it as its image keeps no image)."""
    _require(actor, photo.unit)
    token, widths = photo.token, photo.widths
    photo.delete()
    transaction.on_commit(lambda: images.delete(token, widths))


def photos_promote_evidence(
    *, actor: User, album: Album, evidence_ids: Iterable[int]
) -> list[Photo]:
    """Copy campaign evidence photos of the album's unit (or its groups) into the album.

    Evidence photos are already cleaned (no metadata, ≤ 1600 px); only the widths are made.
    A photo already promoted to this album is skipped, so the action can be repeated.
    """
    _require(actor, album.unit)
    wanted = sorted({int(pk) for pk in evidence_ids})
    if not wanted:
        raise ServiceError(_("Hãy chọn ít nhất một ảnh minh chứng."), field="evidence")
    rows = list(
        Evidence.objects.filter(
            pk__in=wanted,
            kind=EvidenceKind.PHOTO,
            occurrence__plan__unit__path__startswith=album.unit.path,
        )
    )
    if len(rows) != len(wanted):
        raise ServiceError(_("Có ảnh minh chứng không thuộc đơn vị này."), field="evidence")
    done = set(album.photos.filter(evidence__in=rows).values_list("evidence_id", flat=True))
    made: list[Photo] = []
    for evidence in rows:
        if evidence.pk in done:
            continue
        with evidence.file.open("rb") as handle:
            renditions = images.renditions_from_jpeg(handle.read())
        caption = evidence.occurrence.activity.title if evidence.occurrence_id else ""
        try:
            with transaction.atomic():
                made.append(
                    _photo_save(
                        actor=actor,
                        unit=album.unit,
                        renditions=renditions,
                        album=album,
                        caption=caption,
                        evidence=evidence,
                    )
                )
        except IntegrityError:  # promoted by someone else meanwhile
            continue
    return made


# --- albums -------------------------------------------------------------------------------


def album_save(
    *,
    actor: User | None,
    unit: AdministrativeUnit,
    title: str,
    description: str = "",
    published: bool = True,
    taken_on: dt.date | None = None,
    album: Album | None = None,
) -> Album:
    _require(actor, unit)
    title = clean_line(title)
    if not title:
        raise ServiceError(_("Hãy nhập tên album."), field="title")
    album = album or Album(unit=unit, created_by=actor)
    album.title = title[:200]
    album.description = nfc(description).strip()[:2000]
    album.published = published
    album.taken_on = taken_on
    album.save()
    return album


def album_delete(*, actor: User, album: Album) -> None:
    _require(actor, album.unit)
    files = [(p.token, p.widths) for p in album.photos.all()]
    album.delete()

    def remove_files() -> None:
        for token, widths in files:
            images.delete(token, widths)

    transaction.on_commit(remove_files)


# --- articles -----------------------------------------------------------------------------


def article_save(
    *,
    actor: User | None,
    unit: AdministrativeUnit,
    title: str,
    summary: str,
    body_html: str = "",
    category: str = ArticleCategory.NEWS,
    status: str = ArticleStatus.DRAFT,
    publish_at: dt.datetime | None = None,
    author_unit: str = "",
    image: IO[bytes] | None = None,
    article: Article | None = None,
    now: dt.datetime | None = None,
) -> Article:
    """Create or update an article; the body is sanitised here, on every save.

    1. The actor manages the unit's site; title and summary are required, sizes bounded.
    2. The body goes through ``sanitize.clean_html`` (no script, handlers, style, foreign images).
    3. Publishing without a date publishes now; a future date schedules it (hidden until then).
    4. A new image replaces the article's image (cleaned and resized like any photo).
    """
    _require(actor, unit)
    title, summary = clean_line(title), " ".join(nfc(summary).split())
    if not title:
        raise ServiceError(_("Hãy nhập tiêu đề."), field="title")
    if len(title) > MAX_TITLE:
        raise ServiceError(_("Tiêu đề quá dài (tối đa 250 ký tự)."), field="title")
    if not summary:
        raise ServiceError(_("Hãy nhập tóm tắt."), field="summary")
    if len(summary) > MAX_SUMMARY:
        raise ServiceError(_("Tóm tắt quá dài (tối đa 600 ký tự)."), field="summary")
    if len(body_html) > MAX_BODY:
        raise ServiceError(_("Nội dung quá dài."), field="body_html")
    if category not in ArticleCategory.values:
        raise ServiceError(_("Chuyên mục không hợp lệ."), field="category")
    if status not in ArticleStatus.values:
        raise ServiceError(_("Trạng thái không hợp lệ."), field="status")
    if status == ArticleStatus.PUBLISHED and publish_at is None:
        publish_at = now or timezone.now()
    renditions = images.renditions_from_upload(image) if image is not None else None
    article = article or Article(unit=unit, created_by=actor)
    article.title = title
    article.summary = summary
    article.body_html = clean_html(body_html)
    article.category = category
    article.status = status
    article.publish_at = publish_at
    article.author_unit = clean_line(author_unit)[:200] or unit.name
    with transaction.atomic():
        if renditions is not None:
            article.image = _photo_save(
                actor=actor, unit=unit, renditions=renditions, album=None, caption=title
            )
        article.save()
    return article


def article_image_add(
    *, actor: User, article: Article, upload: IO[bytes], caption: str = ""
) -> Photo:
    """Add a picture at the end of the article's body, as a figure with its caption."""
    _require(actor, article.unit)
    photo = photos_upload(actor=actor, unit=article.unit, uploads=[upload], caption=caption)[0]
    middle = photo.widths[min(1, len(photo.widths) - 1)]
    width, height = photo.size_of(middle)
    figure = format_html(
        '<figure><img src="{}" alt="{}" width="{}" height="{}">{}</figure>',
        photo_url(photo, middle),
        photo.caption,
        width,
        height,
        format_html("<figcaption>{}</figcaption>", photo.caption) if photo.caption else "",
    )
    article.body_html = clean_html(f"{article.body_html}\n{figure}")
    article.save(update_fields=["body_html", "updated_at"])
    return photo


def article_delete(*, actor: User, article: Article) -> None:
    _require(actor, article.unit)
    article.delete()


def article_create_from_draft(
    *,
    actor: User | None,
    unit: AdministrativeUnit,
    draft: Mapping[str, Any],
    material: Material | None = None,
) -> Article:
    """A draft article from a campaign material (``campaigns.materials.article_draft``).

    ``draft`` has ``title``, ``summary``, ``body_html`` and an image as ``image_bytes`` (PNG or
    JPEG bytes) or ``image`` (bytes, a file-like object, or something with a ``file``, such as
    campaign ``Evidence``). The article stays a draft for staff to review; made from a
    ``material``, it remembers it, and a second call returns the same article.
    """
    if material is not None:
        existing = Article.objects.filter(unit=unit, material=material).first()
        if existing is not None:
            return existing
    body = str(draft.get("body_html") or "")
    summary = str(draft.get("summary") or "") or text_from_html(body)[:300]
    article = article_save(
        actor=actor,
        unit=unit,
        title=str(draft.get("title") or ""),
        summary=summary,
        body_html=body,
        category=str(draft.get("category") or ArticleCategory.SURVEY),
        status=ArticleStatus.DRAFT,
        image=_draft_image(draft),
    )
    if material is not None:
        article.material = material
        article.save(update_fields=["material"])
    return article


def _draft_image(draft: Mapping[str, Any]) -> IO[bytes] | None:
    image = draft.get("image_bytes") or draft.get("image")
    if isinstance(image, bytes):
        return io.BytesIO(image)
    if image is not None and hasattr(image, "read"):
        return image  # type: ignore[no-any-return]
    if image is not None and getattr(image, "file", None):
        with default_storage.open(image.file.name, "rb") as handle:
            return io.BytesIO(handle.read())
    return None
