"""``{% picture photo sizes %}``: a responsive, lazy ``<img>`` with its width and height."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from hailong.portal.models import Photo
from hailong.portal.services import photo_url

register = template.Library()


@register.simple_tag
def picture(photo: Photo, sizes: str = "100vw", alt: str | None = None, eager: bool = False) -> str:
    """``<img src srcset sizes width height loading=lazy alt>`` from the photo's widths."""
    srcset = ", ".join(f"{photo_url(photo, w)} {w}w" for w in photo.widths)
    middle = photo.widths[min(1, len(photo.widths) - 1)] if photo.widths else photo.width
    width, height = photo.size_of(middle)
    return format_html(
        '<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{}"{}>',
        photo_url(photo, middle),
        srcset,
        sizes,
        width,
        height,
        photo.caption if alt is None else alt,
        "" if eager else mark_safe(' loading="lazy" decoding="async"'),
    )


@register.filter
def photo_src(photo: Photo, width: int = 1280) -> str:
    """The URL of the widest stored width not above ``width``."""
    fitting = [w for w in photo.widths if w <= int(width)] or photo.widths[:1]
    return photo_url(photo, fitting[-1] if fitting else None)
