"""POST /api/v1/units/<code or id>/dossiers: create, update, idempotent re-push, per-row errors."""

from __future__ import annotations

import unicodedata
from typing import Any

import pytest

from hailong.dossiers.models import Dossier
from tests.conftest import Cast
from tests.test_api_factories import call, error_of, fresh_cache, make_token  # noqa: F401
from tests.test_dossiers_factories import VALID_DATA, load_catalogue

pytestmark = pytest.mark.usefixtures("fresh_cache")


def _row(n: int, **changes: Any) -> dict[str, Any]:
    return {**VALID_DATA, "code": f"000.04.01.H26-260302-{n:04d}", **changes}


def _push(cast: Cast, secret: str, rows: list[Any], unit: str | None = None) -> Any:
    url = f"/api/v1/units/{unit or cast.ngoc_ha.pk}/dossiers"
    return call("POST", url, secret, {"dossiers": rows})


def test_a_batch_is_created_then_a_repush_changes_nothing(cast: Cast) -> None:
    load_catalogue()
    _token, secret = make_token(cast)
    rows = [_row(n) for n in range(1, 4)]
    first = _push(cast, secret, rows)
    assert first.status_code == 200, first.content.decode()
    assert first.json()["counts"] == {"created": 3, "updated": 0, "unchanged": 0, "invalid": 0}
    assert [r["status"] for r in first.json()["results"]] == ["created"] * 3
    again = _push(cast, secret, rows)
    assert again.json()["counts"]["unchanged"] == 3
    assert Dossier.objects.filter(unit=cast.ngoc_ha).count() == 3


def test_a_changed_dossier_is_updated_and_a_missing_key_left_alone(cast: Cast) -> None:
    load_catalogue()
    _token, secret = make_token(cast)
    _push(cast, secret, [_row(1)])
    response = _push(cast, secret, [{"code": _row(1)["code"], "returned_on": "02/03/2026"}])
    assert response.json()["results"][0]["status"] == "updated"
    dossier = Dossier.objects.get()
    assert dossier.returned_on.isoformat() == "2026-03-02"
    assert dossier.received_on.isoformat() == "2026-03-02"


def test_null_or_empty_values_leave_the_stored_ones(cast: Cast) -> None:
    load_catalogue()
    _token, secret = make_token(cast)
    _push(cast, secret, [_row(1)])
    same = {"code": _row(1)["code"], "received_on": None, "due_on": "", "officer": None}
    assert _push(cast, secret, [same]).json()["results"][0]["status"] == "unchanged"


def test_invalid_rows_get_field_errors_and_the_valid_ones_are_saved(cast: Cast) -> None:
    load_catalogue()
    _token, secret = make_token(cast)
    rows = [
        _row(1),
        _row(2, procedure_code="9.999999"),
        _row(3, received_on="31/02/2026"),
        _row(4, due_on="01/03/2026"),
        _row(1),
    ]
    response = _push(cast, secret, rows)
    assert response.status_code == 200
    results = response.json()["results"]
    assert [r["status"] for r in results] == ["created", "invalid", "invalid", "invalid", "invalid"]
    assert set(results[1]["errors"]) == {"dossiers[1].procedure_code"}
    assert "9.999999" in results[1]["errors"]["dossiers[1].procedure_code"]
    assert set(results[2]["errors"]) == {"dossiers[2].received_on"}
    assert set(results[3]["errors"]) == {"dossiers[3].due_on"}
    assert "lặp lại" in results[4]["errors"]["dossiers[4].code"]
    assert list(Dossier.objects.values_list("code", flat=True)) == [_row(1)["code"]]


def test_a_badly_shaped_batch_is_refused_whole_with_paths(cast: Cast) -> None:
    _token, secret = make_token(cast)
    response = _push(cast, secret, [_row(1, received_on=20260302), {"ma": "x"}])
    assert response.status_code == 422
    error = error_of(response)
    assert error["code"] == "validation_error"
    assert set(error["fields"]) == {
        "dossiers[0].received_on",
        "dossiers[1].code",
        "dossiers[1].ma",
    }
    assert not Dossier.objects.exists()


def test_more_than_500_dossiers_or_none_are_refused(cast: Cast) -> None:
    _token, secret = make_token(cast)
    too_many = _push(cast, secret, [_row(n) for n in range(501)])
    assert too_many.status_code == 422
    assert error_of(too_many)["fields"] == {"dossiers": "Nhiều nhất 500 phần tử."}
    assert _push(cast, secret, []).status_code == 422


def test_500_dossiers_go_in_one_call(cast: Cast, django_assert_max_num_queries: Any) -> None:
    load_catalogue()
    _token, secret = make_token(cast)
    rows = [_row(n) for n in range(500)]
    with django_assert_max_num_queries(30):
        response = _push(cast, secret, rows)
    assert response.json()["counts"]["created"] == 500


def test_the_unit_is_named_by_its_code_or_its_id(cast: Cast) -> None:
    load_catalogue()
    _token, secret = make_token(cast)
    assert _push(cast, secret, [_row(1)], unit="00004").json()["counts"]["created"] == 1
    assert _push(cast, secret, [_row(1)], unit=str(cast.ngoc_ha.pk)).status_code == 200
    assert _push(cast, secret, [_row(1)], unit="99999").status_code == 404


def test_a_unit_that_keeps_no_dossiers_is_refused(cast: Cast) -> None:
    _token, secret = make_token(cast, cast.hanoi)
    response = _push(cast, secret, [_row(1)], unit="01")
    assert response.status_code == 422
    assert error_of(response)["code"] == "unit_level"


def test_text_arrives_in_nfc(cast: Cast) -> None:
    load_catalogue()
    _token, secret = make_token(cast)
    name = unicodedata.normalize("NFD", "Đỗ Quang Huy")
    response = _push(cast, secret, [_row(1, officer=name, contact_name=name)])
    assert response.json()["counts"]["created"] == 1, response.json()
    dossier = Dossier.objects.select_related("officer", "contact").get()
    assert dossier.officer == cast.officer
    assert dossier.contact.name == "Đỗ Quang Huy"
