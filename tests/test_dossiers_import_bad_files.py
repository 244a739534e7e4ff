"""Bad files get a clear Vietnamese answer, at upload or per row; never a 500."""

from __future__ import annotations

import codecs
import io
import zipfile

import pytest
from django.urls import reverse

from hailong.dossiers.models import DossierImport
from tests.conftest import Cast
from tests.test_dossiers_factories import (  # noqa: F401
    HEADER,
    catalogue,
    csv_bytes,
    media,
    row,
    upload,
    xlsx_bytes,
)

pytestmark = pytest.mark.usefixtures("catalogue", "media")


def _preview(cast: Cast, name: str, content: bytes) -> object:
    client = cast.client(cast.oscar)
    response = upload(client, cast.ngoc_ha, name, content)
    assert response.status_code == 302, response.content.decode()[:2000]
    return client.get(response["Location"])


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, ".xls"),
        ("broken.xlsx", b"PK\x03\x04" + b"garbage" * 50, "bị hỏng"),
        ("blank.csv", b"\n\n ,, \n", "không có dữ liệu"),
    ],
)
def test_an_unreadable_file_is_refused_at_upload(
    cast: Cast, name: str, content: bytes, message: str
) -> None:
    response = upload(cast.client(cast.oscar), cast.ngoc_ha, name, content)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_an_empty_file_is_refused_at_upload(cast: Cast) -> None:
    response = upload(cast.client(cast.oscar), cast.ngoc_ha, "empty.csv", b"")
    assert response.status_code == 400
    assert DossierImport.objects.count() == 0


def test_a_zip_that_is_not_a_workbook_is_refused(cast: Cast) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "xin chào")
    response = upload(cast.client(cast.oscar), cast.ngoc_ha, "x.xlsx", buffer.getvalue())
    assert response.status_code == 400
    assert "bị hỏng" in response.content.decode()


def test_a_file_with_the_wrong_columns_cannot_start(cast: Cast) -> None:
    content = csv_bytes([["1", "Nguyễn Văn A", "Hà Nội"]], header=["STT", "Họ tên", "Địa chỉ"])
    page = _preview(cast, "sai-cot.csv", content)
    body = page.content.decode()  # type: ignore[attr-defined]
    assert (
        "Hãy chọn cột cho: Mã hồ sơ, Mã thủ tục / Tên thủ tục, Ngày tiếp nhận, Ngày hẹn trả" in body
    )


def test_broken_dates_and_unknown_procedures_are_row_errors(cast: Cast) -> None:
    rows = [
        row(1, Ngày_tiếp_nhận="hôm qua"),
        row(2, Ngày_hẹn_trả="2026/03/03"),
        row(3, Thủ_tục="Thủ tục không có thật"),
        row(4),
    ]
    preview = _preview(cast, "x.csv", csv_bytes(rows)).context["preview"]  # type: ignore[attr-defined]
    assert preview[0].errors == [("Ngày tiếp nhận", "«hôm qua» không đúng dạng ngày dd/mm/yyyy.")]
    assert preview[1].errors[0][0] == "Ngày hẹn trả"
    assert "Không có thủ tục «Thủ tục không có thật»" in preview[2].errors[0][1]
    assert preview[3].errors == []


def test_a_windows_1258_csv_is_read_and_normalised_to_nfc(cast: Cast) -> None:
    content = csv_bytes([row(1)], encoding="cp1258")
    assert "Đăng ký khai sinh" not in content.decode("cp1258")  # decomposed (NFD) on the wire
    page = _preview(cast, "cp1258.csv", content)
    preview = page.context["preview"]  # type: ignore[attr-defined]
    assert preview[0].errors == []
    assert "Đăng ký khai sinh" in preview[0].cells
    assert page.context["form"]["received_on"].value() == str(HEADER.index("Ngày tiếp nhận"))  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("bom", "encoding"), [(codecs.BOM_UTF8, "utf-8"), (b"", "utf-16"), (b"", "utf-8")]
)
def test_utf8_with_or_without_bom_and_utf16_are_read(cast: Cast, bom: bytes, encoding: str) -> None:
    content = bom + csv_bytes([row(1)], encoding=encoding)
    page = _preview(cast, "bom.csv", content)
    assert page.context["form"]["code"].value() == "1"  # type: ignore[attr-defined]
    assert page.context["preview"][0].errors == []  # type: ignore[attr-defined]


def test_a_semicolon_separated_csv_is_read(cast: Cast) -> None:
    content = csv_bytes([row(1)]).decode().replace(",", ";").encode()
    preview = _preview(cast, "excel.csv", content).context["preview"]  # type: ignore[attr-defined]
    assert preview[0].errors == []


def test_an_oversized_file_is_refused(cast: Cast, settings: object) -> None:
    settings.HAILONG_MAX_IMPORT_BYTES = 100  # type: ignore[attr-defined]
    response = upload(cast.client(cast.oscar), cast.ngoc_ha, "big.csv", csv_bytes([row(1)] * 5))
    assert response.status_code == 400
    assert "quá lớn" in response.content.decode()
    assert DossierImport.objects.count() == 0


def test_the_upload_page_of_a_non_commune_unit_does_not_exist(cast: Cast) -> None:
    url = reverse("dossiers:import_upload", args=[cast.hanoi.pk])
    assert cast.client(cast.carol).get(url).status_code == 404
