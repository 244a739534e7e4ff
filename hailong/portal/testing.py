"""Factories for tests of the public site: real JPEGs, an article, an album with a photo."""

from __future__ import annotations

import datetime as dt
import io

from django.utils import timezone
from PIL import Image

from hailong.portal import services
from hailong.portal.models import Album, Article, ArticleStatus, Photo
from hailong.units.models import AdministrativeUnit


def jpeg_bytes(
    width: int = 800,
    height: int = 600,
    color: tuple[int, int, int] = (30, 110, 170),
    exif: bytes | None = None,
) -> bytes:
    """A real JPEG, optionally carrying the given EXIF block."""
    buffer = io.BytesIO()
    image = Image.new("RGB", (width, height), color)
    if exif is None:
        image.save(buffer, format="JPEG", quality=80)
    else:
        image.save(buffer, format="JPEG", quality=80, exif=exif)
    return buffer.getvalue()


def gps_exif() -> bytes:
    """An EXIF block with a GPS position (Hà Nội) and a camera model."""
    exif = Image.Exif()
    exif[0x0110] = "Phone X"  # Model
    gps = {1: "N", 2: (21.0, 2.0, 30.0), 3: "E", 4: (105.0, 49.0, 10.0)}
    exif[0x8825] = gps  # GPSInfo
    return exif.tobytes()


def upload(data: bytes | None = None, name: str = "anh.jpg") -> io.BytesIO:
    buffer = io.BytesIO(data if data is not None else jpeg_bytes())
    buffer.name = name
    return buffer


def article(
    unit: AdministrativeUnit,
    *,
    title: str = "Phường triển khai khảo sát sự hài lòng",
    status: str = ArticleStatus.PUBLISHED,
    publish_at: dt.datetime | None = None,
    with_image: bool = False,
    body_html: str = "<p>Nội dung.</p>",
) -> Article:
    return services.article_save(
        actor=None,
        unit=unit,
        title=title,
        summary="Tóm tắt của tin bài.",
        body_html=body_html,
        status=status,
        publish_at=publish_at or (timezone.now() - dt.timedelta(hours=1)),
        image=upload() if with_image else None,
    )


def album(
    unit: AdministrativeUnit, *, photos: int = 1, title: str = "Hội nghị triển khai"
) -> Album:
    made = services.album_save(actor=None, unit=unit, title=title)
    if photos:
        services.photos_upload(
            actor=None,
            unit=unit,
            album=made,
            uploads=[upload() for _ in range(photos)],
            caption="Quang cảnh hội nghị",
        )
    return made


def photo(unit: AdministrativeUnit) -> Photo:
    return album(unit).photos.get()
