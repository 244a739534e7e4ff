"""The public site: home, articles (scheduled ones hidden), feeds, share tags, gallery, embed."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.test import override_settings

from hailong.portal import visitors
from hailong.portal.models import ArticleStatus
from hailong.portal.testing import album, article
from hailong.responses.models import Source, SourceKind
from hailong.surveys.models import WaveStatus
from tests.conftest import Cast
from tests.test_responses_factories import open_wave

ATOM = "{http://www.w3.org/2005/Atom}"
PHONE_UA = "Mozilla/5.0 (Linux; Android 10) AppleWebKit/537.36 Chrome/120 Mobile Safari/537.36"


@pytest.fixture(autouse=True)
def media_and_cache(settings: object, tmp_path: Path) -> Iterator[None]:
    settings.MEDIA_ROOT = tmp_path  # type: ignore[attr-defined]
    settings.SITE_URL = "https://hailong.example.vn"  # type: ignore[attr-defined]
    visitors.store().clear()
    with override_settings(HAILONG_PORTAL_VISIT_FLUSH_SECONDS=0):
        yield
    visitors.store().clear()


def _home(cast: Cast) -> str:
    return f"/trang/{cast.ngoc_ha.pk}/"


def test_the_home_page_shows_articles_photos_and_visitor_figures(cast: Cast) -> None:
    article(cast.ngoc_ha, title="Tin đã đăng", with_image=True)
    album(cast.ngoc_ha, photos=2)
    client = cast.client(None)
    response = client.get(_home(cast), HTTP_USER_AGENT=PHONE_UA)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Tin đã đăng" in body
    assert "Thư viện hình ảnh" in body
    assert 'loading="lazy"' in body
    assert "srcset=" in body
    assert 'width="640"' in body
    assert "Đang trực tuyến" in body
    assert "Số lượt truy cập" in body
    assert "<script" not in body
    assert "Set-Cookie" not in str(response.cookies.output()) or not response.cookies
    assert visitors.total_visits(cast.ngoc_ha.pk) == 1


def test_the_home_page_links_the_open_wave_through_its_website_source(cast: Cast) -> None:
    wave = open_wave(cast.ngoc_ha)
    source = Source.objects.create(wave=wave, kind=SourceKind.WEBSITE, label="Trang phường")
    body = cast.client(None).get(_home(cast)).content.decode()
    assert f"/k/{wave.public_token}/{source.token}/" in body
    assert "<svg" in body
    assert 'role="img"' in body


def test_a_closed_wave_is_not_offered(cast: Cast) -> None:
    wave = open_wave(cast.ngoc_ha)
    wave.status = WaveStatus.CLOSED
    wave.save()
    body = cast.client(None).get(_home(cast)).content.decode()
    assert wave.public_token not in body


def test_a_unit_that_no_longer_exists_points_to_its_successor(cast: Cast) -> None:
    body = cast.client(None).get(f"/trang/{cast.vinh_phuc.pk}/").content.decode()
    assert "30/06/2025" in body
    assert f"/trang/{cast.ngoc_ha.pk}/" in body


def test_drafts_and_scheduled_articles_are_hidden_until_their_time(cast: Cast) -> None:
    later = dt.datetime.now(tz=dt.UTC) + dt.timedelta(days=2)
    scheduled = article(cast.ngoc_ha, title="Tin hẹn giờ", publish_at=later)
    draft = article(cast.ngoc_ha, title="Tin nháp", status=ArticleStatus.DRAFT)
    visible = article(cast.ngoc_ha, title="Tin đã đăng")
    client = cast.client(None)
    listing = client.get(f"{_home(cast)}tin-bai/").content.decode()
    assert "Tin đã đăng" in listing
    assert "Tin hẹn giờ" not in listing
    assert "Tin nháp" not in listing
    for hidden in (scheduled, draft):
        assert client.get(f"{_home(cast)}tin-bai/{hidden.pk}/").status_code == 404
    for feed in ("rss", "atom"):
        assert "Tin hẹn giờ" not in client.get(f"{_home(cast)}tin-bai/{feed}/").content.decode()
    assert client.get(f"{_home(cast)}tin-bai/{visible.pk}/").status_code == 200
    assert client.get(f"/trang/{cast.kinh_bac.pk}/tin-bai/{visible.pk}/").status_code == 404


def test_the_list_is_paginated_and_filtered_by_category(cast: Cast) -> None:
    for n in range(12):
        article(cast.ngoc_ha, title=f"Tin số {n:02d}")
    client = cast.client(None)
    first = client.get(f"{_home(cast)}tin-bai/").content.decode()
    second = client.get(f"{_home(cast)}tin-bai/?trang=2").content.decode()
    assert first.count('class="pt-card"') == 10
    assert second.count('class="pt-card"') == 2
    assert "Trang 1/2" in first
    reform = client.get(f"{_home(cast)}tin-bai/?chuyen-muc=cai-cach-hanh-chinh").content.decode()
    assert 'class="pt-card"' not in reform
    assert client.get(f"{_home(cast)}tin-bai/?trang=abc").status_code == 200


def test_an_article_carries_open_graph_and_twitter_tags_with_an_absolute_image(cast: Cast) -> None:
    made = article(cast.ngoc_ha, title="Khảo sát sự hài lòng năm 2026", with_image=True)
    body = cast.client(None).get(f"{_home(cast)}tin-bai/{made.pk}/").content.decode()
    image = f"https://hailong.example.vn/trang/{cast.ngoc_ha.pk}/thu-vien-anh/anh/{made.image.token}-800.jpg"
    assert '<meta property="og:title" content="Khảo sát sự hài lòng năm 2026">' in body
    assert '<meta property="og:description" content="Tóm tắt của tin bài.">' in body
    assert f'<meta property="og:image" content="{image}">' in body
    assert '<meta property="og:type" content="article">' in body
    assert (
        f'<meta property="og:url" content="https://hailong.example.vn{_home(cast)}tin-bai/{made.pk}/">'
        in body
    )
    assert '<meta name="twitter:card" content="summary_large_image">' in body
    assert f'<meta name="twitter:image" content="{image}">' in body


def test_the_rss_feed_is_valid_rss_2(cast: Cast) -> None:
    made = article(cast.ngoc_ha, title="Loa phát thanh: lịch phát sóng")
    response = cast.client(None).get(f"{_home(cast)}tin-bai/rss/")
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)  # noqa: S314 (our own feed)
    assert root.tag == "rss"
    assert root.get("version") == "2.0"
    items = root.findall("./channel/item")
    assert [i.findtext("title") for i in items] == ["Loa phát thanh: lịch phát sóng"]
    assert items[0].findtext("link", "").endswith(f"/tin-bai/{made.pk}/")
    assert items[0].findtext("pubDate")


def test_the_atom_feed_is_valid_atom(cast: Cast) -> None:
    article(cast.ngoc_ha, title="Phát động tuyên truyền")
    response = cast.client(None).get(f"{_home(cast)}tin-bai/atom/")
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)  # noqa: S314 (our own feed)
    assert root.tag == f"{ATOM}feed"
    entry = root.find(f"{ATOM}entry")
    assert entry is not None
    assert entry.findtext(f"{ATOM}title") == "Phát động tuyên truyền"
    assert entry.find(f"{ATOM}updated") is not None
    assert entry.find(f"{ATOM}id") is not None


def test_the_gallery_lists_published_albums_with_their_photos(cast: Cast) -> None:
    shown = album(cast.ngoc_ha, photos=2, title="Hội nghị triển khai")
    hidden = album(cast.ngoc_ha, photos=1, title="Album nháp")
    hidden.published = False
    hidden.save()
    client = cast.client(None)
    gallery = client.get(f"{_home(cast)}thu-vien-anh/").content.decode()
    assert "Hội nghị triển khai" in gallery
    assert "Album nháp" not in gallery
    page = client.get(f"{_home(cast)}thu-vien-anh/{shown.pk}/").content.decode()
    assert page.count("<figure>") == 2
    assert "Quang cảnh hội nghị" in page
    assert client.get(f"{_home(cast)}thu-vien-anh/{hidden.pk}/").status_code == 404


def test_the_counter_embed_may_be_framed_and_the_rest_may_not(cast: Cast) -> None:
    client = cast.client(None)
    embed = client.get(f"{_home(cast)}nhung/luot-truy-cap/")
    assert embed.status_code == 200
    assert "X-Frame-Options" not in embed
    assert "frame-ancestors *" in embed["Content-Security-Policy"]
    home = client.get(_home(cast))
    assert home["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in home["Content-Security-Policy"]


def test_the_language_link_switches_to_english_and_back(cast: Cast) -> None:
    client = cast.client(None)
    response = client.get(f"{_home(cast)}ngon-ngu/?lang=en&next={_home(cast)}tin-bai/")
    assert response.status_code == 302
    assert response["Location"] == f"{_home(cast)}tin-bai/"
    assert "Online now" in client.get(_home(cast)).content.decode()
    outside = client.get(f"{_home(cast)}ngon-ngu/?lang=vi&next=https://evil.example/")
    assert outside["Location"] == _home(cast)


def test_an_unknown_unit_is_404(cast: Cast) -> None:
    assert cast.client(None).get("/trang/999999/").status_code == 404


def test_the_counter_image_is_an_svg_with_the_figures(cast: Cast) -> None:
    response = cast.client(None).get(
        f"{_home(cast)}nhung/luot-truy-cap/anh.svg", HTTP_USER_AGENT=PHONE_UA
    )
    assert response["Content-Type"].startswith("image/svg+xml")
    root = ET.fromstring(response.content)  # noqa: S314 (our own image)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert "Số lượt truy cập" in response.content.decode()
    assert visitors.total_visits(cast.ngoc_ha.pk) == 1
