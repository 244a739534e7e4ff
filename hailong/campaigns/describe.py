"""Plain-language descriptions of schedules and responsibilities (pages, e-mails, the plan)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from hailong.campaigns.recurrence import Recurrence, RecurrenceError

if TYPE_CHECKING:
    from hailong.campaigns.models import CampaignActivity, Occurrence


def weekday_names() -> list[str]:
    return [
        _("Thứ Hai"),
        _("Thứ Ba"),
        _("Thứ Tư"),
        _("Thứ Năm"),
        _("Thứ Sáu"),
        _("Thứ Bảy"),
        _("Chủ nhật"),
    ]


def times_text(rule: Recurrence) -> str:
    return _(" và ").join(t.strftime("%H:%M") for t in sorted(rule.times))


def recurrence_text(rule: Recurrence) -> str:
    """``Hằng ngày lúc 06:30 và 17:30``, ``Thứ Năm hằng tuần lúc 08:00``,
    ``16/10/2023 lúc 08:00``."""
    times = times_text(rule)
    if rule.kind == "daily":
        text = _("Hằng ngày lúc %(t)s") % {"t": times}
    elif rule.kind == "weekly":
        names = weekday_names()
        days = ", ".join(names[d] for d in sorted(rule.weekdays))
        text = _("%(d)s hằng tuần lúc %(t)s") % {"d": days, "t": times}
    else:
        assert rule.on is not None
        return _("%(d)s lúc %(t)s") % {"d": rule.on.strftime("%d/%m/%Y"), "t": times}
    if rule.skip_holidays:
        text += _(" (trừ ngày nghỉ lễ, Tết)")
    return text


def activity_schedule_text(activity: CampaignActivity) -> str:
    try:
        rule = Recurrence.from_json(activity.recurrence)
    except RecurrenceError:
        return _("Lịch không hợp lệ")
    if rule.kind == "once":
        return recurrence_text(rule)
    return _("%(rule)s, từ %(a)s đến %(b)s") % {
        "rule": recurrence_text(rule),
        "a": activity.starts_on.strftime("%d/%m/%Y"),
        "b": activity.ends_on.strftime("%d/%m/%Y"),
    }


def responsible_text(item: CampaignActivity | Occurrence) -> str:
    """Who answers for it: the department, organisation, group and person that are set."""
    parts = [
        str(obj)
        for obj in (
            item.responsible_department,
            item.responsible_organisation,
            getattr(item, "responsible_group", None),
            item.responsible_officer,
        )
        if obj is not None
    ]
    return "; ".join(parts)


def short_date(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")
