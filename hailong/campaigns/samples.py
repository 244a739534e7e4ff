"""Made-up photos for the demo and the tests: small JPEGs that carry a fake GPS position, so
that the evidence pipeline has something to strip."""

from __future__ import annotations

import io

from PIL import ExifTags, Image, ImageDraw

# Somewhere on Vĩnh Phúc street, Ba Đình (degrees, minutes, seconds): a realistic leak to strip.
FAKE_LATITUDE = (21.0, 2.0, 38.5)
FAKE_LONGITUDE = (105.0, 48.0, 31.2)


def sample_jpeg(
    width: int = 800,
    height: int = 600,
    *,
    colour: tuple[int, int, int] = (40, 110, 160),
    gps: bool = True,
    orientation: int = 1,
    seed: int = 0,
) -> bytes:
    """A JPEG with a few shapes, camera EXIF and (by default) a GPS position."""
    image = Image.new("RGB", (width, height), colour)
    draw = ImageDraw.Draw(image)
    for i in range(6):
        offset = (seed * 37 + i * 53) % max(1, min(width, height) // 2)
        box = (offset, offset // 2, width - offset // 3, height - offset)
        if box[2] > box[0] and box[3] > box[1]:
            draw.rectangle(box, outline=(255, 255, 255), width=3)
    draw.ellipse((width // 3, height // 3, width // 2, height // 2), fill=(230, 190, 60))
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "DemoPhone"
    exif[ExifTags.Base.Model] = "Demo 1"
    exif[ExifTags.Base.Orientation] = orientation
    if gps:
        exif.get_ifd(ExifTags.IFD.GPSInfo).update(
            {
                ExifTags.GPS.GPSLatitudeRef: "N",
                ExifTags.GPS.GPSLatitude: FAKE_LATITUDE,
                ExifTags.GPS.GPSLongitudeRef: "E",
                ExifTags.GPS.GPSLongitude: FAKE_LONGITUDE,
            }
        )
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=80, exif=exif)
    return out.getvalue()
