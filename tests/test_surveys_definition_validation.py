"""A method definition is refused with Vietnamese messages that name the path of each problem."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from hailong.surveys.definition import DefinitionError, parse_definition
from hailong.surveys.testing import minimal_definition


def errors_of(data: Any) -> list[str]:
    with pytest.raises(DefinitionError) as info:
        parse_definition(data)
    return info.value.errors


def test_a_minimal_definition_is_accepted_and_items_learn_their_element() -> None:
    definition = parse_definition(minimal_definition())
    assert definition.item("C1.1").element == "E1"
    assert definition.item("GY").element is None
    assert definition.formula.satisfied == (4, 5)


def test_an_unknown_scale_is_named_with_its_path() -> None:
    data = minimal_definition()
    data["items"][0]["scale"] = "s9"
    assert "items[0].scale: thang đo «s9» không tồn tại" in errors_of(data)


def test_an_element_referring_to_an_unknown_item_is_refused() -> None:
    data = minimal_definition()
    data["elements"][0]["items"] = ["C1.1", "C9.9"]
    assert "elements[0].items[1]: câu hỏi «C9.9» không tồn tại" in errors_of(data)


def test_duplicate_item_codes_are_refused() -> None:
    data = minimal_definition()
    data["items"].append(copy.deepcopy(data["items"][0]))
    assert "items: mã «C1.1» bị trùng" in errors_of(data)


def test_an_empty_element_is_refused() -> None:
    data = minimal_definition()
    data["elements"].append({"code": "E2", "name": "Trống", "items": []})
    assert "elements[1].items: yếu tố phải có ít nhất một câu hỏi" in errors_of(data)


def test_an_item_in_two_elements_is_refused() -> None:
    data = minimal_definition()
    data["elements"].append({"code": "E2", "name": "Hai", "items": ["C1.1"]})
    assert any("đã thuộc yếu tố «E1»" in e for e in errors_of(data))


def test_an_unknown_question_type_lists_the_known_ones() -> None:
    data = minimal_definition()
    data["items"][1]["type"] = "slider"
    (error,) = errors_of(data)
    assert error.startswith("items[1].type: loại câu hỏi «slider» không tồn tại")
    assert "scale" in error
    assert "multi_choice" in error


def test_a_text_question_with_a_scale_is_refused() -> None:
    data = minimal_definition()
    data["items"][1]["scale"] = "hl5"
    assert "items[1].scale: loại «text» không dùng thang đo" in errors_of(data)


def test_an_element_item_must_be_a_rating_scale_containing_the_satisfied_values() -> None:
    data = minimal_definition(formula={"satisfied": [6]})
    assert any("không có mức 6 được tính là hài lòng" in e for e in errors_of(data))


def test_overlapping_age_bands_are_refused() -> None:
    bands = [
        {"value": 1, "label": "18–25", "min_age": 18, "max_age": 25},
        {"value": 2, "label": "25–34", "min_age": 25, "max_age": 34},
    ]
    data = minimal_definition(
        respondent_fields=[{"code": "age", "label": "Tuổi", "type": "age_band", "bands": bands}]
    )
    assert "respondent_fields[0].bands: nhóm «18–25» và «25–34» chồng lấn nhau" in errors_of(data)


def test_mean_of_parts_needs_parts_and_every_element_in_one() -> None:
    data = minimal_definition(formula={"overall": "mean_of_parts"})
    assert "formula.parts: quy tắc «mean_of_parts» cần danh sách các phần" in errors_of(data)


def test_shape_errors_are_all_listed_at_once() -> None:
    data = minimal_definition(code="Không hợp lệ", scales="nope")
    del data["items"][0]["text"]
    errors = errors_of(data)
    assert any(e.startswith("code: mã «Không hợp lệ»") for e in errors)
    assert "scales: phải là một danh sách […]" in errors
    assert "items[0].text: thiếu trường bắt buộc" in errors


def test_a_wording_mark_must_be_confirmed_or_to_check() -> None:
    data = minimal_definition()
    data["items"][0]["wording"] = "maybe"
    assert any(
        e.startswith("items[0].wording: giá trị «maybe» không hợp lệ") for e in errors_of(data)
    )


def test_a_perception_index_must_name_an_option_of_its_item() -> None:
    data = minimal_definition(
        formula={"perception": [{"code": "p", "name": "P", "item": "C1.1", "options": [9]}]}
    )
    assert "formula.perception[0].options: thang đo «hl5» không có giá trị 9" in errors_of(data)


def test_a_document_that_is_not_an_object_is_refused() -> None:
    assert errors_of([1, 2]) == ["(gốc): phải là một đối tượng JSON {…}"]
