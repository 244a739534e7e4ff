"""Batches: who collected where and when, and sequential form numbers under the wave's quota."""

from __future__ import annotations

import pytest
from django.urls import reverse

from hailong.core.errors import PermissionDenied, ServiceError
from hailong.paper import selectors, services
from hailong.paper.models import BatchStatus, EventKind, PaperBatch, PaperEvent
from hailong.surveys.models import WaveChannel, WaveStatus
from tests.conftest import Cast
from tests.test_paper_factories import (  # noqa: F401 (fixture)
    TODAY,
    days_ago,
    fresh_cache,
    new_batch,
    paper_wave,
)

pytestmark = pytest.mark.usefixtures("fresh_cache")


def test_batches_get_the_next_numbers_of_the_wave_in_turn(cast: Cast) -> None:
    wave = paper_wave(cast)
    first = new_batch(cast, wave, declared=20)
    second = new_batch(cast, wave, declared=15)
    assert (first.number, first.first_number, first.last_number) == (1, 1, 20)
    assert (second.number, second.first_number, second.last_number) == (2, 21, 35)
    assert first.status == BatchStatus.OPEN
    assert PaperEvent.objects.filter(kind=EventKind.BATCH_CREATED).count() == 2


def test_a_range_may_be_wider_than_the_forms_that_came_back(cast: Cast) -> None:
    wave = paper_wave(cast)
    services.paper_quota_set(actor=cast.alice, wave=wave, cap=200)
    batch = new_batch(cast, wave, declared=47, first_number=101, last_number=150)
    assert (batch.first_number, batch.last_number, batch.declared_count) == (101, 150, 47)
    assert new_batch(cast, wave, declared=3).first_number == 151


def test_numbers_beyond_the_quota_are_refused(cast: Cast) -> None:
    wave = paper_wave(cast)  # target sample 100: the default cap
    new_batch(cast, wave, declared=90)
    with pytest.raises(ServiceError, match="Vượt hạn mức phiếu giấy của đợt \\(100 phiếu"):
        new_batch(cast, wave, declared=11)
    services.paper_quota_set(actor=cast.alice, wave=wave, cap=150)
    assert new_batch(cast, wave, declared=11).last_number == 101
    assert selectors.quota_of(wave) == 150


def test_the_quota_cannot_drop_below_a_number_handed_out(cast: Cast) -> None:
    wave = paper_wave(cast)
    new_batch(cast, wave, declared=40)
    with pytest.raises(ServiceError, match="\\(40\\)"):
        services.paper_quota_set(actor=cast.alice, wave=wave, cap=30)
    with pytest.raises(PermissionDenied):
        services.paper_quota_set(actor=cast.oscar, wave=wave, cap=300)


def test_overlapping_ranges_are_refused(cast: Cast) -> None:
    wave = paper_wave(cast)
    new_batch(cast, wave, declared=10, first_number=11, last_number=20)
    with pytest.raises(ServiceError, match="trùng với lô số 1") as caught:
        new_batch(cast, wave, declared=5, first_number=18)
    assert caught.value.field == "first_number"


def test_more_forms_than_the_range_holds_are_refused(cast: Cast) -> None:
    wave = paper_wave(cast)
    with pytest.raises(ServiceError, match="ít hơn số phiếu thu về"):
        new_batch(cast, wave, declared=10, first_number=1, last_number=5)


def test_the_collection_day_must_fall_inside_the_wave_and_not_in_the_future(cast: Cast) -> None:
    wave = paper_wave(cast)
    with pytest.raises(ServiceError, match="trong thời gian của đợt khảo sát"):
        new_batch(cast, wave, collected_on=days_ago(30))
    with pytest.raises(ServiceError, match="tương lai"):
        new_batch(cast, wave, collected_on=days_ago(-2))


def test_a_wave_without_paper_or_not_yet_open_takes_no_batch(cast: Cast) -> None:
    online = paper_wave(cast, name="Chỉ trực tuyến", channels=[WaveChannel.ONLINE])
    with pytest.raises(ServiceError, match="không thu phiếu giấy"):
        new_batch(cast, online)
    planned = paper_wave(cast, name="Chưa mở", status=WaveStatus.PLANNED)
    with pytest.raises(ServiceError, match="chưa mở"):
        new_batch(cast, planned)


def test_someone_must_have_collected_the_forms_somewhere(cast: Cast) -> None:
    wave = paper_wave(cast)
    with pytest.raises(ServiceError, match="người thu phiếu") as who:
        new_batch(cast, wave, collector_name=" ")
    assert who.value.field == "collector_name"
    with pytest.raises(ServiceError, match="địa điểm") as where:
        new_batch(cast, wave, residential_group=None, place="")
    assert where.value.field == "place"
    batch = new_batch(cast, wave, collector_name="", collector_officer=cast.officer)
    assert batch.collector == "Đỗ Quang Huy"


def test_only_staff_who_enter_responses_create_batches(cast: Cast) -> None:
    wave = paper_wave(cast)
    with pytest.raises(PermissionDenied):
        new_batch(cast, wave, actor=cast.alice)  # the leader manages, does not key


def test_the_new_batch_page_creates_a_batch_and_opens_the_entry_sheet(cast: Cast) -> None:
    wave = paper_wave(cast)
    client = cast.client(cast.oscar)
    url = reverse("paper:batch_create", args=[wave.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "collected_on": TODAY.strftime("%d/%m/%Y"),
            "declared_count": "12",
            "collector_officer": str(cast.officer.pk),
            "residential_group": str(cast.group1.pk),
            "double_entry": "on",
        },
    )
    batch = PaperBatch.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("paper:entry", args=[batch.pk])
    assert batch.double_entry
    assert (batch.first_number, batch.last_number) == (1, 12)


def test_the_new_batch_page_shows_a_refusal_next_to_its_field(cast: Cast) -> None:
    wave = paper_wave(cast)
    page = cast.client(cast.oscar).post(
        reverse("paper:batch_create", args=[wave.pk]),
        {"collected_on": "01/01/2020", "declared_count": "5", "collector_name": "Bà Lan",
         "place": "Nhà văn hóa"},
    )  # fmt: skip
    assert page.status_code == 400
    assert "trong thời gian của đợt khảo sát" in page.content.decode()
    assert not PaperBatch.objects.exists()


def test_the_wave_page_lists_batches_with_their_counts(
    cast: Cast, django_assert_max_num_queries: object
) -> None:
    wave = paper_wave(cast)
    for _ in range(3):
        new_batch(cast, wave)
    client = cast.client(cast.bob)
    with django_assert_max_num_queries(12):  # type: ignore[operator]
        page = client.get(reverse("paper:batches", args=[wave.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert html.count("Ông Trần Văn Tâm") == 3
    assert reverse("paper:batch_create", args=[wave.pk]) not in html  # bob only reads


def test_the_wave_page_links_to_its_paper_batches(cast: Cast) -> None:
    wave = paper_wave(cast)
    page = cast.client(cast.bob).get(reverse("surveys:wave_detail", args=[wave.pk]))
    assert reverse("paper:batches", args=[wave.pk]) in page.content.decode()
