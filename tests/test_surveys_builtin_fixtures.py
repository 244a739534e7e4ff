"""The shipped methods load and have the structure the domain note describes."""

from __future__ import annotations

import pytest

from hailong.surveys.builtin import builtin_definitions
from hailong.surveys.definition import Definition


@pytest.fixture(scope="module")
def methods() -> dict[str, Definition]:
    return {d.code: d for d in builtin_definitions()}


def test_the_four_builtin_methods_are_shipped(methods: dict[str, Definition]) -> None:
    assert set(methods) == {"sipas-2017", "sipas-2023", "ward-short-2026", "dossier-766"}


def test_the_2017_method_has_5_elements_and_22_criteria(methods: dict[str, Definition]) -> None:
    m = methods["sipas-2017"]
    assert [e.code for e in m.elements] == ["E1", "E2", "E3", "E4", "E5"]
    assert [len(e.items) for e in m.elements] == [4, 5, 6, 3, 4]
    assert len(m.element_items()) == 22
    assert m.formula.overall == "mean_of_elements"


def test_the_2017_wording_marks_follow_the_domain_table(methods: dict[str, Definition]) -> None:
    confirmed = {i.code for i in methods["sipas-2017"].items if i.wording == "confirmed"}
    assert confirmed == {"C2.1", "C2.5", "C3.1", "C3.3", "C3.4", "C3.6", "C5.4"}


def test_the_2023_form_has_33_satisfaction_items_in_two_parts(
    methods: dict[str, Definition],
) -> None:
    m = methods["sipas-2023"]
    by_part: dict[str, int] = {}
    for element in m.elements:
        by_part[element.part] = by_part.get(element.part, 0) + len(element.items)
    assert by_part == {"policy": 14, "services": 19}
    assert m.formula.overall == "mean_of_parts"
    assert "II.3.2" in {i.code for i in m.element_items()}


def test_the_2023_form_has_9_priorities_without_the_unknown_item_8(
    methods: dict[str, Definition],
) -> None:
    priority = methods["sipas-2023"].formula.priority
    assert priority is not None
    assert len(priority.items) == 9
    assert "Q10.8" not in priority.items
    assert priority.values == (2, 3)


def test_the_2023_form_has_q1_to_q8_an_open_comment_and_the_respondent_part(
    methods: dict[str, Definition],
) -> None:
    m = methods["sipas-2023"]
    codes = {i.code for i in m.items}
    assert {"Q2", "Q3", "Q4", "Q5", "Q6", "Q7", "OPEN"} <= codes
    assert sum(1 for c in codes if c.startswith("Q1.") and not c.startswith("Q10")) == 8
    assert sum(1 for c in codes if c.startswith("Q8.")) == 7
    assert m.item("Q2").type == "multi_choice"
    scale = m.scale_of(m.item("Q2"))
    assert scale is not None
    assert len(scale.options) == 7
    fields = {f.code for f in m.respondent_fields}
    assert fields >= {"province", "commune", "hamlet", "gender", "age_band", "ethnicity"}
    assert fields >= {"education", "occupation", "area", "terrain"}
    age = next(f for f in m.respondent_fields if f.code == "age_band")
    assert age.band_for_age(25) is not None
    assert age.band_for_age(25).value == 2
    national = [i for i in m.items if i.code != "KS"]  # KS: the ward's own addition, below
    assert all(i.wording == "to_check" for i in national)


def test_the_ward_form_has_9_required_items_in_3_groups_on_a_descending_scale(
    methods: dict[str, Definition],
) -> None:
    m = methods["ward-short-2026"]
    items = m.element_items()
    assert len(items) == 9
    assert all(i.required for i in items)
    assert [len(e.items) for e in m.elements] == [3, 2, 4]
    scale = m.scale_of(items[0])
    assert scale is not None
    assert [o.value for o in scale.options] == [5, 4, 3, 2, 1]
    field = m.item("LV")
    assert field.type == "text"
    assert field.required


def test_the_dossier_rating_has_3_levels_with_a_reason_for_not_satisfied(
    methods: dict[str, Definition],
) -> None:
    m = methods["dossier-766"]
    (item,) = m.element_items()
    scale = m.scale_of(item)
    assert scale is not None
    assert [(o.label.vi, o.reason_required) for o in scale.options] == [
        ("Rất hài lòng", False),
        ("Hài lòng", False),
        ("Không hài lòng", True),
    ]
    assert m.satisfied_for(item) == (2, 3)


def test_every_item_carries_a_wording_mark(methods: dict[str, Definition]) -> None:
    for m in methods.values():
        assert all(i.wording in {"confirmed", "to_check"} for i in m.items)


def test_the_ward_form_asks_how_the_respondent_heard_of_the_survey_optionally(
    methods: dict[str, Definition],
) -> None:
    m = methods["ward-short-2026"]
    item = m.item("KS")
    assert (item.type, item.required, item.scale) == ("multi_choice", False, "heard_via")
    scale = m.scale_of(item)
    assert scale is not None
    q2 = methods["sipas-2023"].scale_of(methods["sipas-2023"].item("Q2"))
    assert q2 is not None
    assert {o.value for o in q2.options} < {o.value for o in scale.options}  # Q2's list + leaflets
    assert "KS" not in {i.code for i in m.element_items()}


def test_the_2023_form_asks_how_the_respondent_heard_of_the_survey_as_a_marked_local_addition(
    methods: dict[str, Definition],
) -> None:
    m, ward = methods["sipas-2023"], methods["ward-short-2026"]
    item = m.item("KS")
    assert (item.type, item.required, item.scale, item.element) == (
        "multi_choice",
        False,
        "heard_via",
        None,
    )
    assert m.scale_of(item) == ward.scale_of(ward.item("KS"))  # one list, one set of shares
    assert item.text == ward.item("KS").text
    # Its own last page, after the national form's open comment; the data says what it is.
    assert [g.code for g in m.groups][-2:] == ["OPEN", "KS"]
    assert m.groups[-1].items == ("KS",)
    assert m.groups[-1].note is not None
    assert "không thuộc phiếu khảo sát quốc gia" in m.groups[-1].note.vi
    assert item.note is not None
    assert item.note.vi.startswith("Không thuộc phiếu quốc gia")
    assert item.wording == "confirmed"  # hailong's own wording: nothing to check it against
    assert m.description is not None
    assert "Câu KS" in m.description.vi
    # In no index: no element, perception or priority reads it.
    assert "KS" not in {i.code for i in m.element_items()}
    assert "KS" not in {p.item for p in m.formula.perception}
    assert m.formula.priority is not None
    assert "KS" not in m.formula.priority.items
    assert m.satisfied_for(item) == ()
