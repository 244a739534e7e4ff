"""Checking and cleaning evidence files before they are stored.

Photos from phones carry EXIF metadata, often with the GPS position of whoever took them. A
photo is therefore never stored as uploaded: it is decoded (which also proves it is an image,
whatever its name says), turned upright by its EXIF orientation, shrunk to at most 1600 px, and
re-encoded as a fresh JPEG that carries no metadata at all. Audio is checked by its first bytes
(MP3, WAV, OGG, M4A/AAC, AMR, WebM) and stored as is.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import IO

from django.conf import settings
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from hailong.core.errors import ServiceError

MAX_SIDE = 1600
MAX_PIXELS = 60_000_000  # a 60-megapixel photo is the largest we decode
JPEG_QUALITY = 85
PHOTO_FORMATS = frozenset({"JPEG", "MPO", "PNG", "WEBP", "GIF", "BMP", "TIFF"})
DEFAULT_PHOTO_BYTES = 10 * 1024 * 1024
DEFAULT_AUDIO_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class CleanFile:
    content: bytes
    extension: str
    content_type: str
    width: int | None = None
    height: int | None = None


def max_photo_bytes() -> int:
    return int(getattr(settings, "HAILONG_EVIDENCE_PHOTO_MAX_BYTES", DEFAULT_PHOTO_BYTES))


def max_audio_bytes() -> int:
    return int(getattr(settings, "HAILONG_EVIDENCE_AUDIO_MAX_BYTES", DEFAULT_AUDIO_BYTES))


def read_limited(upload: IO[bytes], limit: int, field: str) -> bytes:
    """Read at most ``limit`` bytes; a longer file is refused without reading it all."""
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise ServiceError(
            _("Tệp quá lớn (tối đa %(mb)s MB).") % {"mb": limit // (1024 * 1024)}, field=field
        )
    return data


def photo_clean(upload: IO[bytes]) -> CleanFile:
    """A safe JPEG from an uploaded photo, or ``ServiceError``.

    1. Refuse more than the size limit (read no further than it).
    2. Decode with Pillow: what it cannot open, or opens as a non-photo format, is refused.
    3. Refuse absurd dimensions before decoding the pixels (decompression bombs).
    4. Apply the EXIF orientation, flatten transparency on white, shrink to ``MAX_SIDE``.
    5. Re-encode as JPEG with no EXIF, no XMP, no ICC: nothing of the original's metadata.
    """
    data = read_limited(upload, max_photo_bytes(), "photos")
    not_image = ServiceError(_("Tệp không phải là ảnh (JPEG, PNG, WebP)."), field="photos")
    try:
        image = Image.open(io.BytesIO(data))
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, ValueError) as exc:
        raise not_image from exc
    if image.format not in PHOTO_FORMATS:
        raise not_image
    if image.width * image.height > MAX_PIXELS:
        raise ServiceError(_("Ảnh có kích thước quá lớn."), field="photos")
    try:
        image.load()
        clean = _flatten(ImageOps.exif_transpose(image))
    except (OSError, ValueError, SyntaxError) as exc:
        raise not_image from exc
    clean.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    clean.save(out, format="JPEG", quality=JPEG_QUALITY, optimize=True)
    return CleanFile(out.getvalue(), "jpg", "image/jpeg", clean.width, clean.height)


def _flatten(image: Image.Image) -> Image.Image:
    """RGB, with any transparency laid on white; a fresh image object with no ``info``."""
    if image.mode in {"RGBA", "LA"} or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, (255, 255, 255))
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    rgb = image.convert("RGB")
    return Image.frombytes("RGB", rgb.size, rgb.tobytes())


AUDIO_SIGNATURES: tuple[tuple[int, bytes, str, str], ...] = (
    # offset, bytes, extension, content type
    (0, b"ID3", "mp3", "audio/mpeg"),
    (0, b"\xff\xfb", "mp3", "audio/mpeg"),
    (0, b"\xff\xf3", "mp3", "audio/mpeg"),
    (0, b"\xff\xf2", "mp3", "audio/mpeg"),
    (0, b"OggS", "ogg", "audio/ogg"),
    (0, b"#!AMR", "amr", "audio/amr"),
    (0, b"\x1aE\xdf\xa3", "webm", "audio/webm"),
    (0, b"\xff\xf1", "aac", "audio/aac"),
    (0, b"\xff\xf9", "aac", "audio/aac"),
    (4, b"ftyp", "m4a", "audio/mp4"),
)


def audio_clean(upload: IO[bytes]) -> CleanFile:
    """The uploaded audio if its content is a known audio format, else ``ServiceError``."""
    data = read_limited(upload, max_audio_bytes(), "audio")
    if data[:4] == b"RIFF" and data[8:12] == b"WAVE":
        return CleanFile(data, "wav", "audio/wav")
    for offset, signature, extension, content_type in AUDIO_SIGNATURES:
        if data[offset : offset + len(signature)] == signature:
            return CleanFile(data, extension, content_type)
    raise ServiceError(_("Tệp không phải là âm thanh (MP3, WAV, OGG, M4A, AMR)."), field="audio")
