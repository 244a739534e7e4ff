"""The entry sheet of each built-in method: one box per item, keys for every option, 0 only
where a scale has "không áp dụng", lists for residential groups, legends told once."""

from __future__ import annotations

import pytest

from hailong.paper import keying
from tests.conftest import Cast
from tests.test_paper_factories import SIPAS_2023, fresh_cache, paper_wave  # noqa: F401

pytestmark = pytest.mark.usefixtures("fresh_cache")


@pytest.mark.parametrize(
    ("method", "items"),
    [
        ("ward-short-2026", 11),  # 10 + the optional heard-via item KS
        ("sipas-2017", 22),
        (SIPAS_2023, 65),  # the national form's 64 + the ward's own heard-via item KS
    ],
)
def test_every_item_of_the_method_has_one_box(cast: Cast, method: str, items: int) -> None:
    wave = paper_wave(cast, method)
    sheet = keying.sheet_for(wave)
    codes = [f.code for f in sheet.fields() if not f.code.startswith(("r.", "about."))]
    assert len(codes) == items
    assert len(set(codes)) == items


def test_digits_stand_for_option_values_and_zero_for_not_applicable(cast: Cast) -> None:
    sheet = keying.sheet_for(paper_wave(cast, SIPAS_2023))
    fees = sheet.by_name["q-II.2.3"]
    assert (fees.kind, fees.maxlength, fees.na) == (keying.DIGIT, 1, True)
    assert fees.keys == {"0": 0, "1": 1, "2": 2, "3": 3, "4": 4, "5": 5}
    assert fees.hint == "1–5 · 0 = không áp dụng"
    polite = sheet.by_name["q-II.3.1"]
    assert "0" not in polite.keys
    assert polite.hint == "1–5"
    channels = sheet.by_name["q-Q2"]
    assert (channels.kind, channels.maxlength) == (keying.DIGITS, 7)
    heard = sheet.by_name["q-KS"]  # the ward's heard-via item: 8 channels, optional
    assert (heard.kind, heard.maxlength, heard.required) == (keying.DIGITS, 8, False)
    assert sheet.by_name["q-OPEN"].kind == keying.TEXT
    assert sheet.by_name["q-r.hamlet"].kind == keying.SELECT
    assert sheet.by_name["q-r.gender"].hint == "1 Nam · 2 Nữ"


def test_a_shared_legend_is_told_once_per_group(cast: Cast) -> None:
    sheet = keying.sheet_for(paper_wave(cast, SIPAS_2023))
    groups = {g.code: g for g in sheet.groups}
    assert groups["Q1"].legend == "1 Không quan tâm · 2 Ít quan tâm · 3 Rất quan tâm"
    assert groups["Q9.II"].legend == ""  # "1–5" is short: beside each box
    assert groups["Q9.II"].note == "Chỉ nhập khi câu Q8.1 = 1"
    assert sheet.legends == (
        "1 Rất không hài lòng · 2 Không hài lòng · 3 Bình thường · 4 Hài lòng · 5 Rất hài lòng",
    )
    assert sheet.has_not_applicable


def test_the_2017_method_asks_the_transaction_channel_and_marks_direct_only_items(
    cast: Cast,
) -> None:
    wave = paper_wave(cast, "sipas-2017", respondent_types=["individual", "organisation"])
    sheet = keying.sheet_for(wave)
    assert sheet.groups[0].title == "Trước khi bắt đầu"
    assert sheet.by_name["q-about.transaction_channel"].keys == {"1": 1, "2": 2, "3": 3}
    assert sheet.by_name["q-C1.1"].note == "chỉ khi giao dịch trực tiếp"
    assert sheet.by_name["q-C2.1"].note == ""


def test_keys_are_normalised_so_equal_meanings_compare_equal(cast: Cast) -> None:
    sheet = keying.sheet_for(paper_wave(cast, SIPAS_2023))
    first = keying.normalise(sheet, {"q-Q2": "3 1 6", "q-OPEN": "  Cần  thêm ghế "})
    second = keying.normalise(sheet, {"q-Q2": "613", "q-OPEN": "Cần thêm ghế"})
    assert first == second == {"q-Q2": "136", "q-OPEN": "Cần thêm ghế"}
    assert keying.differences(sheet, first, {**second, "q-Q2": "16"})[0].field.code == "Q2"
