"""Photos for the public site: limits, real images only, metadata gone, responsive widths."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.test import override_settings
from PIL import Image

from hailong.core.errors import ServiceError
from hailong.portal import services
from hailong.portal.testing import gps_exif, jpeg_bytes, upload
from tests.conftest import Cast


@pytest.fixture(autouse=True)
def media(settings: object, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path  # type: ignore[attr-defined]


def test_it_strips_the_gps_position_and_every_exif_field(cast: Cast) -> None:
    original = jpeg_bytes(2000, 1500, exif=gps_exif())
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(0x8825)  # the test photo has GPS
    photo = services.photos_upload(actor=cast.cindy, unit=cast.ngoc_ha, uploads=[upload(original)])[
        0
    ]
    for width in photo.widths:
        with default_storage.open(photo.file_name(width), "rb") as handle:
            stored = Image.open(io.BytesIO(handle.read()))
        assert dict(stored.getexif()) == {}
        assert "exif" not in stored.info
        assert "icc_profile" not in stored.info
        assert stored.format == "JPEG"


def test_it_makes_320_640_and_1280_pixel_widths_from_a_big_photo(cast: Cast) -> None:
    photo = services.photos_upload(
        actor=cast.cindy, unit=cast.ngoc_ha, uploads=[upload(jpeg_bytes(2000, 1500))]
    )[0]
    assert photo.variants == [[320, 240], [640, 480], [1280, 960]]
    assert (photo.width, photo.height) == (1280, 960)


def test_a_small_photo_is_never_enlarged(cast: Cast) -> None:
    photo = services.photos_upload(
        actor=cast.cindy, unit=cast.ngoc_ha, uploads=[upload(jpeg_bytes(500, 250))]
    )[0]
    assert photo.variants == [[320, 160], [500, 250]]


def test_it_refuses_a_file_that_is_not_an_image_whatever_its_name(cast: Cast) -> None:
    with pytest.raises(ServiceError) as caught:
        services.photos_upload(
            actor=cast.cindy,
            unit=cast.ngoc_ha,
            uploads=[upload(b"<?php system($_GET['c']); ?>", name="anh.jpg")],
        )
    assert caught.value.message == "Tệp không phải là ảnh (JPEG, PNG, WebP)."


@override_settings(HAILONG_PORTAL_PHOTO_MAX_BYTES=1024 * 1024)
def test_it_refuses_a_file_over_the_size_limit(cast: Cast) -> None:
    big = upload(b"\xff\xd8" + b"0" * (1024 * 1024 + 10))
    with pytest.raises(ServiceError) as caught:
        services.photos_upload(actor=cast.cindy, unit=cast.ngoc_ha, uploads=[big])
    assert caught.value.message == "Tệp quá lớn (tối đa 1 MB)."


@override_settings(HAILONG_PORTAL_PHOTO_MAX_FILES=2)
def test_it_refuses_too_many_files_at_once_and_stores_none(cast: Cast, tmp_path: Path) -> None:
    with pytest.raises(ServiceError) as caught:
        services.photos_upload(
            actor=cast.cindy, unit=cast.ngoc_ha, uploads=[upload() for _ in range(3)]
        )
    assert caught.value.message == "Mỗi lần chỉ tải lên tối đa 2 ảnh."
    assert not list(tmp_path.rglob("*.jpg"))


def test_one_bad_file_refuses_the_whole_upload(cast: Cast, tmp_path: Path) -> None:
    with pytest.raises(ServiceError):
        services.photos_upload(
            actor=cast.cindy, unit=cast.ngoc_ha, uploads=[upload(), upload(b"not an image")]
        )
    assert not list(tmp_path.rglob("*.jpg"))


def test_a_viewer_may_not_upload(cast: Cast) -> None:
    with pytest.raises(ServiceError) as caught:
        services.photos_upload(actor=cast.bob, unit=cast.ngoc_ha, uploads=[upload()])
    assert caught.value.code == "forbidden"


def test_the_public_image_url_serves_the_file_with_a_long_cache(cast: Cast) -> None:
    photo = services.photos_upload(actor=cast.cindy, unit=cast.ngoc_ha, uploads=[upload()])[0]
    response = cast.client(None).get(services.photo_url(photo, 320))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert "immutable" in response["Cache-Control"]
    other_unit = f"/trang/{cast.kinh_bac.pk}/thu-vien-anh/anh/{photo.token}-320.jpg"
    assert cast.client(None).get(other_unit).status_code == 404
    assert cast.client(None).get(services.photo_url(photo, 321)).status_code == 404
