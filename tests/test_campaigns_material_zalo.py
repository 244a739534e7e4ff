"""The Zalo post: its text with its own tracked link, and a 1200×630 share image whose
Vietnamese letters are drawn in a font that has them."""

from __future__ import annotations

import io

from PIL import Image, ImageFont

from hailong.campaigns import services
from hailong.campaigns.materials import MATERIALS
from hailong.campaigns.materials.zalo import SHARE_SIZE
from hailong.campaigns.models import CampaignPlan
from hailong.core.fonts import font_path
from hailong.responses.models import SourceKind
from tests.campaigns_fixtures import plan
from tests.campaigns_materials_fixtures import wave_plan
from tests.conftest import Cast

__all__ = ["plan", "wave_plan"]


def test_the_post_carries_its_own_link_and_a_share_image(
    cast: Cast, wave_plan: CampaignPlan
) -> None:
    post = services.material_create(
        actor=cast.cindy, plan=wave_plan, kind="zalo", link_label="Zalo nhóm Hội Phụ nữ"
    )
    assert post.source is not None
    assert (post.source.kind, post.source.label) == (SourceKind.ZALO, "Zalo nhóm Hội Phụ nữ")
    assert f"/{post.source.token}/" in post.text
    assert "phường Ngọc Hà" in post.text

    spec = MATERIALS["zalo"].file_spec("anh-chia-se")
    assert spec is not None
    image = Image.open(io.BytesIO(spec.build(post)))
    assert (image.format, image.size) == ("PNG", SHARE_SIZE) == ("PNG", (1200, 630))
    assert image.getpixel((5, 5)) == (163, 20, 27)  # the red band


def test_the_share_images_font_has_every_vietnamese_letter() -> None:
    from matplotlib.ft2font import FT2Font

    from hailong.reports.charts import _VIETNAMESE

    for bold in (False, True):
        charmap = FT2Font(font_path(bold)).get_charmap()
        assert all(ord(ch) in charmap for ch in _VIETNAMESE)
        ImageFont.truetype(font_path(bold), 20)
