"""Staff pages of the public site: who may read, who may write, evidence promotion."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from hailong.campaigns.models import Evidence
from hailong.campaigns.testing import first_occurrence, ward_activity, ward_plan
from hailong.portal import services
from hailong.portal.models import Album, Article, ArticleStatus, Photo
from hailong.portal.testing import album, article, gps_exif, jpeg_bytes, upload
from tests.conftest import Cast


@pytest.fixture(autouse=True)
def media(settings: object, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path  # type: ignore[attr-defined]


def _form(**extra: object) -> dict[str, object]:
    return {
        "title": "Phát động tuyên truyền khảo sát",
        "summary": "UBND phường phát động đợt tuyên truyền.",
        "body_html": '<p onclick="x()">Nội dung<script>alert(1)</script></p>',
        "category": "khao-sat",
        "status": "published",
        "publish_date": "",
        "publish_time": "",
        "author_unit": "",
        **extra,
    }


def test_the_communication_officer_writes_a_sanitised_article(cast: Cast) -> None:
    client = cast.client(cast.cindy)
    url = reverse("portal:staff_article_create", args=[cast.ngoc_ha.pk])
    response = client.post(url, _form(image=upload(name="a.jpg")))
    assert response.status_code == 302
    made = Article.objects.get()
    assert made.body_html == "<p>Nội dung</p>"
    assert made.status == ArticleStatus.PUBLISHED
    assert made.publish_at is not None
    assert made.image is not None
    assert made.author_unit == "Phường Ngọc Hà"


def test_a_future_date_schedules_the_article(cast: Cast) -> None:
    client = cast.client(cast.cindy)
    url = reverse("portal:staff_article_create", args=[cast.ngoc_ha.pk])
    client.post(url, _form(publish_date="01/01/2099", publish_time="08:30"))
    made = Article.objects.get()
    local = timezone.localtime(made.publish_at)
    assert (local.day, local.month, local.year, local.hour, local.minute) == (1, 1, 2099, 8, 30)
    assert cast.client(None).get(f"/trang/{cast.ngoc_ha.pk}/tin-bai/{made.pk}/").status_code == 404


def test_a_non_image_is_refused_in_vietnamese_on_the_form(cast: Cast) -> None:
    client = cast.client(cast.cindy)
    url = reverse("portal:staff_article_create", args=[cast.ngoc_ha.pk])
    bad = io.BytesIO(b"MZ\x90\x00 not a picture")
    bad.name = "anh.jpg"
    response = client.post(url, _form(image=bad))
    assert response.status_code == 400
    assert "Tệp không phải là ảnh (JPEG, PNG, WebP)." in response.content.decode()
    assert not Article.objects.exists()


def test_the_viewer_reads_but_cannot_change_anything(cast: Cast) -> None:
    made = article(cast.ngoc_ha, status=ArticleStatus.DRAFT)
    gallery = album(cast.ngoc_ha)
    client = cast.client(cast.bob)
    for name, args in [
        ("portal:staff_site", [cast.ngoc_ha.pk]),
        ("portal:staff_articles", [cast.ngoc_ha.pk]),
        ("portal:staff_article", [made.pk]),
        ("portal:staff_albums", [cast.ngoc_ha.pk]),
        ("portal:staff_album", [gallery.pk]),
    ]:
        page = client.get(reverse(name, args=args))
        assert page.status_code == 200, name
        assert "Viết tin bài" not in page.content.decode()
    assert (
        client.get(reverse("portal:staff_article_create", args=[cast.ngoc_ha.pk])).status_code
        == 403
    )
    assert client.get(reverse("portal:staff_article_edit", args=[made.pk])).status_code == 403
    assert client.post(reverse("portal:staff_article_delete", args=[made.pk])).status_code == 403
    assert (
        client.post(
            reverse("portal:staff_albums", args=[cast.ngoc_ha.pk]), {"title": "x"}
        ).status_code
        == 403
    )
    photo = gallery.photos.get()
    assert client.post(reverse("portal:staff_photo_delete", args=[photo.pk])).status_code == 403
    assert Article.objects.filter(pk=made.pk).exists()
    assert Photo.objects.filter(pk=photo.pk).exists()


def test_the_outsider_sees_nothing(cast: Cast) -> None:
    made = article(cast.ngoc_ha)
    client = cast.client(cast.charlie)
    assert client.get(reverse("portal:staff_site", args=[cast.ngoc_ha.pk])).status_code == 404
    assert client.get(reverse("portal:staff_article", args=[made.pk])).status_code == 404
    assert client.post(reverse("portal:staff_article_delete", args=[made.pk])).status_code == 404


def test_the_staff_site_page_shows_both_embed_snippets(cast: Cast) -> None:
    body = (
        cast.client(cast.cindy)
        .get(reverse("portal:staff_site", args=[cast.ngoc_ha.pk]))
        .content.decode()
    )
    assert "&lt;iframe src=&quot;" in body
    assert "nhung/luot-truy-cap/" in body
    assert "Đoạn HTML (ảnh)" in body
    assert "luot-truy-cap/anh.svg" in body


def test_the_article_list_queries_stay_few(
    cast: Cast, django_assert_max_num_queries: object
) -> None:
    for n in range(15):
        article(cast.ngoc_ha, title=f"Tin {n}")
    client = cast.client(cast.bob)
    with django_assert_max_num_queries(12):  # type: ignore[operator]
        assert (
            client.get(reverse("portal:staff_articles", args=[cast.ngoc_ha.pk])).status_code == 200
        )


def test_staff_upload_several_photos_into_an_album(cast: Cast) -> None:
    gallery = album(cast.ngoc_ha, photos=0)
    client = cast.client(cast.cindy)
    response = client.post(
        reverse("portal:staff_album_upload", args=[gallery.pk]),
        {"photos": [upload(name="1.jpg"), upload(name="2.png")], "caption": "Hội nghị"},
    )
    assert response.status_code == 302
    assert gallery.photos.count() == 2


def _evidence_photo(cast: Cast) -> Evidence:
    plan = ward_plan(cast.ngoc_ha, drafter=cast.cindy, approver=cast.alice)
    occurrence = first_occurrence(ward_activity(plan, actor=cast.cindy))
    evidence = Evidence(
        occurrence=occurrence,
        kind="photo",
        extension="jpg",
        uploaded_at=timezone.now(),
        width=1200,
        height=900,
    )
    evidence.file.save("e.jpg", ContentFile(jpeg_bytes(1200, 900)), save=True)
    return evidence


def test_evidence_photos_are_promoted_to_the_gallery_once(cast: Cast) -> None:
    evidence = _evidence_photo(cast)
    gallery = album(cast.ngoc_ha, photos=0)
    client = cast.client(cast.cindy)
    page = client.get(reverse("portal:staff_album", args=[gallery.pk])).content.decode()
    assert f'value="{evidence.pk}"' in page
    url = reverse("portal:staff_album_promote", args=[gallery.pk])
    client.post(url, {"evidence": [str(evidence.pk)]})
    client.post(url, {"evidence": [str(evidence.pk)]})
    photo = gallery.photos.get()
    assert photo.evidence_id == evidence.pk
    assert photo.widths == [320, 640, 1200]


def test_evidence_of_another_ward_cannot_be_promoted(cast: Cast) -> None:
    evidence = _evidence_photo(cast)
    other = services.album_save(actor=None, unit=cast.kinh_bac, title="Album Kinh Bắc")
    from hailong.core.errors import ServiceError

    with pytest.raises(ServiceError):
        services.photos_promote_evidence(
            actor=cast.charlie, album=other, evidence_ids=[evidence.pk]
        )
    assert not Album.objects.get(pk=other.pk).photos.exists()


def test_an_image_added_to_the_body_is_a_figure_of_our_own_image(cast: Cast) -> None:
    made = article(cast.ngoc_ha)
    client = cast.client(cast.cindy)
    client.post(
        reverse("portal:staff_article_image", args=[made.pk]),
        {"image": upload(jpeg_bytes(1600, 1200, exif=gps_exif())), "caption": "Bàn một cửa"},
    )
    made.refresh_from_db()
    assert '<figure><img src="/trang/' in made.body_html
    assert "<figcaption>Bàn một cửa</figcaption>" in made.body_html
    photo = Photo.objects.get(album__isnull=True, caption="Bàn một cửa")
    assert f"{photo.token}-640.jpg" in made.body_html


def test_the_unit_page_links_to_the_site_pages(cast: Cast) -> None:
    body = (
        cast.client(cast.bob).get(reverse("units:detail", args=[cast.ngoc_ha.pk])).content.decode()
    )
    assert reverse("portal:staff_site", args=[cast.ngoc_ha.pk]) in body
    assert f"/trang/{cast.ngoc_ha.pk}/" in body
