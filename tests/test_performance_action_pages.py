"""Staff pages of improvement actions: the leader writes, the viewer reads, outsiders get 404."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
import time_machine
from django.urls import reverse

from hailong.performance import services
from hailong.performance.models import ActionStatus, ImprovementAction
from hailong.surveys.models import SurveyWave
from tests.action_data import answered_wave
from tests.conftest import Cast


@pytest.fixture
def wave(cast: Cast) -> SurveyWave:
    return answered_wave(cast.ngoc_ha)


def action(cast: Cast, wave: SurveyWave, **changes: Any) -> ImprovementAction:
    data: dict[str, Any] = {
        "actor": cast.alice,
        "unit": cast.ngoc_ha,
        "wave": wave,
        "item_code": "C1.1",
        "what": "Bố trí thêm ghế chờ",
        "department": cast.department,
        "deadline": dt.date(2026, 6, 30),
    }
    data.update(changes)
    return services.improvement_action_create(**data)


def url(name: str, cast: Cast, *args: int) -> str:
    return reverse(f"performance:{name}", args=[cast.ngoc_ha.pk, *args])


def test_the_dashboard_link_preselects_the_wave_and_the_item(cast: Cast, wave: SurveyWave) -> None:
    link = f"{url('action_create', cast)}?dot={wave.pk}&chi_tieu=C1.1"
    page = cast.client(cast.alice).get(link)
    body = page.content.decode()
    assert page.status_code == 200
    assert '<option value="C1.1" selected>50,00 % · C1.1 Nơi ngồi chờ' in body
    assert body.index("C1.1 Nơi ngồi chờ") < body.index("C1.2 Trang thiết bị")  # weakest first


def test_the_leader_creates_an_action_from_the_link(cast: Cast, wave: SurveyWave) -> None:
    link = f"{url('action_create', cast)}?dot={wave.pk}&chi_tieu=C1.1"
    response = cast.client(cast.alice).post(
        link,
        {
            "item_code": "C1.1",
            "what": "Bố trí thêm 20 ghế chờ",
            "department": cast.department.pk,
            "deadline": "31/03/2027",
            "public": "on",
        },
    )
    created = ImprovementAction.objects.get()
    assert response["Location"] == url("action_detail", cast, created.pk)
    assert (created.wave, created.deadline, created.public) == (wave, dt.date(2027, 3, 31), True)


def test_a_bad_link_falls_back_to_the_newest_wave_and_no_item(cast: Cast, wave: SurveyWave) -> None:
    other = answered_wave(cast.kinh_bac, c11=(5,))  # another ward's wave is not offered
    page = cast.client(cast.alice).get(f"{url('action_create', cast)}?dot={other.pk}&chi_tieu=X")
    body = page.content.decode()
    assert page.status_code == 200
    assert f'<option value="{wave.pk}" selected>' in body
    assert " selected>50,00 %" not in body


def test_a_ward_without_waves_is_told_so(cast: Cast) -> None:
    body = cast.client(cast.alice).get(url("action_create", cast)).content.decode()
    assert "chưa có đợt khảo sát" in body


def test_overdue_actions_are_highlighted_and_counted(cast: Cast, wave: SurveyWave) -> None:
    action(cast, wave, what="Đã quá hạn", deadline=dt.date(2026, 6, 30))
    action(cast, wave, what="Còn hạn", deadline=dt.date(2026, 9, 30))
    with time_machine.travel(dt.datetime(2026, 7, 15, 3, tzinfo=dt.UTC)):
        body = cast.client(cast.bob).get(url("actions", cast)).content.decode()
    assert "1 hành động đã quá hạn" in body
    assert body.count('class="overdue"') == 1
    row = body[body.index('class="overdue"') :]
    assert row.index("Đã quá hạn") < row.index("</tr>")


def test_the_list_shows_the_weakest_items_with_links_for_the_leader(
    cast: Cast, wave: SurveyWave
) -> None:
    body = cast.client(cast.alice).get(url("actions", cast)).content.decode()
    assert f"?dot={wave.pk}&amp;chi_tieu=C1.1" in body
    viewer = cast.client(cast.bob).get(url("actions", cast)).content.decode()
    assert "chi_tieu=" not in viewer
    assert "Lập hành động mới" not in viewer


def test_the_status_page_closes_an_action_with_its_outcome(cast: Cast, wave: SurveyWave) -> None:
    made = action(cast, wave)
    client = cast.client(cast.alice)
    refused = client.post(url("action_status", cast, made.pk), {"status": "done", "outcome": ""})
    assert refused.status_code == 400
    client.post(url("action_status", cast, made.pk), {"status": "done", "outcome": "Đã lắp."})
    made.refresh_from_db()
    assert (made.status, made.outcome) == (ActionStatus.DONE, "Đã lắp.")
    detail = client.get(url("action_detail", cast, made.pk)).content.decode()
    assert "Đã lắp." in detail
    assert "50,00" in detail


def test_the_edit_page_changes_what_and_when(cast: Cast, wave: SurveyWave) -> None:
    made = action(cast, wave)
    cast.client(cast.alice).post(
        url("action_edit", cast, made.pk),
        {"what": "Thêm 30 ghế", "department": "", "deadline": "01/08/2026"},
    )
    made.refresh_from_db()
    assert (made.what, made.department, made.deadline) == ("Thêm 30 ghế", None, dt.date(2026, 8, 1))


@pytest.mark.parametrize("who", ["bob", "oscar"])
def test_read_only_staff_view_but_cannot_write(cast: Cast, wave: SurveyWave, who: str) -> None:
    made = action(cast, wave)
    client = cast.client(getattr(cast, who))
    assert client.get(url("actions", cast)).status_code == 200
    assert client.get(url("action_detail", cast, made.pk)).status_code == 200
    assert client.get(url("action_create", cast)).status_code == 403
    assert client.post(url("action_edit", cast, made.pk), {"what": "x"}).status_code == 403
    status = {"status": "dropped", "outcome": "x"}
    assert client.post(url("action_status", cast, made.pk), status).status_code == 403
    made.refresh_from_db()
    assert made.status == ActionStatus.PLANNED


def test_an_outsider_gets_404_everywhere(cast: Cast, wave: SurveyWave) -> None:
    made = action(cast, wave)
    client = cast.client(cast.charlie)
    for page in (url("actions", cast), url("action_detail", cast, made.pk)):
        assert client.get(page).status_code == 404


def test_an_action_is_reached_only_under_its_own_unit(cast: Cast, wave: SurveyWave) -> None:
    made = action(cast, wave)
    wrong = reverse("performance:action_detail", args=[cast.kinh_bac.pk, made.pk])
    assert cast.client(cast.root).get(wrong).status_code == 404


def test_the_list_costs_a_fixed_number_of_queries(
    cast: Cast, wave: SurveyWave, django_assert_max_num_queries: Callable[..., Any]
) -> None:
    for n in range(8):
        action(cast, wave, what=f"Việc {n}")
    client = cast.client(cast.alice)
    client.get(url("actions", cast))
    with django_assert_max_num_queries(16):
        client.get(url("actions", cast))
