"""Method pages: everyone reads the built-ins; alice copies, edits and publishes for Ngọc Hà;
bob (viewer) is refused writes with 403; charlie (outsider) does not see Ngọc Hà's methods."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from hailong.surveys import services
from hailong.surveys.models import Method, MethodVersion, VersionStatus
from hailong.surveys.testing import minimal_definition, ward_method
from tests.conftest import Cast


@pytest.fixture
def builtin(cast: Cast) -> Method:
    services.methods_load_builtin()
    return Method.objects.get(owner=None, code="sipas-2017")


def url(name: str, method: Method) -> str:
    return reverse(f"surveys:{name}", args=[method.pk])


def test_the_list_shows_builtins_and_own_methods_but_not_other_wards(
    cast: Cast, builtin: Method
) -> None:
    ward_method(cast.ngoc_ha, code="phieu-ngoc-ha")
    ward_method(cast.kinh_bac, code="phieu-kinh-bac")
    body = cast.client(cast.bob).get(reverse("surveys:method_list")).content.decode()
    assert "sipas-2017" in body
    assert "phieu-ngoc-ha" in body
    assert "phieu-kinh-bac" not in body


def test_a_builtin_version_reads_as_a_questionnaire_with_wording_badges(
    cast: Cast, builtin: Method
) -> None:
    response = cast.client(cast.charlie).get(url("method_detail", builtin))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Nơi ngồi chờ giải quyết thủ tục hành chính có đủ chỗ ngồi." in body
    assert "Câu chữ đã xác nhận" in body
    assert "Cần đối chiếu văn bản gốc" in body
    assert "Rất không hài lòng" in body
    assert "Sửa bản nháp" not in body
    assert "Sửa (tạo phiên bản mới)" not in body


def test_the_preview_renders_every_question_as_inputs(cast: Cast, builtin: Method) -> None:
    body = cast.client(cast.bob).get(url("method_preview", builtin)).content.decode()
    assert body.count('type="radio"') == 22 * 5 + 3 * 1  # three items allow "not applicable"
    assert "<script" not in body


def test_alice_copies_a_builtin_to_her_ward(cast: Cast, builtin: Method) -> None:
    client = cast.client(cast.alice)
    assert client.get(url("method_copy", builtin)).status_code == 200
    response = client.post(url("method_copy", builtin), {"unit": cast.ngoc_ha.pk})
    copy = Method.objects.get(owner=cast.ngoc_ha)
    assert response.status_code == 302
    assert response["Location"] == url("method_detail", copy)


def test_alice_edits_previews_and_publishes_a_draft(cast: Cast) -> None:
    method = ward_method(cast.ngoc_ha)
    client = cast.client(cast.alice)
    text = json.dumps(minimal_definition(name={"vi": "Phiếu mới", "en": ""}), ensure_ascii=False)
    preview = client.post(url("method_edit", method), {"definition": text, "action": "preview"})
    assert preview.status_code == 200
    assert "Nội dung hợp lệ." in preview.content.decode()
    assert method.versions.get().definition["name"]["vi"] == "Phiếu thử"

    saved = client.post(url("method_edit", method), {"definition": text, "action": "save"})
    assert saved.status_code == 302
    assert method.versions.get().definition["name"]["vi"] == "Phiếu mới"

    assert client.post(url("method_publish", method)).status_code == 302
    version = method.versions.get()
    assert version.status == VersionStatus.PUBLISHED
    assert version.published_by == cast.alice


def test_editing_a_published_method_saves_a_new_draft_version(cast: Cast) -> None:
    method = ward_method(cast.ngoc_ha)
    services.method_version_publish(actor=cast.alice, version=method.versions.get())
    text = json.dumps(minimal_definition(name="Phiếu năm sau"), ensure_ascii=False)
    cast.client(cast.alice).post(url("method_edit", method), {"definition": text})
    numbers = dict(method.versions.values_list("number", "status"))
    assert numbers == {1: VersionStatus.PUBLISHED, 2: VersionStatus.DRAFT}


def test_a_broken_definition_comes_back_with_the_paths_in_vietnamese(cast: Cast) -> None:
    method = ward_method(cast.ngoc_ha)
    data = minimal_definition()
    data["items"][0]["scale"] = "s9"
    client = cast.client(cast.alice)
    response = client.post(url("method_edit", method), {"definition": json.dumps(data)})
    assert response.status_code == 400
    assert "items[0].scale: thang đo «s9» không tồn tại" in response.content.decode()
    bad_json = client.post(url("method_edit", method), {"definition": "{"})
    assert "JSON không hợp lệ ở dòng 1" in bad_json.content.decode()


def test_bob_the_viewer_gets_403_on_every_write(cast: Cast, builtin: Method) -> None:
    method = ward_method(cast.ngoc_ha)
    client = cast.client(cast.bob)
    assert client.get(url("method_detail", method)).status_code == 200
    assert client.get(url("method_edit", method)).status_code == 403
    assert client.post(url("method_publish", method)).status_code == 403
    assert client.get(url("method_copy", builtin)).status_code == 403
    assert method.versions.get().status == VersionStatus.DRAFT


def test_nobody_edits_a_builtin_method_in_place(cast: Cast, builtin: Method) -> None:
    client = cast.client(cast.root)
    assert client.get(url("method_edit", builtin)).status_code == 403
    assert client.post(url("method_publish", builtin)).status_code == 403
    assert MethodVersion.objects.filter(method=builtin).count() == 1


def test_charlie_the_outsider_gets_404_for_ngoc_ha_methods(cast: Cast) -> None:
    method = ward_method(cast.ngoc_ha)
    client = cast.client(cast.charlie)
    for name in ["method_detail", "method_preview", "method_copy", "method_edit"]:
        assert client.get(url(name, method)).status_code == 404, name
    assert client.post(url("method_publish", method)).status_code == 404
