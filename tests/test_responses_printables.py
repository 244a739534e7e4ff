"""The A4 poster and the A6 desk card: a QR code, the ward's name and the call to action,
with every Vietnamese letter intact in the PDF."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from django.urls import reverse

from hailong.responses.services import source_create
from tests.conftest import Cast
from tests.test_responses_factories import fresh_cache, open_wave  # noqa: F401

pytestmark = pytest.mark.usefixtures("fresh_cache")
CALL = "Quét mã để đánh giá sự phục vụ của UBND phường Ngọc Hà — chỉ mất 3 phút, không cần ghi tên"


def _text(pdf: bytes, tmp_path: Path) -> tuple[str, str]:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    path = tmp_path / "out.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return " ".join(text.split()), info


@pytest.mark.parametrize(
    ("name", "size"), [("source_poster", "595.276 x 841.89"), ("source_card", "297.638 x 419.528")]
)
def test_the_printable_has_the_ward_the_call_to_action_and_the_link(
    cast: Cast, tmp_path: Path, name: str, size: str
) -> None:
    wave = open_wave(cast.ngoc_ha)
    source = source_create(
        actor=cast.alice, wave=wave, kind="to_roi", label="Tờ rơi Tổ dân phố số 1"
    )
    response = cast.client(cast.bob).get(reverse(f"responses:{name}", args=[wave.pk, source.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text, info = _text(response.content, tmp_path)

    assert "ỦY BAN NHÂN DÂN PHƯỜNG NGỌC HÀ" in text.upper()
    assert CALL in text
    assert source.token in text.replace(" ", "")
    assert size in info


def test_the_qr_code_file_is_an_svg_of_the_source_link(cast: Cast) -> None:
    wave = open_wave(cast.ngoc_ha)
    source = source_create(
        actor=cast.alice, wave=wave, kind="website", label="Trang thông tin điện tử"
    )
    response = cast.client(cast.alice).get(
        reverse("responses:source_qr", args=[wave.pk, source.pk])
    )
    assert response["Content-Type"] == "image/svg+xml"
    assert response.content.startswith(b"<?xml")
    assert b"<svg" in response.content
