"""``public_actions(unit)``: what the ward's public page may show of its improvement actions."""

from __future__ import annotations

import datetime as dt

from hailong.performance import services
from hailong.performance.models import ActionStatus
from hailong.performance.selectors import public_actions
from tests.action_data import answered_wave
from tests.conftest import Cast


def test_only_public_and_not_dropped_actions_open_first(cast: Cast) -> None:
    wave = answered_wave(cast.ngoc_ha)

    def make(what: str, deadline: dt.date, public: bool = True):  # type: ignore[no-untyped-def]
        return services.improvement_action_create(
            actor=cast.alice,
            unit=cast.ngoc_ha,
            wave=wave,
            item_code="C1.1",
            what=what,
            department=cast.department,
            deadline=deadline,
            public=public,
        )

    done = make("Đã lắp ghế", dt.date(2026, 1, 31))
    services.improvement_action_set_status(
        actor=cast.alice, action=done, status=ActionStatus.DONE, outcome="Đã lắp 24 ghế."
    )
    make("Nhắn tin báo trễ hẹn", dt.date(2026, 6, 30))
    make("Việc nội bộ", dt.date(2026, 2, 1), public=False)
    dropped = make("Bỏ dở", dt.date(2026, 3, 1))
    services.improvement_action_set_status(
        actor=cast.alice, action=dropped, status=ActionStatus.DROPPED, outcome="Sáp nhập."
    )
    in_progress = make("Tập huấn", dt.date(2026, 5, 1))
    services.improvement_action_set_status(
        actor=cast.alice, action=in_progress, status=ActionStatus.IN_PROGRESS, outcome="Đang học"
    )

    shown = public_actions(cast.ngoc_ha)

    assert [a.what for a in shown] == ["Tập huấn", "Nhắn tin báo trễ hẹn", "Đã lắp ghế"]
    first = shown[-1]
    assert (first.outcome, first.status_label, first.department) == (
        "Đã lắp 24 ghế.",
        "Đã hoàn thành",
        "Bộ phận một cửa",
    )
    assert shown[0].outcome == ""  # an unfinished action's notes stay internal
    assert first.baseline_index is not None
    assert first.baseline_n == 4
    assert not hasattr(first, "created_by")
    assert public_actions(cast.kinh_bac) == []
