"""GET /api/v1/waves/<token>: the wave's questionnaire, enough to build a valid submission."""

from __future__ import annotations

from typing import Any

import pytest

from hailong.responses.models import Response
from tests.conftest import Cast
from tests.test_api_factories import call, fresh_cache, make_token  # noqa: F401
from tests.test_responses_factories import SIPAS_2017, SIPAS_2023, open_wave

pytestmark = pytest.mark.usefixtures("fresh_cache")


def _structure(cast: Cast, method: str, **kwargs: Any) -> tuple[Any, dict[str, Any], str]:
    wave = open_wave(cast.ngoc_ha, method, **kwargs)
    _token, secret = make_token(cast, perms=("responses.enter",))
    response = call("GET", f"/api/v1/waves/{wave.public_token}", secret)
    assert response.status_code == 200, response.content.decode()
    return wave, response.json(), secret


def test_it_names_the_method_version_and_the_wave(cast: Cast) -> None:
    wave, data, _secret = _structure(cast, SIPAS_2023)
    assert data["method"]["code"] == SIPAS_2023
    assert data["method"]["version"] == wave.method_version.number
    assert data["method"]["checksum"] == wave.method_version.checksum
    assert data["wave"]["token"] == wave.public_token
    assert data["wave"]["accepts_api"] is True
    assert data["unit"]["name"] == "Phường Ngọc Hà"


def test_groups_list_items_with_codes_types_and_scale_options(cast: Cast) -> None:
    wave, data, _secret = _structure(cast, SIPAS_2023)
    definition = wave.method_version.parsed()
    assert [g["code"] for g in data["groups"]] == [g.code for g in definition.groups]
    items = {i["code"]: i for g in data["groups"] for i in g["items"]}
    assert set(items) == {code for g in definition.groups for code in g.items}
    scale_item = next(i for i in items.values() if i["type"] == "scale")
    values = [o["value"] for o in scale_item["options"]]
    assert values
    assert all(
        set(o) == {"value", "label", "reason_required", "not_applicable"}
        for o in scale_item["options"]
    )
    assert {"vi", "en"} <= set(scale_item["text"])
    text_item = next(i for i in items.values() if i["type"] == "text")
    assert text_item["max_length"] > 0


def test_respondent_fields_carry_their_options(cast: Cast) -> None:
    _wave, data, _secret = _structure(cast, SIPAS_2023)
    fields = {f["code"]: f for f in data["respondent_fields"]}
    assert "gender" in fields
    assert fields["gender"]["options"]
    assert "hamlet" in fields
    assert [o["label"]["vi"] for o in fields["hamlet"]["options"]] == ["Tổ dân phố số 1"]


def test_it_says_which_top_level_questions_the_wave_asks(cast: Cast) -> None:
    _wave, data, _secret = _structure(cast, SIPAS_2017)
    assert data["asks"] == ["transaction_channel"]
    _wave, data, _secret = _structure(
        cast, SIPAS_2023, name="Hai đối tượng", respondent_types=["individual", "organisation"]
    )
    assert data["asks"] == ["respondent_type"]


def test_a_body_built_from_the_structure_alone_is_accepted(cast: Cast) -> None:
    wave, data, secret = _structure(cast, SIPAS_2023)
    body: dict[str, Any] = {"answers": {}, "respondent": {}}
    for group in data["groups"]:
        for item in group["items"]:
            if item["type"] == "text":
                body["answers"][item["code"]] = "Ý kiến"
            else:
                first = item["options"][0]["value"]
                body["answers"][item["code"]] = [first] if item["type"] == "multi_choice" else first
    for field in data["respondent_fields"]:
        body["respondent"][field["code"]] = (
            field["options"][0]["value"] if "options" in field else "x"
        )
    url = f"/api/v1/waves/{wave.public_token}/responses"
    response = call("POST", url, secret, body, headers={"Idempotency-Key": "from-structure"})
    assert response.status_code == 201, response.content.decode()
    assert Response.objects.get().respondent["hamlet"] == cast.group1.pk


def test_a_wave_of_another_unit_is_404(cast: Cast) -> None:
    wave = open_wave(cast.kinh_bac)
    _token, secret = make_token(cast)
    assert call("GET", f"/api/v1/waves/{wave.public_token}", secret).status_code == 404
    assert call("GET", "/api/v1/waves/khong-co", secret).status_code == 404
