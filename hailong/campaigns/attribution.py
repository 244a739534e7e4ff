"""What the campaign achieved: responses per tracked link per day against the campaign's
timeline, the response rate against the wave's sample target, how respondents heard of the
survey, and the lift after each leaflet run.

Counts come from the running aggregates (``indices.ResponseDayCount`` per day and source,
``indices.AnswerMonthCount`` for the heard-via item), never from raw responses, so the page
costs the same at 300 or 300,000 responses. Only valid responses count.

The heard-via item is found by its scale code, ``heard_via`` (see ``HEARD_VIA_SCALE``): any
method version that has an item on that scale gets the shares; one that has none says so.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Sum
from django.utils.translation import gettext as _

from hailong.campaigns.channels import CHANNELS, channel_label
from hailong.campaigns.models import Occurrence, OccurrenceStatus
from hailong.campaigns.recurrence import LOCAL
from hailong.indices.models import ANSWERED, AnswerMonthCount, ResponseDayCount
from hailong.reports import charts
from hailong.responses.models import Source, SourceKind

if TYPE_CHECKING:
    from hailong.campaigns.models import CampaignPlan
    from hailong.surveys.models import SurveyWave

HEARD_VIA_SCALE = "heard_via"
MAX_SERIES = 6  # the chart's colours; further source kinds are grouped
LIFT_DAYS = 7
VALID = "valid"


@dataclass(frozen=True)
class SourceRow:
    label: str
    kind: str
    responses: int
    share: float | None  # of all valid responses, 0–100


@dataclass(frozen=True)
class HeardVia:
    label: str
    count: int
    share: float | None  # of the respondents who answered the item, 0–100


@dataclass(frozen=True)
class Lift:
    """Leaflet-source responses in the ``LIFT_DAYS`` days before and from a leaflet run."""

    day: dt.date
    label: str
    before: int
    after: int


@dataclass
class Attribution:
    wave: SurveyWave | None
    days: list[dt.date] = field(default_factory=list)
    series: dict[str, list[int]] = field(default_factory=dict)
    events: list[charts.TimelineEvent] = field(default_factory=list)
    sources: list[SourceRow] = field(default_factory=list)
    total: int = 0
    target: int = 0
    heard_item: str = ""
    heard_answered: int = 0
    heard_via: list[HeardVia] = field(default_factory=list)
    lifts: list[Lift] = field(default_factory=list)

    @property
    def rate(self) -> float | None:
        """Valid responses as a share of the sample target (0–100, may exceed 100)."""
        return share(self.total, self.target)

    def chart(self) -> charts.Chart | None:
        if not self.days or not self.total:
            return None
        return charts.timeline_chart(
            _("Số ý kiến theo ngày, theo nguồn, và các hoạt động tuyên truyền"),
            self.days,
            self.series,
            self.events,
        )


def share(part: float, whole: float) -> float | None:
    return 100 * part / whole if whole else None


def day_range(first: dt.date, last: dt.date) -> list[dt.date]:
    return [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]


def group_series(
    days: Sequence[dt.date],
    cells: Iterable[tuple[dt.date, str, int]],
    *,
    limit: int = MAX_SERIES,
    rest: str = "",
) -> dict[str, list[int]]:
    """Daily counts per series name, the largest ``limit - 1`` kept and the rest summed under
    ``rest`` (all kept when they fit in ``limit``)."""
    index = {day: i for i, day in enumerate(days)}
    per: dict[str, list[int]] = defaultdict(lambda: [0] * len(days))
    for day, name, count in cells:
        if day in index:
            per[name][index[day]] += count
    ranked = sorted(per, key=lambda name: (-sum(per[name]), name))
    if len(ranked) <= limit:
        return {name: per[name] for name in ranked}
    kept = {name: per[name] for name in ranked[: limit - 1]}
    other = [0] * len(days)
    for name in ranked[limit - 1 :]:
        other = [a + b for a, b in zip(other, per[name], strict=True)]
    kept[rest or _("Nguồn khác")] = other
    return kept


def lifts(
    runs: Iterable[tuple[dt.date, str]], daily: dict[dt.date, int], *, days: int = LIFT_DAYS
) -> list[Lift]:
    """For each run day: the sum of ``daily`` over the ``days`` days before it and over the
    ``days`` days from it (the run's own day included in "after")."""
    found = []
    for day, label in sorted(set(runs)):
        before = sum(daily.get(day - dt.timedelta(days=i), 0) for i in range(1, days + 1))
        after = sum(daily.get(day + dt.timedelta(days=i), 0) for i in range(days))
        found.append(Lift(day, label, before, after))
    return found


def campaign_events(plan: CampaignPlan) -> list[charts.TimelineEvent]:
    """One mark per day and channel of what was done (``3 bài``, ``24 tổ dân phố`` …)."""
    rows = Occurrence.objects.filter(plan=plan, status=OccurrenceStatus.DONE).values_list(
        "channel", "scheduled_at"
    )
    per: Counter[tuple[dt.date, str]] = Counter()
    for channel, moment in rows:
        per[(moment.astimezone(LOCAL).date(), channel)] += 1
    order = list(CHANNELS)
    events = []
    for (day, channel), n in sorted(
        per.items(), key=lambda kv: (kv[0][0], order.index(kv[0][1]) if kv[0][1] in order else 99)
    ):
        kind = CHANNELS.get(channel)
        word = str(kind.count_word) if kind else ""
        events.append(charts.TimelineEvent(day, channel_label(channel), f"{n} {word}".strip()))
    return events


def heard_via_item(wave: SurveyWave) -> tuple[str, dict[int, str]]:
    """The code of the wave's heard-via item and its option labels, or ``("", {})``."""
    definition = wave.method_version.parsed()
    for item in definition.items:
        if item.scale == HEARD_VIA_SCALE:
            scale = definition.scale_of(item)
            labels = {o.value: o.label.get("vi") for o in scale.options} if scale else {}
            return item.code, labels
    return "", {}


def heard_via_shares(wave: SurveyWave) -> tuple[str, int, list[HeardVia]]:
    """(item code, respondents who ticked any option, each option's count and share)."""
    code, labels = heard_via_item(wave)
    if not code:
        return "", 0, []
    rows = (
        AnswerMonthCount.objects.filter(wave=wave, status=VALID, item_code=code)
        .values_list("value")
        .annotate(total=Sum("count"))
    )
    counts = {value: int(total) for value, total in rows}
    answered = counts.get(ANSWERED, 0)
    found = [
        HeardVia(label, counts.get(value, 0), share(counts.get(value, 0), answered))
        for value, label in labels.items()
    ]
    found.sort(key=lambda h: -h.count)
    return code, answered, found


def attribution(plan: CampaignPlan, *, today: dt.date | None = None) -> Attribution:
    """Everything the "what it achieved" page and the report section show for ``plan``.

    1. Responses per day and source of the plan's wave (valid only), from the aggregates.
    2. Days: the wave's period, cut at ``today``; series: the source kinds (largest three,
       then the rest with the generic link).
    3. Per-source totals and shares; the rate against the wave's sample target.
    4. The campaign's done occurrences as timeline marks; the lift after each leaflet run.
    5. The heard-via shares, if the wave's form asks it.
    """
    wave = plan.wave
    result = Attribution(wave=wave)
    if wave is None:
        return result
    result.target = wave.target_sample
    cells = list(
        ResponseDayCount.objects.filter(wave=wave, status=VALID)
        .values_list("day", "source_key")
        .annotate(total=Sum("count"))
    )
    sources = Source.objects.in_bulk({key for _day, key, _n in cells if key})
    kind_labels = dict(SourceKind.choices)
    generic = _("Đường dẫn chung, không rõ nguồn")

    def kind_of(key: int) -> str:
        source = sources.get(key)
        return str(kind_labels.get(source.kind, source.kind)) if source else generic

    last = min(wave.closes_on, today) if today else wave.closes_on
    days = day_range(wave.opens_on, max(last, wave.opens_on))
    result.days = days
    result.series = group_series(
        days, ((day, kind_of(key), int(n)) for day, key, n in cells), rest=_("Nguồn khác")
    )
    per_source: Counter[int] = Counter()
    for _day, key, n in cells:
        per_source[key] += int(n)
    result.total = sum(per_source.values())
    rows = []
    for key, n in per_source.most_common():
        source = sources.get(key)
        rows.append(
            SourceRow(source.label if source else generic, kind_of(key), n, share(n, result.total))
        )
    result.sources = rows
    result.events = campaign_events(plan)
    leaflet_daily: Counter[dt.date] = Counter()
    for day, key, n in cells:
        source = sources.get(key)
        if source is not None and source.kind == SourceKind.TO_ROI:
            leaflet_daily[day] += int(n)
    runs = [(e.day, e.label) for e in result.events if e.kind == channel_label("leaflet")]
    result.lifts = lifts(runs, dict(leaflet_daily))
    result.heard_item, result.heard_answered, result.heard_via = heard_via_shares(wave)
    return result
