"""The tablet gets the wave's form as JSON: pages in order with the field names the public form
posts; at the desk the transaction channel is "direct", answered for the citizen."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from django.test import Client

from hailong.kiosk.structure import form_structure
from hailong.responses.questionnaire import clean_submission, form_for
from hailong.surveys import services as survey_services
from hailong.surveys.testing import minimal_definition
from tests.conftest import Cast
from tests.test_kiosk_factories import fresh_cache, kiosk_on  # noqa: F401
from tests.test_responses_factories import SIPAS_2017, SIPAS_2023, TODAY, open_wave

pytestmark = pytest.mark.usefixtures("fresh_cache")


def test_the_desk_answers_the_transaction_question_for_the_citizen(cast: Cast) -> None:
    wave = open_wave(cast.ngoc_ha, SIPAS_2017)
    form = form_for(wave)
    full = form_structure(form)
    desk = form_structure(form, transaction="direct")

    def names(structure: dict[str, Any]) -> list[str]:
        return [q["name"] for p in structure["pages"] for q in p["questions"]]

    assert "q-about.transaction_channel" in names(full)
    assert "q-about.transaction_channel" not in names(desk)
    assert desk["fixed"] == {"q-about.transaction_channel": ["1"]}
    assert full["fixed"] == {}
    items = {f"q-{i.code}" for i in form.definition.items}
    assert items <= set(names(desk))  # every 2017 item applies to the desk


def test_items_of_other_transaction_channels_are_left_out(cast: Cast) -> None:
    definition = minimal_definition("phieu-kenh")
    definition["items"].append(
        {
            "code": "C1.2",
            "text": "Cổng dịch vụ công dễ dùng.",
            "type": "scale",
            "scale": "hl5",
            "channels": ["online"],
        }
    )
    definition["elements"][0]["items"].append("C1.2")
    method = survey_services.method_create(actor=None, unit=cast.ngoc_ha, definition=definition)
    version = survey_services.method_version_publish(
        actor=None, version=method.versions.get(number=1)
    )
    wave = survey_services.wave_create(
        actor=None,
        unit=cast.ngoc_ha,
        method_version=version,
        name="Đợt có câu trực tuyến",
        opens_on=TODAY,
        closes_on=TODAY,
        respondent_types=["individual"],
        target_sample=10,
        channels=["kiosk"],
        status="open",
    )
    desk = form_structure(form_for(wave), transaction="direct")
    names = [q["name"] for p in desk["pages"] for q in p["questions"]]
    assert "q-C1.1" in names
    assert "q-C1.2" not in names


def test_pages_keep_their_order_kind_and_condition(cast: Cast) -> None:
    wave = open_wave(cast.ngoc_ha, SIPAS_2023)
    form = form_for(wave)
    desk = form_structure(form, transaction="direct")
    kinds = [p["kind"] for p in desk["pages"]]
    assert kinds[-1] == "contact"
    assert "respondent" in kinds
    conditioned = [p for p in desk["pages"] if p["condition"]]
    for page in conditioned:
        assert page["condition"]["name"].startswith("q-")
        assert page["condition"]["values"]


def test_options_carry_labels_reasons_and_not_applicable(cast: Cast) -> None:
    wave = open_wave(cast.ngoc_ha, SIPAS_2017)
    desk = form_structure(form_for(wave), transaction="direct")
    questions = [q for p in desk["pages"] for q in p["questions"]]
    scale = next(q for q in questions if q["type"] == "scale")
    assert [o["label"] for o in scale["options"]][:1] != [""]
    assert any(o["na"] for q in questions if q.get("options") for o in q["options"])
    texts = [q for q in questions if q["type"] == "text"]
    assert all(q["max_length"] > 0 and "options" not in q for q in texts)


def test_answers_in_the_structures_names_clean_on_the_server(cast: Cast) -> None:
    """A client that answers every question the structure lists, the first option each, plus
    ``fixed``, sends what ``clean_submission`` accepts."""
    wave = open_wave(cast.ngoc_ha, SIPAS_2017)
    form = form_for(wave)
    desk = form_structure(form, transaction="direct")
    raw: dict[str, list[str]] = dict(desk["fixed"])
    for page in desk["pages"]:
        for q in page["questions"]:
            if q.get("options"):
                first = next(o for o in q["options"] if not o["na"] and not o["reason_required"])
                raw[q["name"]] = [str(first["value"])]
            else:
                raw[q["name"]] = ["Chứng thực bản sao"]
    cleaned = clean_submission(form, raw)
    assert cleaned.transaction_channel == "direct"


def test_the_page_embeds_the_same_config_the_endpoint_serves(cast: Cast) -> None:
    kiosk = kiosk_on(cast.ngoc_ha, idle_reset_seconds=45)
    client = Client()
    page = client.get(f"/kiosk/{kiosk.token}/")
    assert page.status_code == 200
    assert page["Cache-Control"] == "no-store"
    match = re.search(
        r'<script id="kq-config" type="application/json">(.*?)</script>', page.content.decode()
    )
    assert match is not None
    embedded = json.loads(match.group(1))
    served = client.get(f"/kiosk/{kiosk.token}/cau-truc.json").json()
    embedded.pop("server_time")
    served.pop("server_time")
    assert embedded == served
    assert served["kiosk"]["idle_seconds"] == 45
    assert served["wave"]["token"] == kiosk.wave.public_token
    assert served["state"] == {"ok": True, "code": "open", "message": ""}
    assert served["urls"]["submit"] == f"/kiosk/{kiosk.token}/gui/"


def test_the_page_offers_the_phone_link_of_the_kiosk_source(cast: Cast) -> None:
    kiosk = kiosk_on(cast.ngoc_ha)
    html = Client().get(f"/kiosk/{kiosk.token}/").content.decode()
    assert "Đánh giá riêng trên điện thoại của bạn" in html
    assert "<svg" in html
    assert kiosk.source.kind == "kiosk"
    assert kiosk.source.label == "Máy tính bảng: Máy tính bảng quầy một cửa số 1"
