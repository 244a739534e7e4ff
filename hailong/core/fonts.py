"""The font for pictures drawn with Pillow (share images, the results PNG, demo pictures).

Noto Sans (Debian ``fonts-noto-core``) first, Liberation Sans 2 (``fonts-liberation2``) as a
fallback: both have every Vietnamese letter, which the old ``fonts-liberation`` lacks. Both
packages are installed by ``scripts/system-deps.sh``. No matplotlib here: finding a file must
not cost a web request the charting library's import.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from PIL import ImageFont

FONT_FILES = {
    False: (
        "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
        "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf",
    ),
    True: (
        "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf",
        "/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf",
    ),
}


@lru_cache(maxsize=2)
def font_path(bold: bool = False) -> str | None:
    """The first installed file of the family, regular or bold; ``None`` if none is."""
    return next((path for path in FONT_FILES[bold] if Path(path).exists()), None)


@lru_cache(maxsize=32)
def pil_font(size: int, *, bold: bool = False) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """That font at ``size`` pixels (Pillow's own default font if neither package is there)."""
    path = font_path(bold)
    return ImageFont.truetype(path, size) if path else ImageFont.load_default(size)
