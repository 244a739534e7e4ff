"""Pictures for the public site: checked, cleaned, and kept in the widths pages ask for.

An upload is read no further than the size limit, then cleaned exactly like campaign evidence
(``campaigns.evidence_files.photo_clean``: decoded by Pillow whatever its name says, turned
upright, shrunk to 1600 px, re-encoded as JPEG with no EXIF/GPS, XMP or ICC). From that clean
image the responsive widths are made (``WIDTHS``, never wider than the picture itself), each a
progressive JPEG; pages offer them through ``srcset`` with ``width``/``height`` set.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import IO

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image

from hailong.campaigns.evidence_files import photo_clean, read_limited

WIDTHS = (320, 640, 1280)
JPEG_QUALITY = 82
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
DEFAULT_MAX_FILES = 20


def max_bytes() -> int:
    return int(getattr(settings, "HAILONG_PORTAL_PHOTO_MAX_BYTES", DEFAULT_MAX_BYTES))


def max_files() -> int:
    return int(getattr(settings, "HAILONG_PORTAL_PHOTO_MAX_FILES", DEFAULT_MAX_FILES))


@dataclass(frozen=True)
class Rendition:
    width: int
    height: int
    content: bytes


def renditions_from_upload(upload: IO[bytes]) -> list[Rendition]:
    """The responsive JPEGs of an uploaded picture, smallest first, or ``ServiceError``.

    1. Read at most the portal's limit (a longer file is refused unread).
    2. Clean it like evidence (proves it is an image; drops every metadata block).
    3. Make each width of ``WIDTHS`` narrower than the picture, plus the picture's own width.
    """
    data = read_limited(upload, max_bytes(), "photos")
    clean = photo_clean(io.BytesIO(data))
    return renditions_from_jpeg(clean.content)


def renditions_from_jpeg(content: bytes) -> list[Rendition]:
    """The widths of an already clean JPEG (no metadata), smallest first."""
    with Image.open(io.BytesIO(content)) as opened:
        image = opened.convert("RGB")
    out: list[Rendition] = []
    widths = {w for w in WIDTHS if w < image.width} | {min(image.width, WIDTHS[-1])}
    for width in sorted(widths):
        height = max(1, round(image.height * width / image.width))
        resized = (
            image
            if width == image.width
            else image.resize((width, height), Image.Resampling.LANCZOS)
        )
        buffer = io.BytesIO()
        resized.save(buffer, format="JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
        out.append(Rendition(width, height, buffer.getvalue()))
    return out


def store(token: str, renditions: list[Rendition]) -> None:
    """Write each rendition under ``portal/photos/<token>-<width>.jpg``."""
    for rendition in renditions:
        default_storage.save(
            f"portal/photos/{token}-{rendition.width}.jpg", ContentFile(rendition.content)
        )


def delete(token: str, widths: list[int]) -> None:
    for width in widths:
        default_storage.delete(f"portal/photos/{token}-{width}.jpg")
