"""``hailong compute``: every index of a method from a CSV, without a database."""

from __future__ import annotations

import csv
import json
import unicodedata
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

CODES_2017 = [
    f"C{e}.{i}" for e, n in [(1, 4), (2, 5), (3, 6), (4, 3), (5, 4)] for i in range(1, n + 1)
]


def write_csv(
    path: Path, header: list[str], rows: list[list[str]], encoding: str = "utf-8"
) -> Path:
    with path.open("w", newline="", encoding=encoding) as f:
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerows(rows)
    return path


TONES = "\u0300\u0301\u0303\u0309\u0323"


def windows_1258_form(text: str) -> str:
    """Letters precomposed (ơ, ư, ă, â, ê, ô, đ) and tones as combining marks, as cp1258 needs."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", ch)
        tones = "".join(m for m in parts if m in TONES)
        out.append(
            unicodedata.normalize("NFC", "".join(m for m in parts if m not in TONES)) + tones
        )
    return "".join(out)


def run(*args: str) -> dict[str, object]:
    out = StringIO()
    call_command("compute", *args, "--json", "--source", "files", stdout=out)
    return json.loads(out.getvalue())


def test_it_computes_the_2017_method_with_the_documented_keys(tmp_path: Path) -> None:
    # Two responses: every item 5 in one, 3 in the other → every share 50 %.
    rows = [["5"] * 22, ["3"] * 22]
    result = run("--method", "sipas-2017", str(write_csv(tmp_path / "r.csv", CODES_2017, rows)))
    assert result["method"] == "sipas-2017"
    assert result["n"] == 2
    assert result["overall"] == pytest.approx(50.0)
    assert set(result["elements"]) == {"E1", "E2", "E3", "E4", "E5"}  # type: ignore[arg-type]
    item = result["items"]["C1.1"]  # type: ignore[index]
    assert item == {**item, "n": 2, "satisfied_pct": 50.0, "mean": 4.0}


def test_blanks_are_excluded_per_item_and_floats_are_unrounded(tmp_path: Path) -> None:
    rows = [["5"] + [""] * 21, ["4"] + ["1"] * 21, ["2"] + ["5"] * 21]
    result = run("--method", "sipas-2017", str(write_csv(tmp_path / "r.csv", CODES_2017, rows)))
    items = result["items"]
    assert items["C1.1"]["satisfied_pct"] == pytest.approx(200 / 3)  # type: ignore[index]
    assert items["C1.2"]["n"] == 2  # type: ignore[index]
    assert items["C1.2"]["satisfied_pct"] == pytest.approx(50.0)  # type: ignore[index]
    e1 = (200 / 3 + 50 + 50 + 50) / 4
    assert result["elements"]["E1"] == pytest.approx(e1)  # type: ignore[index]


def test_it_breaks_the_figures_down_by_a_column(tmp_path: Path) -> None:
    header = ["kenh", *CODES_2017]
    rows = [["web", *["5"] * 22], ["giay", *["2"] * 22], ["giay", *["4"] * 22]]
    result = run(
        "--method", "sipas-2017", "--by", "kenh", str(write_csv(tmp_path / "r.csv", header, rows))
    )
    groups = result["groups"]
    assert groups["web"]["overall"] == pytest.approx(100.0)  # type: ignore[index]
    assert groups["giay"]["overall"] == pytest.approx(50.0)  # type: ignore[index]
    assert groups["giay"]["n"] == 2  # type: ignore[index]


def test_a_value_outside_the_scale_is_refused_naming_row_and_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [["5"] * 22, ["5"] * 3 + ["7"] + ["5"] * 18]
    path = write_csv(tmp_path / "r.csv", CODES_2017, rows)
    err = StringIO()
    with pytest.raises(CommandError):
        call_command(
            "compute", "--method", "sipas-2017", str(path), "--source", "files", stderr=err
        )
    assert "Dòng 3, cột «C1.4»: giá trị «7» không có trong thang đo." in err.getvalue()


def test_a_file_without_item_columns_is_refused(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "r.csv", ["a", "b"], [["1", "2"]])
    with pytest.raises(CommandError):
        call_command(
            "compute", "--method", "sipas-2017", str(path), "--source", "files", stderr=StringIO()
        )


def test_an_unknown_method_is_refused(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "r.csv", CODES_2017, [["5"] * 22])
    with pytest.raises(CommandError, match="Không có phương pháp"):
        call_command("compute", "--method", "nope", str(path), "--source", "files")


def test_it_reads_a_bom_and_a_windows_1258_file(tmp_path: Path) -> None:
    header = ["đơn vị", *CODES_2017]
    rows = [["Phường Vĩnh Phúc", *["4"] * 22]]
    for encoding in ("utf-8-sig", "cp1258"):
        # Windows-1258 writes tones as combining marks: encode the NFD form, as Excel does.
        nfd = [[windows_1258_form(c) for c in r] for r in [header, *rows]]
        path = write_csv(tmp_path / f"r-{encoding}.csv", nfd[0], nfd[1:], encoding=encoding)
        result = run("--method", "sipas-2017", "--by", "đơn vị", str(path))
        assert list(result["groups"]) == ["Phường Vĩnh Phúc"]  # type: ignore[call-overload]


def test_the_2023_overall_is_the_mean_of_its_two_parts(tmp_path: Path) -> None:
    out = StringIO()
    call_command("methods", "show", "sipas-2023", "--json", "--source", "files", stdout=out)
    method = json.loads(out.getvalue())
    scored = [i["code"] for i in method["items"] if i.get("satisfied")]
    parts = {e["part"] for e in method["elements"]}
    assert parts == {"policy", "services"}
    policy = {c for e in method["elements"] if e["part"] == "policy" for c in e["items"]}
    row = ["5" if code in policy else "2" for code in scored]
    result = run("--method", "sipas-2023", str(write_csv(tmp_path / "r.csv", scored, [row])))
    assert result["parts"] == {"policy": 100.0, "services": 0.0}
    assert result["overall"] == pytest.approx(50.0)


def test_the_table_output_shows_two_decimals_with_a_comma(tmp_path: Path) -> None:
    rows = [["5"] * 22, ["5"] * 22, ["1"] * 22]
    path = write_csv(tmp_path / "r.csv", CODES_2017, rows)
    out = StringIO()
    call_command("compute", "--method", "sipas-2017", str(path), "--source", "files", stdout=out)
    assert "Chỉ số chung: 66,67%" in out.getvalue()
