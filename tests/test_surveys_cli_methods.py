"""``hailong methods list|show --json`` keeps its keys, from the files or from the database."""

from __future__ import annotations

import json
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command

from hailong.surveys import services
from hailong.surveys.testing import ward_method
from tests.conftest import Cast


def run(*args: str) -> Any:
    out = StringIO()
    call_command("methods", *args, stdout=out)
    return json.loads(out.getvalue())


def test_show_json_has_the_public_keys_without_a_database() -> None:
    data = run("show", "sipas-2017", "--json")
    assert data["code"] == "sipas-2017"
    assert data["source"] == "files"
    assert data["elements"][0] == {**data["elements"][0], "code": "E1"}
    assert data["elements"][0]["items"] == ["C1.1", "C1.2", "C1.3", "C1.4"]
    c11 = data["items"][0]
    assert c11["code"] == "C1.1"
    assert c11["values"] == [1, 2, 3, 4, 5]
    assert c11["satisfied"] == [4, 5]
    assert sum(len(e["items"]) for e in data["elements"]) == 22


def test_show_json_lists_not_applicable_apart_from_the_values() -> None:
    data = run("show", "sipas-2023", "--json")
    fees = next(i for i in data["items"] if i["code"] == "II.2.3")
    assert fees["values"] == [1, 2, 3, 4, 5]
    assert fees["not_applicable"] == [0]
    priority = next(i for i in data["items"] if i["code"] == "Q10.1")
    assert priority["satisfied"] == []
    assert priority["values"] == [1, 2, 3]
    assert data["formula"]["overall"] == "mean_of_parts"


def test_list_json_names_every_builtin_method_without_a_database() -> None:
    data = run("list", "--json")
    codes = {m["code"]: m for m in data["methods"]}
    assert set(codes) == {"sipas-2017", "sipas-2023", "ward-short-2026", "dossier-766"}
    assert codes["sipas-2017"]["items"] == 22
    assert codes["sipas-2017"]["source"] == "files"


def test_an_unknown_code_is_an_error() -> None:
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="nope"):
        call_command("methods", "show", "nope", "--source", "files", stdout=StringIO())


def test_the_database_is_used_once_it_holds_methods(cast: Cast) -> None:
    services.methods_load_builtin()
    method = ward_method(cast.ngoc_ha)
    listing = run("list", "--json")
    rows = {(m["code"], m["owner"]): m for m in listing["methods"]}
    assert rows[("sipas-2017", None)]["source"] == "db"
    assert rows[("sipas-2017", None)]["version"] == 1
    assert rows[(method.code, "Phường Ngọc Hà")]["status"] == "draft"
    shown = run("show", "phieu-thu", "--json")
    assert shown["items"][0]["code"] == "C1.1"
    assert shown["version"] == 1


def test_the_human_listing_prints_one_line_per_method() -> None:
    out = StringIO()
    call_command("methods", "list", "--source", "files", stdout=out)
    assert len(out.getvalue().strip().splitlines()) == 4


@pytest.mark.django_db
def test_load_methods_reports_what_it_did() -> None:
    out = StringIO()
    call_command("load_methods", stdout=out)
    assert "sipas-2017: phiên bản 1" in out.getvalue()
    out = StringIO()
    call_command("load_methods", stdout=out)
    assert "Không có thay đổi" in out.getvalue()
