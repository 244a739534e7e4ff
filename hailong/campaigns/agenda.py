"""The calendar of a plan: a month grid of counts per channel, or a week of items.

Server-rendered data only: the page is a table that works without JavaScript and collapses to
a list on a phone. Days are Vietnam dates; weeks start on Monday.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Literal

from django.urls import reverse
from django.utils.translation import gettext as _

from hailong.campaigns.channels import CHANNELS
from hailong.campaigns.models import CampaignPlan, Holiday, Occurrence, OccurrenceStatus
from hailong.campaigns.recurrence import LOCAL, local_bounds

View = Literal["week", "month"]


@dataclass
class ChannelCount:
    key: str
    label: str
    total: int = 0
    done: int = 0
    missed: int = 0

    @property
    def open(self) -> int:
        return self.total - self.done - self.missed


@dataclass
class Entry:
    """One line of the week view: an item, or the items of one activity at one time (a leaflet
    run through 24 groups is one line, linked to that day's list)."""

    when: dt.datetime
    title: str
    label: str
    status: str
    url: str
    count: int = 1
    done: int = 0
    missed: int = 0
    status_label: str = ""


@dataclass
class DayCell:
    day: dt.date
    in_view: bool
    in_plan: bool
    is_today: bool
    holiday: str = ""
    items: list[Entry] = field(default_factory=list)
    counts: list[ChannelCount] = field(default_factory=list)


@dataclass(frozen=True)
class Agenda:
    view: View
    anchor: dt.date
    title: str
    weeks: list[list[DayCell]]
    previous: dt.date
    next: dt.date


def month_title(day: dt.date) -> str:
    return _("Tháng %(m)s/%(y)s") % {"m": day.month, "y": day.year}


def agenda(plan: CampaignPlan, view: View, anchor: dt.date, today: dt.date) -> Agenda:
    """The month or week around ``anchor``, with the plan's occurrences placed on their days.

    1. Lay out the days (whole weeks, Monday first).
    2. Fetch the plan's occurrences and the holidays of those days in two queries.
    3. Month: count per channel and status; week: list the items in time order.
    """
    if view == "month":
        weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(anchor.year, anchor.month)
        title = month_title(anchor)
        previous = (anchor.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
        following = (anchor.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    else:
        monday = anchor - dt.timedelta(days=anchor.weekday())
        weeks = [[monday + dt.timedelta(days=i) for i in range(7)]]
        title = _("Tuần %(a)s – %(b)s") % {
            "a": f"{monday:%d/%m}",
            "b": f"{weeks[0][-1]:%d/%m/%Y}",
        }
        previous, following = monday - dt.timedelta(days=7), monday + dt.timedelta(days=7)
    first, last = weeks[0][0], weeks[-1][-1]
    by_day = _occurrences_by_day(plan, first, last)
    holidays = dict(Holiday.objects.filter(date__range=(first, last)).values_list("date", "name"))
    grid = [
        [
            _cell(plan, view, anchor, today, day, by_day.get(day, []), holidays.get(day, ""))
            for day in week
        ]
        for week in weeks
    ]
    return Agenda(view, anchor, title, grid, previous, following)


def _occurrences_by_day(
    plan: CampaignPlan, first: dt.date, last: dt.date
) -> dict[dt.date, list[Occurrence]]:
    start, after = local_bounds(first, last)
    rows = (
        plan.occurrences.filter(scheduled_at__gte=start, scheduled_at__lt=after)
        .select_related("activity")
        .order_by("scheduled_at", "activity_id", "target_label")
    )
    by_day: dict[dt.date, list[Occurrence]] = defaultdict(list)
    for row in rows:
        by_day[row.scheduled_at.astimezone(LOCAL).date()].append(row)
    return by_day


def _cell(
    plan: CampaignPlan,
    view: View,
    anchor: dt.date,
    today: dt.date,
    day: dt.date,
    items: list[Occurrence],
    holiday: str,
) -> DayCell:
    in_view = day.month == anchor.month if view == "month" else True
    cell = DayCell(
        day=day,
        in_view=in_view,
        in_plan=plan.period_start <= day <= plan.period_end,
        is_today=day == today,
        holiday=holiday,
    )
    if view == "week":
        cell.items = _entries(plan, day, items)
    else:
        cell.counts = _counts(items)
    return cell


def _entries(plan: CampaignPlan, day: dt.date, items: list[Occurrence]) -> list[Entry]:
    groups: dict[tuple[int, dt.datetime], list[Occurrence]] = defaultdict(list)
    for item in items:
        groups[(item.activity_id, item.scheduled_at)].append(item)
    entries = []
    for (_activity, when), rows in groups.items():
        first = rows[0]
        if len(rows) == 1:
            url = reverse("campaigns:occurrence", args=[first.pk])
            label = str(first.get_status_display())
            entries.append(
                Entry(
                    when,
                    first.activity.title,
                    first.target_label,
                    first.status,
                    url,
                    status_label=label,
                )
            )
            continue
        done = sum(r.status == OccurrenceStatus.DONE for r in rows)
        missed = sum(r.status == OccurrenceStatus.MISSED for r in rows)
        url = f"{reverse('campaigns:today', args=[plan.unit_id])}?ngay={day:%d/%m/%Y}"
        status = "done" if done == len(rows) else ("missed" if missed else "planned")
        label = _("%(n)s nơi") % {"n": len(rows)}
        entries.append(
            Entry(when, first.activity.title, label, status, url, len(rows), done, missed)
        )
    return sorted(entries, key=lambda e: (e.when, e.title))


def _counts(items: list[Occurrence]) -> list[ChannelCount]:
    counts: dict[str, ChannelCount] = {}
    for item in items:
        if item.status == OccurrenceStatus.RESCHEDULED:
            continue
        channel = CHANNELS.get(item.channel)
        count = counts.setdefault(
            item.channel,
            ChannelCount(item.channel, str(channel.label) if channel else item.channel),
        )
        count.total += 1
        count.done += item.status == OccurrenceStatus.DONE
        count.missed += item.status == OccurrenceStatus.MISSED
    order = list(CHANNELS)
    return sorted(counts.values(), key=lambda c: order.index(c.key) if c.key in order else 99)
