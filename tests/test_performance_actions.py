"""Improvement actions: the frozen baseline, the rules of each status, overdue, who may write."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from hailong.core.errors import PermissionDenied, ServiceError
from hailong.performance import services
from hailong.performance.models import ActionStatus, ImprovementAction
from hailong.performance.selectors import action_after, actions_for_unit, overdue_actions
from hailong.surveys.models import SurveyWave
from hailong.units import services as unit_services
from tests.action_data import answer, answered_wave
from tests.conftest import Cast
from tests.test_responses_factories import TODAY

C11 = "Nơi ngồi chờ giải quyết thủ tục hành chính có đủ chỗ ngồi."


@pytest.fixture
def wave(cast: Cast) -> SurveyWave:
    return answered_wave(cast.ngoc_ha)


def create(cast: Cast, wave: SurveyWave, **changes: object) -> ImprovementAction:
    data: dict[str, object] = {
        "actor": cast.alice,
        "unit": cast.ngoc_ha,
        "wave": wave,
        "item_code": "C1.1",
        "what": "  Bố trí thêm   20 ghế chờ ",
        "department": cast.department,
        "deadline": dt.date(2026, 6, 30),
    }
    data.update(changes)
    return services.improvement_action_create(**data)  # type: ignore[arg-type]


def test_creating_freezes_the_items_wording_share_and_n(cast: Cast, wave: SurveyWave) -> None:
    action = create(cast, wave)
    assert (action.item_code, action.item_text) == ("C1.1", C11)
    assert action.baseline_index == pytest.approx(50.0)  # 5, 4 of 5, 4, 2, 1
    assert action.baseline_n == 4
    assert (action.what, action.status, action.created_by) == (
        "Bố trí thêm 20 ghế chờ",
        ActionStatus.PLANNED,
        cast.alice,
    )


def test_the_baseline_stays_when_answers_keep_coming(cast: Cast, wave: SurveyWave) -> None:
    action = create(cast, wave)
    answer(wave, (5, 5, 5, 5))
    action.refresh_from_db()
    assert action.baseline_index == pytest.approx(50.0)


@pytest.mark.parametrize("who", ["bob", "oscar", "cindy", "charlie"])
def test_only_a_leader_creates_actions(cast: Cast, wave: SurveyWave, who: str) -> None:
    with pytest.raises(PermissionDenied):
        create(cast, wave, actor=getattr(cast, who))


def test_the_item_must_be_one_the_waves_method_scores(cast: Cast, wave: SurveyWave) -> None:
    with pytest.raises(ServiceError) as refused:
        create(cast, wave, item_code="Q99")
    assert refused.value.field == "item_code"


def test_the_wave_and_the_department_must_be_the_units(cast: Cast, wave: SurveyWave) -> None:
    other = answered_wave(cast.kinh_bac, c11=(5,))
    with pytest.raises(ServiceError, match="Đợt khảo sát"):
        create(cast, other)
    foreign = unit_services.department_save(unit=cast.kinh_bac, kind="mot_cua", name="Một cửa KB")
    with pytest.raises(ServiceError, match="Bộ phận"):
        create(cast, wave, department=foreign)


@pytest.mark.parametrize("status", [ActionStatus.DONE, ActionStatus.DROPPED])
def test_closing_an_action_needs_its_outcome_or_reason(
    cast: Cast, wave: SurveyWave, status: str
) -> None:
    action = create(cast, wave)
    with pytest.raises(ServiceError) as refused:
        services.improvement_action_set_status(
            actor=cast.alice, action=action, status=status, outcome="   "
        )
    assert refused.value.field == "outcome"


def test_done_records_the_local_day_and_reopening_clears_it(cast: Cast, wave: SurveyWave) -> None:
    action = create(cast, wave)
    with time_machine.travel(dt.datetime(2026, 3, 14, 20, 0, tzinfo=dt.UTC)):  # 03:00 on 15/03
        services.improvement_action_set_status(
            actor=cast.alice, action=action, status=ActionStatus.DONE, outcome="Đã lắp 24 ghế."
        )
    assert action.completed_on == dt.date(2026, 3, 15)
    services.improvement_action_set_status(
        actor=cast.alice, action=action, status=ActionStatus.IN_PROGRESS, outcome=""
    )
    assert action.completed_on is None


@pytest.mark.parametrize(
    ("now", "status", "overdue"),
    [
        (dt.datetime(2026, 6, 30, 16, 59, tzinfo=dt.UTC), ActionStatus.PLANNED, False),  # 23:59
        (dt.datetime(2026, 6, 30, 17, 0, tzinfo=dt.UTC), ActionStatus.PLANNED, True),  # 01/07
        (dt.datetime(2026, 7, 1, 2, 0, tzinfo=dt.UTC), ActionStatus.IN_PROGRESS, True),
        (dt.datetime(2026, 7, 1, 2, 0, tzinfo=dt.UTC), ActionStatus.DONE, False),
        (dt.datetime(2026, 7, 1, 2, 0, tzinfo=dt.UTC), ActionStatus.DROPPED, False),
    ],
)
def test_an_open_action_is_overdue_from_the_day_after_its_deadline_in_vietnam(
    cast: Cast, wave: SurveyWave, now: dt.datetime, status: str, overdue: bool
) -> None:
    action = create(cast, wave)  # deadline 30/06/2026
    if status != ActionStatus.PLANNED:
        services.improvement_action_set_status(
            actor=cast.alice, action=action, status=status, outcome="Kết quả."
        )
    with time_machine.travel(now, tick=False):
        from hailong.performance.selectors import local_today

        today = local_today()
        assert action.is_overdue(today) is overdue
        assert overdue_actions(cast.ngoc_ha, today).exists() is overdue


def test_open_actions_come_first_by_deadline(cast: Cast, wave: SurveyWave) -> None:
    late = create(cast, wave, deadline=dt.date(2026, 9, 1), what="Muộn")
    early = create(cast, wave, deadline=dt.date(2026, 2, 1), what="Sớm")
    done = create(cast, wave, deadline=dt.date(2026, 1, 1), what="Xong")
    services.improvement_action_set_status(
        actor=cast.alice, action=done, status=ActionStatus.DONE, outcome="Đã xong."
    )
    assert list(actions_for_unit(cast.ngoc_ha)) == [early, late, done]


def test_the_after_figure_comes_from_a_later_wave_asking_the_same_item(
    cast: Cast, wave: SurveyWave
) -> None:
    action = create(cast, wave)
    assert action_after(action) is None
    later = answered_wave(
        cast.ngoc_ha,
        c11=(5, 5, 4, 1),
        name="Đợt sau",
        opens_on=wave.closes_on + dt.timedelta(days=1),
        closes_on=wave.closes_on + dt.timedelta(days=60),
    )
    after = action_after(action)
    assert after is not None
    assert (after.wave, after.n) == (later, 4)
    assert after.index == pytest.approx(75.0)
    assert TODAY  # the waves are relative to today


def test_the_frozen_wording_is_vietnamese_whatever_the_leaders_language(
    cast: Cast, wave: SurveyWave
) -> None:
    from django.utils import translation

    with translation.override("en"):
        action = create(cast, wave)
    assert action.item_text == C11
