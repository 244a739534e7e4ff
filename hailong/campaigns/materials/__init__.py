"""The registry of campaign materials: one module per kind, the same shape (``base.MaterialKind``).

- ``broadcast``: the loudspeaker script per content topic, its audio (espeak-ng job) or a
  human recording;
- ``leaflet``: the A5 leaflet and the A4 poster (PDF) with the tracked link's QR code;
- ``article``: the website article draft (summary or results) with a chart;
- ``zalo``: the Zalo post and its 1200×630 share image.

To add a kind: a module here with a ``MaterialKind`` subclass, its instance in ``MATERIALS``,
and ``tests/test_campaigns_material_<key>.py``.

``article_draft(material)`` is the one function the public site calls to turn an article draft
into an Article: ``{"title", "summary", "body_html", "image_bytes", "image_svg", "image_alt",
"tracked_url"}`` (the body sanitised with nh3, the chart as PNG and SVG, or ``None``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from hailong.campaigns.materials.article import Article
from hailong.campaigns.materials.base import FileSpec, Generated, MaterialKind
from hailong.campaigns.materials.broadcast import Broadcast
from hailong.campaigns.materials.leaflet import Leaflet
from hailong.campaigns.materials.zalo import ZaloPost

if TYPE_CHECKING:
    from hailong.campaigns.models import Material

MATERIALS: dict[str, MaterialKind] = {
    kind.key: kind for kind in (Broadcast(), Leaflet(), Article(), ZaloPost())
}

__all__ = ["MATERIALS", "FileSpec", "Generated", "MaterialKind", "article_draft", "material_kind"]


def material_kind(key: str) -> MaterialKind | None:
    return MATERIALS.get(key)


def material_choices() -> list[tuple[str, str]]:
    return [(key, str(kind.label)) for key, kind in MATERIALS.items()]


def article_draft(material: Material) -> dict[str, Any]:
    """The article draft as the public site needs it (see ``article.draft``)."""
    from hailong.campaigns.materials.article import draft

    return draft(material)
