"""Staff edits of a keyed form: audited (who, when, old → new), and the running aggregates stay
equal to a recount of the raw responses."""

from __future__ import annotations

import pytest
from django.urls import reverse

from hailong.core.errors import ServiceError
from hailong.indices import aggregates
from hailong.indices.models import AnswerMonthCount
from hailong.paper import services
from hailong.paper.models import EventKind, PaperEvent, PaperForm
from hailong.responses.models import Response
from tests.conftest import Cast
from tests.test_paper_factories import (  # noqa: F401 (fixture)
    SIPAS_2023,
    days_ago,
    enter,
    fresh_cache,
    keys_for,
    new_batch,
    paper_wave,
    second_officer,
)

pytestmark = pytest.mark.usefixtures("fresh_cache")


def _count(wave, code: str, value: int) -> int:  # type: ignore[no-untyped-def]
    rows = AnswerMonthCount.objects.filter(wave=wave, item_code=code, value=value)
    return sum(rows.values_list("count", flat=True))


def test_an_edit_changes_the_response_and_writes_old_and_new_to_the_trail(cast: Cast) -> None:
    wave = paper_wave(cast)
    batch = new_batch(cast, wave)
    form = enter(batch, cast.oscar, 1, keys_for(wave, CC1="5", LV="Hộ tịch")).form
    diff = services.paper_form_edit(
        actor=cast.oscar,
        form=form,
        posted=keys_for(wave, CC1="2", LV="Chứng thực bản sao"),
        note="Gõ nhầm câu CC1",
    )
    assert diff == {"q-CC1": ["5", "2"], "q-LV": ["Hộ tịch", "Chứng thực bản sao"]}
    response = Response.objects.get()
    assert response.answers["CC1"] == 2
    assert response.answers["LV"] == "Chứng thực bản sao"
    event = PaperEvent.objects.get(kind=EventKind.FORM_EDITED)
    assert (event.actor, event.username, event.form_number) == (cast.oscar, "oscar", 1)
    assert event.changes == diff
    assert event.note == "Gõ nhầm câu CC1"
    assert PaperForm.objects.get().final["q-CC1"] == "2"


def test_an_edit_keeps_the_aggregates_equal_to_a_recount(cast: Cast) -> None:
    wave = paper_wave(cast, SIPAS_2023)
    batch = new_batch(cast, wave, declared=3, collected_on=days_ago(2))
    for number in (1, 2, 3):
        enter(batch, cast.oscar, number, keys_for(wave, **{"Q8.1": "1", "II.3.1": "4"}))
    assert aggregates.check(wave_ids=[wave.pk]) == []
    assert _count(wave, "II.3.1", 4) == 3
    form = PaperForm.objects.get(number=2)
    edited = keys_for(wave, **{"Q8.1": "2", "II.3.1": "4", "I.A.1": "", "Q2": "4"})
    services.paper_form_edit(actor=cast.oscar, form=form, posted=edited)
    assert aggregates.check(wave_ids=[wave.pk]) == []
    assert _count(wave, "II.3.1", 4) == 2  # part II no longer applies to form 2
    assert _count(wave, "I.A.1", -1) == 1  # now blank


def test_a_resolved_double_entry_keeps_the_aggregates_right(cast: Cast) -> None:
    wave = paper_wave(cast)
    batch = new_batch(cast, wave, declared=1, double=True)
    enter(batch, cast.oscar, 1, keys_for(wave, CC1="4"))
    form = enter(batch, second_officer(cast), 1, keys_for(wave, CC1="3")).form
    services.paper_form_resolve(actor=cast.oscar, form=form,
                                picks={"q-CC1": "2"}, typed={})  # fmt: skip
    assert aggregates.check(wave_ids=[wave.pk]) == []
    assert _count(wave, "CC1", 3) == 1
    assert _count(wave, "CC1", 4) == 0


def test_an_edit_without_changes_writes_nothing(cast: Cast) -> None:
    wave = paper_wave(cast)
    batch = new_batch(cast, wave)
    form = enter(batch, cast.oscar, 1, keys_for(wave)).form
    assert services.paper_form_edit(actor=cast.oscar, form=form, posted=keys_for(wave)) == {}
    assert not PaperEvent.objects.filter(kind=EventKind.FORM_EDITED).exists()


def test_an_invalid_edit_changes_nothing(cast: Cast) -> None:
    wave = paper_wave(cast)
    batch = new_batch(cast, wave)
    form = enter(batch, cast.oscar, 1, keys_for(wave, CC1="5")).form
    page = cast.client(cast.oscar).post(
        reverse("paper:form_edit", args=[batch.pk, 1]), {**keys_for(wave, CC1="9"), "note": ""}
    )
    assert page.status_code == 400
    assert "Lựa chọn không hợp lệ." in page.content.decode()
    assert Response.objects.get().answers["CC1"] == 5
    assert aggregates.check(wave_ids=[wave.pk]) == []
    assert PaperForm.objects.get(pk=form.pk).final["q-CC1"] == "5"


def test_a_form_not_yet_stored_cannot_be_edited(cast: Cast) -> None:
    wave = paper_wave(cast)
    batch = new_batch(cast, wave, double=True)
    form = enter(batch, cast.oscar, 1, keys_for(wave)).form
    with pytest.raises(ServiceError, match="Chỉ sửa được phiếu đã lưu"):
        services.paper_form_edit(actor=cast.oscar, form=form, posted=keys_for(wave))


def test_the_edit_page_shows_the_stored_keys_and_records_the_change(cast: Cast) -> None:
    wave = paper_wave(cast)
    batch = new_batch(cast, wave)
    enter(batch, cast.oscar, 1, keys_for(wave, CC1="5"))
    client = cast.client(cast.oscar)
    url = reverse("paper:form_edit", args=[batch.pk, 1])
    page = client.get(url).content.decode()
    assert 'name="q-CC1" value="5"' in page
    saved = client.post(url, {**keys_for(wave, CC1="3"), "note": "Sửa theo phiếu gốc"})
    assert saved.status_code == 302
    record = client.get(reverse("paper:form", args=[batch.pk, 1])).content.decode()
    assert "Sửa phiếu đã lưu" in record
    assert "<code>CC1</code>: 5 → 3" in record
