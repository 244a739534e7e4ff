"""Evidence photos are checked by their content, limited in size, turned upright, shrunk to
1600 px and re-encoded without any metadata (no GPS position); audio and links are checked."""

from __future__ import annotations

import datetime as dt
import io

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from PIL import ExifTags, Image

from hailong.campaigns.evidence_files import audio_clean, photo_clean
from hailong.campaigns.models import CampaignPlan, Evidence, Occurrence
from hailong.campaigns.recurrence import LOCAL
from hailong.campaigns.samples import sample_jpeg
from hailong.campaigns.services import evidence_add, occurrence_mark
from hailong.campaigns.testing import first_occurrence, ward_activity
from hailong.core.errors import ServiceError
from tests.campaigns_fixtures import plan
from tests.conftest import Cast

__all__ = ["plan"]
LATER = dt.datetime(2026, 10, 1, 9, 0, tzinfo=LOCAL)


def _image(data: bytes) -> Image.Image:
    return Image.open(io.BytesIO(data))


def test_a_phone_photo_loses_its_gps_position_and_every_other_exif_tag() -> None:
    original = sample_jpeg(800, 600)
    assert _image(original).getexif().get_ifd(ExifTags.IFD.GPSInfo)

    clean = photo_clean(io.BytesIO(original))

    image = _image(clean.content)
    assert image.format == "JPEG"
    assert not image.getexif().get_ifd(ExifTags.IFD.GPSInfo)
    assert len(image.getexif()) == 0
    assert b"Exif" not in clean.content[:64]
    assert b"DemoPhone" not in clean.content


def test_a_large_photo_is_shrunk_to_1600_pixels_on_its_long_side() -> None:
    clean = photo_clean(io.BytesIO(sample_jpeg(3000, 2000, gps=False)))

    assert (clean.width, clean.height) == (1600, 1067)
    assert _image(clean.content).size == (1600, 1067)


def test_the_exif_orientation_is_applied_before_it_is_dropped() -> None:
    clean = photo_clean(io.BytesIO(sample_jpeg(800, 600, orientation=6)))

    assert (clean.width, clean.height) == (600, 800)


def test_a_transparent_png_becomes_a_jpeg_on_white() -> None:
    out = io.BytesIO()
    Image.new("RGBA", (40, 20), (255, 0, 0, 0)).save(out, format="PNG")

    clean = photo_clean(io.BytesIO(out.getvalue()))

    assert _image(clean.content).getpixel((5, 5)) == pytest.approx((255, 255, 255), abs=3)


def test_a_file_that_is_not_an_image_is_refused_whatever_its_name() -> None:
    fake = SimpleUploadedFile("anh-hoi-nghi.jpg", b"%PDF-1.7 not a photo at all", "image/jpeg")

    with pytest.raises(ServiceError, match="không phải là ảnh"):
        photo_clean(fake)


def test_a_photo_over_the_limit_is_refused_without_reading_it_all() -> None:
    big = io.BytesIO(b"\xff\xd8" + b"0" * (10 * 1024 * 1024))

    with pytest.raises(ServiceError, match="quá lớn"):
        photo_clean(big)
    assert big.tell() == 10 * 1024 * 1024 + 1


@override_settings(HAILONG_EVIDENCE_PHOTO_MAX_BYTES=1000)
def test_the_limit_comes_from_the_settings() -> None:
    with pytest.raises(ServiceError, match="quá lớn"):
        photo_clean(io.BytesIO(sample_jpeg(400, 300)))


def test_an_image_with_absurd_dimensions_is_refused_before_decoding() -> None:
    out = io.BytesIO()
    Image.new("1", (8000, 8000)).save(out, format="PNG")

    with pytest.raises(ServiceError):
        photo_clean(io.BytesIO(out.getvalue()))


def test_audio_is_recognised_by_its_first_bytes() -> None:
    assert audio_clean(io.BytesIO(b"ID3\x04\x00" + b"\x00" * 100)).extension == "mp3"
    assert audio_clean(io.BytesIO(b"RIFF\x00\x00\x00\x00WAVEfmt ")).extension == "wav"
    assert audio_clean(io.BytesIO(b"\x00\x00\x00\x20ftypM4A ")).extension == "m4a"
    with pytest.raises(ServiceError):
        audio_clean(SimpleUploadedFile("ban-tin.mp3", b"<html>not audio</html>"))


@pytest.fixture
def broadcast(cast: Cast, plan: CampaignPlan) -> Occurrence:
    return first_occurrence(ward_activity(plan, actor=cast.cindy))


def test_marking_done_with_a_photo_stores_the_clean_jpeg(cast: Cast, broadcast: Occurrence) -> None:
    photo = SimpleUploadedFile("IMG_0001.HEIC.jpg", sample_jpeg(2400, 1800), "image/jpeg")

    with time_machine.travel(LATER, tick=False):
        occurrence_mark(actor=cast.cindy, occurrence=broadcast, status="done", photos=[photo])

    evidence = Evidence.objects.get(occurrence=broadcast)
    assert (evidence.kind, evidence.width, evidence.height) == ("photo", 1600, 1200)
    assert evidence.file.name.startswith("campaigns/evidence/")
    assert evidence.file.name.endswith(".jpg")
    assert "IMG_0001" not in evidence.file.name
    with evidence.file.open("rb") as handle:
        assert not _image(handle.read()).getexif().get_ifd(ExifTags.IFD.GPSInfo)


def test_a_bad_photo_refuses_the_whole_mark(cast: Cast, broadcast: Occurrence) -> None:
    fake = SimpleUploadedFile("a.jpg", b"GIF89a-ish nonsense")

    with time_machine.travel(LATER, tick=False), pytest.raises(ServiceError):
        occurrence_mark(actor=cast.cindy, occurrence=broadcast, status="done", photos=[fake])

    broadcast.refresh_from_db()
    assert broadcast.status == "planned"
    assert not Evidence.objects.exists()


@pytest.mark.parametrize(
    "link", ["javascript:alert(1)", "ftp://x.vn/a", "vinhphuc.gov.vn", "http://"]
)
def test_a_link_must_be_a_web_address(cast: Cast, broadcast: Occurrence, link: str) -> None:
    with time_machine.travel(LATER, tick=False), pytest.raises(ServiceError):
        occurrence_mark(actor=cast.cindy, occurrence=broadcast, status="done", link=link)


def test_evidence_can_be_added_after_marking(cast: Cast, broadcast: Occurrence) -> None:
    with time_machine.travel(LATER, tick=False):
        occurrence_mark(actor=cast.cindy, occurrence=broadcast, status="done")
        count = evidence_add(
            actor=cast.cindy,
            occurrence=broadcast,
            photos=[io.BytesIO(sample_jpeg(300, 200))],
            link="https://phuongngocha.example.vn/tin-tuc/khao-sat",
            audio=io.BytesIO(b"ID3\x04" + b"\x00" * 64),
        )

    assert count == 3
    assert sorted(broadcast.evidence.values_list("kind", flat=True)) == ["audio", "link", "photo"]
    with pytest.raises(ServiceError):
        evidence_add(actor=cast.cindy, occurrence=broadcast)
