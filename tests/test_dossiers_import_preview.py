"""Upload → column mapping → preview of the first rows with their errors; nothing is written."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest
from django.urls import reverse

from hailong.dossiers.models import Dossier, DossierImport
from tests.conftest import Cast
from tests.test_dossiers_factories import (  # noqa: F401
    HEADER,
    catalogue,
    media,
    row,
    upload,
    xlsx_bytes,
)

pytestmark = pytest.mark.usefixtures("catalogue", "media")


def _token(response: object) -> str:
    location = response["Location"]  # type: ignore[index]
    return parse_qs(urlparse(location).query)["t"][0]


def test_the_mapping_page_guesses_columns_and_previews_ten_rows(cast: Cast) -> None:
    client = cast.client(cast.oscar)
    rows = [row(n) for n in range(1, 15)]
    rows[2] = row(3, Ngày_hẹn_trả="31/13/2026")
    rows[4] = row(5, Thủ_tục="Cấp hộ chiếu phổ thông")
    response = upload(client, cast.ngoc_ha, "xuat-mot-cua.xlsx", xlsx_bytes(rows))
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert page.status_code == 200
    body = page.content.decode()
    form = page.context["form"]
    assert form["code"].value() == str(HEADER.index("Mã hồ sơ"))
    preview = page.context["preview"]
    assert [p.number for p in preview] == list(range(2, 12))
    assert preview[0].errors == []
    assert preview[0].new
    assert preview[2].errors[0][0] == "Ngày hẹn trả"
    assert "không tồn tại" in preview[2].errors[0][1]
    assert preview[4].errors[0][0] == "Thủ tục"
    assert "Cấp hộ chiếu phổ thông" in body
    assert Dossier.objects.count() == 0
    assert DossierImport.objects.count() == 0


def test_the_user_can_change_the_mapping_and_preview_again(cast: Cast) -> None:
    client = cast.client(cast.oscar)
    token = _token(upload(client, cast.ngoc_ha, "a.xlsx", xlsx_bytes([row(1)])))
    url = reverse("dossiers:import_map", args=[cast.ngoc_ha.pk])
    data = {
        "t": token,
        "preview": "1",
        "code": "1",
        "procedure_name": "2",
        "received_on": "4",
        "due_on": "4",
    }
    response = client.post(url, data)
    assert "đã được chọn" in response.content.decode()
    data["due_on"] = "5"
    response = client.post(url, data)
    assert response.status_code == 200
    assert response.context["preview"][0].errors == []


def test_starting_needs_every_required_field_mapped(cast: Cast) -> None:
    client = cast.client(cast.oscar)
    token = _token(upload(client, cast.ngoc_ha, "a.xlsx", xlsx_bytes([row(1)])))
    url = reverse("dossiers:import_map", args=[cast.ngoc_ha.pk])
    response = client.post(url, {"t": token, "start": "1", "code": "1"})
    assert "Hãy chọn cột cho" in response.content.decode()
    assert DossierImport.objects.count() == 0


def test_a_forged_or_foreign_upload_token_is_refused(cast: Cast) -> None:
    client = cast.client(cast.oscar)
    token = _token(upload(client, cast.ngoc_ha, "a.xlsx", xlsx_bytes([row(1)])))
    url = reverse("dossiers:import_map", args=[cast.ngoc_ha.pk])
    assert client.get(url, {"t": token + "x"}).status_code == 302
    other = cast.client(cast.alice)
    response = other.get(url, {"t": token})
    assert response.status_code == 302
    assert response["Location"].endswith(reverse("dossiers:import_upload", args=[cast.ngoc_ha.pk]))
