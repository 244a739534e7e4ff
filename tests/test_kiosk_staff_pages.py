"""Staff pages of the kiosk: those who manage surveys set tablets up; only the leader reviews
flags; the one-stop officer being rated, the read-only viewer and outsiders get nothing."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from hailong.kiosk.models import Kiosk
from hailong.kiosk.payload import Submission
from hailong.kiosk.services import kiosk_submit
from hailong.responses.models import Response, Source
from hailong.surveys import services as survey_services
from tests.conftest import Cast
from tests.test_kiosk_factories import fresh_cache, kiosk_on, new_key  # noqa: F401
from tests.test_responses_factories import open_wave, valid_raw

pytestmark = pytest.mark.usefixtures("fresh_cache")
FORM = {
    "name": "Máy tính bảng quầy một cửa số 2",
    "idle_reset_seconds": "90",
    "opens_at": "07:30",
    "closes_at": "17:00",
    "weekdays": ["0", "1", "2", "3", "4"],
    "active": "on",
}


def _flagged(kiosk: Kiosk) -> Response:
    submission = Submission(
        key=new_key(),
        wave_token=kiosk.wave.public_token,
        answers=valid_raw(kiosk.wave, value=4),
        duration_ms=2000,
        age_ms=0,
    )
    return kiosk_submit(kiosk=kiosk, submission=submission).response


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("alice", 200),
        ("carol", 200),
        ("bob", 403),
        ("oscar", 403),
        ("cindy", 403),
        ("charlie", 404),
    ],
)
def test_the_kiosk_list_is_for_those_who_manage_surveys(cast: Cast, who: str, status: int) -> None:
    kiosk = kiosk_on(cast.ngoc_ha)
    response = cast.client(getattr(cast, who)).get(reverse("kiosk:list", args=[kiosk.wave.pk]))
    assert response.status_code == status
    if status == 200:
        body = response.content.decode()
        assert kiosk.token in body  # the link to open on the tablet
        assert "<svg" in body
        assert response["Cache-Control"] == "no-store"


def test_the_kiosk_list_runs_a_fixed_number_of_queries(
    cast: Cast, django_assert_max_num_queries: Any
) -> None:
    kiosk = kiosk_on(cast.ngoc_ha)
    for n in range(5):
        kiosk_on(cast.ngoc_ha, wave=kiosk.wave, name=f"Máy số {n + 2}")
    client = cast.client(cast.alice)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("kiosk:list", args=[kiosk.wave.pk])).status_code == 200


def test_alice_adds_a_kiosk_with_its_own_source(cast: Cast) -> None:
    kiosk = kiosk_on(cast.ngoc_ha)
    response = cast.client(cast.alice).post(reverse("kiosk:create", args=[kiosk.wave.pk]), FORM)
    assert response.status_code == 302
    made = Kiosk.objects.get(name=FORM["name"])
    assert (made.idle_reset_seconds, made.weekdays, made.created_by) == (
        90,
        [0, 1, 2, 3, 4],
        cast.alice,
    )
    assert made.unit == cast.ngoc_ha
    assert Source.objects.get(pk=made.source_id).kind == "kiosk"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"closes_at": "07:00"}, "Giờ đóng phải sau giờ mở."),
        ({"weekdays": []}, 'id="id_weekdays'),
        ({"idle_reset_seconds": "5"}, 'id="id_idle_reset_seconds"'),
        ({"name": "Máy tính bảng quầy một cửa số 1"}, "Đợt khảo sát đã có máy tên này."),
    ],
)
def test_the_form_refuses_bad_settings(cast: Cast, change: dict[str, Any], message: str) -> None:
    kiosk = kiosk_on(cast.ngoc_ha)
    url = reverse("kiosk:create", args=[kiosk.wave.pk])
    response = cast.client(cast.alice).post(url, {**FORM, **change})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert 'class="error"' in response.content.decode()
    assert Kiosk.objects.count() == 1


def test_a_wave_without_the_kiosk_channel_cannot_get_a_kiosk(cast: Cast) -> None:
    kiosk = kiosk_on(cast.ngoc_ha)
    survey_services.wave_update(actor=None, wave=kiosk.wave, channels=["online"])
    response = cast.client(cast.alice).post(reverse("kiosk:create", args=[kiosk.wave.pk]), FORM)
    assert response.status_code == 400
    assert "chưa bật kênh" in response.content.decode()


def test_alice_renames_and_switches_a_kiosk_off_and_its_source_follows(cast: Cast) -> None:
    kiosk = kiosk_on(cast.ngoc_ha)
    url = reverse("kiosk:edit", args=[kiosk.wave.pk, kiosk.pk])
    data = {**FORM, "name": "Máy quầy hộ tịch"}
    del data["active"]
    assert cast.client(cast.alice).post(url, data).status_code == 302
    kiosk.refresh_from_db()
    source = Source.objects.get(pk=kiosk.source_id)
    assert (kiosk.name, kiosk.active) == ("Máy quầy hộ tịch", False)
    assert (source.label, source.active) == ("Máy tính bảng: Máy quầy hộ tịch", False)


@pytest.mark.parametrize("who", ["bob", "oscar"])
def test_the_rated_officer_and_the_viewer_cannot_set_kiosks_up(cast: Cast, who: str) -> None:
    kiosk = kiosk_on(cast.ngoc_ha)
    client = cast.client(getattr(cast, who))
    assert client.post(reverse("kiosk:create", args=[kiosk.wave.pk]), FORM).status_code == 403
    edit = reverse("kiosk:edit", args=[kiosk.wave.pk, kiosk.pk])
    assert client.post(edit, {**FORM, "name": "x"}).status_code == 403
    assert Kiosk.objects.get().name == "Máy tính bảng quầy một cửa số 1"


@pytest.mark.parametrize(
    ("who", "status"),
    [("alice", 200), ("carol", 200), ("bob", 403), ("oscar", 403), ("ron", 403), ("charlie", 404)],
)
def test_the_flags_page_is_for_the_leader(cast: Cast, who: str, status: int) -> None:
    kiosk = kiosk_on(cast.ngoc_ha)
    flagged = _flagged(kiosk)
    response = cast.client(getattr(cast, who)).get(reverse("kiosk:flags", args=[kiosk.wave.pk]))
    assert response.status_code == status
    if status == 200:
        body = response.content.decode()
        assert f"<td>{flagged.pk}</td>" in body
        assert "Trả lời quá nhanh" in body


def test_the_flags_page_runs_a_fixed_number_of_queries(
    cast: Cast, django_assert_max_num_queries: Any
) -> None:
    kiosk = kiosk_on(cast.ngoc_ha)
    for _ in range(6):
        _flagged(kiosk)
    client = cast.client(cast.alice)
    with django_assert_max_num_queries(10):
        assert client.get(reverse("kiosk:flags", args=[kiosk.wave.pk])).status_code == 200


def test_alice_excludes_a_flagged_response_from_the_page_and_sees_the_log(cast: Cast) -> None:
    kiosk = kiosk_on(cast.ngoc_ha)
    flagged = _flagged(kiosk)
    client = cast.client(cast.alice)
    url = reverse("kiosk:review", args=[kiosk.wave.pk, flagged.pk])
    assert client.post(url, {"decision": "exclude"}).status_code == 302
    assert Response.objects.get(pk=flagged.pk).status == "excluded"
    page = client.get(reverse("kiosk:flags", args=[kiosk.wave.pk])).content.decode()
    assert "alice" in page
    assert "Không có phiếu nào cần xem xét." in page


@pytest.mark.parametrize(("who", "status"), [("bob", 403), ("oscar", 403), ("charlie", 404)])
def test_others_cannot_decide(cast: Cast, who: str, status: int) -> None:
    kiosk = kiosk_on(cast.ngoc_ha)
    flagged = _flagged(kiosk)
    url = reverse("kiosk:review", args=[kiosk.wave.pk, flagged.pk])
    assert cast.client(getattr(cast, who)).post(url, {"decision": "keep"}).status_code == status
    assert Response.objects.get(pk=flagged.pk).status == "flagged"


def test_a_review_of_a_response_of_another_wave_is_404(cast: Cast) -> None:
    kiosk = kiosk_on(cast.ngoc_ha)
    other = kiosk_on(cast.ngoc_ha, wave=open_wave(cast.ngoc_ha, name="Đợt khác"))
    flagged = _flagged(other)
    url = reverse("kiosk:review", args=[kiosk.wave.pk, flagged.pk])
    assert cast.client(cast.alice).post(url, {"decision": "keep"}).status_code == 404
