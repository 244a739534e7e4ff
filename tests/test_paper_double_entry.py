"""Double entry: a second keying by another officer; disagreements are listed and resolved, and
only forms whose answers are agreed become responses."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from hailong.core.errors import ServiceError
from hailong.paper import keying, selectors, services
from hailong.paper.models import EventKind, FormStatus, PaperEntry, PaperEvent, PaperForm
from hailong.responses.models import Response
from tests.conftest import Cast
from tests.test_paper_factories import (  # noqa: F401 (fixture)
    SIPAS_2023,
    enter,
    fresh_cache,
    keys_for,
    new_batch,
    paper_wave,
    second_officer,
)

pytestmark = pytest.mark.usefixtures("fresh_cache")


def test_the_first_keying_waits_for_a_second_one(cast: Cast) -> None:
    wave = paper_wave(cast)
    batch = new_batch(cast, wave, double=True)
    entered = enter(batch, cast.oscar, 1, keys_for(wave))
    assert not entered.stored
    assert entered.form.status == FormStatus.AWAITING_SECOND
    assert not Response.objects.exists()


def test_the_same_officer_cannot_key_a_form_twice(cast: Cast) -> None:
    wave = paper_wave(cast)
    batch = new_batch(cast, wave, double=True)
    enter(batch, cast.oscar, 1, keys_for(wave))
    with pytest.raises(ServiceError, match="phải do cán bộ khác") as caught:
        enter(batch, cast.oscar, 1, keys_for(wave))
    assert caught.value.code == "same_officer"
    assert PaperEntry.objects.count() == 1


def test_the_database_refuses_a_second_keying_by_the_same_officer(cast: Cast) -> None:
    wave = paper_wave(cast)
    batch = new_batch(cast, wave, double=True)
    form = enter(batch, cast.oscar, 1, keys_for(wave)).form
    with pytest.raises(IntegrityError), transaction.atomic():
        PaperEntry.objects.create(
            form=form, round=2, entered_by=cast.oscar, entered_at=timezone.now()
        )


def test_the_page_refuses_the_same_officer_with_the_message_on_the_number(cast: Cast) -> None:
    wave = paper_wave(cast)
    batch = new_batch(cast, wave, double=True)
    enter(batch, cast.oscar, 1, keys_for(wave))
    page = cast.client(cast.oscar).post(
        reverse("paper:entry", args=[batch.pk]), {**keys_for(wave), "so": "1"}
    )
    assert page.status_code == 400
    html = page.content.decode()
    assert 'id="e-so"' in html
    assert "lần nhập thứ hai phải do cán bộ khác thực hiện" in html


def test_two_agreeing_keyings_store_the_response_once(cast: Cast) -> None:
    wave = paper_wave(cast)
    batch = new_batch(cast, wave, double=True)
    otto = second_officer(cast)
    enter(batch, cast.oscar, 1, keys_for(wave, CC1="5"))
    entered = enter(batch, otto, 1, keys_for(wave, CC1="5"))
    assert entered.stored
    response = Response.objects.get()
    assert response.answers["CC1"] == 5
    assert response.entered_by == cast.oscar  # who keyed it first
    assert entered.form.entries.count() == 2


def test_a_third_keying_is_refused(cast: Cast) -> None:
    wave = paper_wave(cast)
    batch = new_batch(cast, wave, double=True)
    enter(batch, cast.oscar, 1, keys_for(wave))
    enter(batch, second_officer(cast), 1, keys_for(wave, CC1="1"))
    with pytest.raises(ServiceError, match="nhập đủ hai lần"):
        enter(batch, cast.carol, 1, keys_for(wave))


def _conflicting(cast: Cast):  # type: ignore[no-untyped-def]
    wave = paper_wave(cast, SIPAS_2023)
    batch = new_batch(cast, wave, double=True)
    otto = second_officer(cast)
    first = keys_for(wave, **{"Q8.1": "1", "II.3.1": "4", "II.3.2": "5", "Q2": "13"})
    second = keys_for(wave, **{"Q8.1": "1", "II.3.1": "5", "II.3.2": "", "Q2": "31"})
    enter(batch, cast.oscar, 1, first)
    entered = enter(batch, otto, 1, second)
    return wave, batch, entered


def test_disagreements_are_listed_per_form_and_item(cast: Cast) -> None:
    wave, batch, entered = _conflicting(cast)
    assert entered.conflicts == 2
    assert entered.form.status == FormStatus.CONFLICT
    assert not Response.objects.exists()
    found = selectors.disagreements(batch, keying.sheet_for(wave))
    assert [d.form.number for d in found] == [1]
    rows = [(d.field.code, d.first, d.second) for d in found[0].differences]
    assert rows == [("II.3.1", "4", "5"), ("II.3.2", "5", "")]  # "13" and "31" agree

    page = cast.client(cast.bob).get(reverse("paper:conflicts", args=[batch.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Phiếu số 1" in html
    assert "4 · Hài lòng" in html
    assert "5 · Rất hài lòng" in html
    assert 'name="chon-q-II.3.2"' in html
    assert "Lưu phiếu số 1" not in html  # bob reads, cannot resolve


def test_resolving_by_picking_and_typing_stores_the_chosen_values(cast: Cast) -> None:
    _wave, batch, _entered = _conflicting(cast)
    response = cast.client(cast.oscar).post(
        reverse("paper:resolve", args=[batch.pk, 1]),
        {"chon-q-II.3.1": "2", "go-q-II.3.2": "3"},
    )
    assert response.status_code == 302
    stored = Response.objects.get()
    assert stored.answers["II.3.1"] == 5
    assert stored.answers["II.3.2"] == 3
    assert stored.answers["Q2"] == [1, 3]
    form = PaperForm.objects.get()
    assert form.status == FormStatus.STORED
    assert form.resolved_by == cast.oscar
    event = PaperEvent.objects.get(kind=EventKind.FORM_RESOLVED)
    assert event.changes == {"q-II.3.1": ["4", "5", "5"], "q-II.3.2": ["5", "", "3"]}


def test_picking_a_blank_keeps_the_item_blank(cast: Cast) -> None:
    _wave, _batch, entered = _conflicting(cast)
    services.paper_form_resolve(
        actor=cast.oscar, form=entered.form, picks={"q-II.3.1": "1", "q-II.3.2": "2"}, typed={}
    )
    answers = Response.objects.get().answers
    assert answers["II.3.1"] == 4
    assert answers["II.3.2"] is None


def test_an_unresolved_disagreement_keeps_the_form_out(cast: Cast) -> None:
    _wave, batch, _entered = _conflicting(cast)
    page = cast.client(cast.oscar).post(
        reverse("paper:resolve", args=[batch.pk, 1]), {"chon-q-II.3.1": "1"}
    )
    assert page.status_code == 400
    assert "Chọn giá trị của lần 1 hoặc lần 2, hoặc gõ giá trị đúng." in page.content.decode()
    assert not Response.objects.exists()
    assert PaperForm.objects.get().status == FormStatus.CONFLICT


def test_a_typed_value_is_checked_like_any_key(cast: Cast) -> None:
    _wave, _batch, entered = _conflicting(cast)
    with pytest.raises(keying.EntryInvalid) as caught:
        services.paper_form_resolve(
            actor=cast.oscar,
            form=entered.form,
            picks={"q-II.3.1": "1"},
            typed={"q-II.3.2": "0"},
        )
    assert caught.value.errors == {"q-II.3.2": "Câu này không có lựa chọn «không áp dụng» (0)."}
    assert not Response.objects.exists()


def test_only_agreed_forms_are_counted_as_responses(cast: Cast) -> None:
    wave = paper_wave(cast)
    batch = new_batch(cast, wave, double=True, declared=4)
    otto = second_officer(cast)
    for number in (1, 2, 3, 4):
        enter(batch, cast.oscar, number, keys_for(wave))
    enter(batch, otto, 1, keys_for(wave))  # agrees
    enter(batch, otto, 2, keys_for(wave, CC1="2"))  # disagrees
    enter(batch, otto, 3, keys_for(wave))  # agrees; 4 has one keying only
    counts = selectors.batch_counts(batch)
    assert (counts.entered, counts.stored, counts.conflicts, counts.awaiting_second) == (4, 2, 1, 1)
    assert Response.objects.filter(wave=wave).count() == 2
    numbers = set(PaperForm.objects.filter(response__isnull=False).values_list("number", flat=True))
    assert numbers == {1, 3}


def test_the_next_number_skips_forms_the_officer_has_keyed(cast: Cast) -> None:
    wave = paper_wave(cast)
    batch = new_batch(cast, wave, double=True, declared=3)
    otto = second_officer(cast)
    enter(batch, cast.oscar, 1, keys_for(wave))
    enter(batch, cast.oscar, 2, keys_for(wave))
    assert selectors.next_number(batch, cast.oscar) == 3
    assert selectors.next_number(batch, otto) == 1
    assert selectors.round_for(batch, 1) == 2
