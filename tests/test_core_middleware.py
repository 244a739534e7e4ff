"""Every form value and query parameter is Unicode NFC before a view sees it."""

from __future__ import annotations

import json
import unicodedata

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.test import RequestFactory
from django.urls import reverse

from hailong.core.middleware import NFCMiddleware
from hailong.units.models import AdministrativeUnit, Department
from tests.conftest import Cast


def nfd(value: str) -> str:
    return unicodedata.normalize("NFD", value)


def _echo(request: HttpRequest) -> HttpResponse:
    return JsonResponse({"get": request.GET.dict(), "post": request.POST.dict()})


def test_it_normalises_a_posted_department_name(cast: Cast) -> None:
    url = reverse("units:department_create", args=[cast.ngoc_ha.pk])
    response = cast.client(cast.carol).post(
        url, {"kind": "tu_phap", "name": nfd("Tư pháp – Hộ tịch"), "active": "on"}
    )
    assert response.status_code == 302
    assert Department.objects.filter(unit=cast.ngoc_ha, name="Tư pháp – Hộ tịch").exists()


def test_it_normalises_a_field_that_no_service_cleans(cast: Cast) -> None:
    url = reverse("units:create_child", args=[cast.ngoc_ha.pk])
    response = cast.client(cast.carol).post(
        url,
        {
            "kind": "to_dan_pho",
            "name": "Tổ dân phố số 2",
            "valid_from": "01/07/2025",
            "address": nfd("\ufeffNhà văn hóa tổ 2, phố Đội Cấn"),
        },
    )
    assert response.status_code == 302
    unit = AdministrativeUnit.objects.get(parent=cast.ngoc_ha, name="Tổ dân phố số 2")
    assert unit.address == "Nhà văn hóa tổ 2, phố Đội Cấn"


def test_it_normalises_query_parameters_and_keys() -> None:
    request = RequestFactory().get("/", {nfd("tên"): nfd("Hà Nội")})
    response = NFCMiddleware(_echo)(request)
    assert json.loads(response.content) == {"get": {"tên": "Hà Nội"}, "post": {}}


def test_it_normalises_a_multipart_form() -> None:
    request = RequestFactory().post("/", {"name": nfd("Phường Vĩnh Phúc")})
    assert request.content_type == "multipart/form-data"
    NFCMiddleware(_echo)(request)
    assert request.POST["name"] == "Phường Vĩnh Phúc"
    assert request.POST.getlist("name") == ["Phường Vĩnh Phúc"]


def test_it_leaves_a_json_body_alone() -> None:
    body = json.dumps({"name": nfd("Hà")}, ensure_ascii=False)
    request = RequestFactory().post("/", body, content_type="application/json")
    NFCMiddleware(_echo)(request)
    assert request.body.decode() == body


def test_it_keeps_the_normalised_data_read_only() -> None:
    request = RequestFactory().get("/", {"q": "x"})
    NFCMiddleware(_echo)(request)
    assert not request.GET._mutable


def test_a_malformed_multipart_body_is_a_400_not_a_500(cast: Cast) -> None:
    url = reverse("units:department_create", args=[cast.ngoc_ha.pk])
    response = cast.client(cast.carol).post(
        url, b"--x\r\nnot a part", content_type="multipart/form-data"
    )
    assert response.status_code == 400
