"""Reads for the emulation ranking of a commune-level unit (thi đua, khen thưởng).

Departments and officers are ranked by their per-dossier satisfaction over a period (ratings
counted by when they were given, ``rated_at``, in Vietnam time); residential groups by the
registered emulation sources (``performance.sources``). Only aggregates leave this module: no
dossier, no rating, no reason, so a colleague's individual ratings cannot be read off the page
or the export.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.db.models import Count, Q
from django.db.models.functions import ExtractYear
from django.utils import timezone
from django.utils.translation import gettext as _

from hailong.dossiers.models import SATISFIED_LEVELS, DossierRating
from hailong.indices import smallcells
from hailong.performance import ranking, sources
from hailong.units.models import AdministrativeUnit, Department, Officer, UnitLevel
from hailong.units.selectors import valid_on

LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")
DEFAULT_MIN_N = 30


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date  # inclusive

    @property
    def label(self) -> str:
        return f"{self.start:%d/%m/%Y} – {self.end:%d/%m/%Y}"

    def bounds(self) -> tuple[dt.datetime, dt.datetime]:
        """[start 00:00, day after end 00:00) in Vietnam time, as aware datetimes."""
        first = dt.datetime.combine(self.start, dt.time.min, tzinfo=LOCAL)
        after = dt.datetime.combine(self.end + dt.timedelta(days=1), dt.time.min, tzinfo=LOCAL)
        return first, after


def min_n_floor() -> int:
    """The smallest minimum a user may set: the small-cell threshold (default 10)."""
    return smallcells.threshold()


def default_period(unit: AdministrativeUnit) -> Period:
    """The latest calendar year with enough ratings to rank anyone (``DEFAULT_MIN_N``), else
    the year of the latest rating, else this year; the current year runs to today.

    A few ratings given in early January for December's dossiers do not make January the
    default: the council ranks the year that has the data. One query.
    """
    today = timezone.localdate()
    years = dict(
        DossierRating.objects.filter(unit=unit)
        .annotate(year=ExtractYear("rated_at", tzinfo=LOCAL))
        .values("year")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("year", "n")
    )
    enough = [y for y, n in years.items() if n >= DEFAULT_MIN_N]
    year = max(enough) if enough else max(years, default=today.year)
    end = dt.date(year, 12, 31)
    return Period(dt.date(year, 1, 1), min(end, today) if year == today.year else end)


@dataclass(frozen=True)
class GroupRanking:
    key: str
    label: str
    rules: str
    rows: list[ranking.RankedScore]


@dataclass(frozen=True)
class EmulationRanking:
    unit: AdministrativeUnit
    period: Period
    min_n: int
    departments: list[ranking.Ranked]
    officers: list[ranking.Ranked]
    unassigned_department: int  # ratings of dossiers with no department recorded
    unassigned_officer: int
    rated: int
    satisfied: int
    groups: list[GroupRanking]

    @property
    def share(self) -> float | None:
        return 100 * self.satisfied / self.rated if self.rated else None


def emulation_ranking(unit: AdministrativeUnit, period: Period, min_n: int) -> EmulationRanking:
    """Departments, officers and residential groups of ``unit`` ranked for ``period``.

    1. Count rated and satisfied dossiers per department and per officer (one query).
    2. Add the unit's active departments and officers with no rating (listed, not ranked).
    3. Rank with ``ranking.rank`` (minimum ``min_n``, Wilson tie-break).
    4. Rank residential groups by each registered source.
    """
    by_department, by_officer = _counts(unit, period)
    departments = {
        d.pk: d.name
        for d in Department.objects.filter(unit=unit).filter(
            Q(active=True) | Q(pk__in=[k for k in by_department if k is not None])
        )
    }
    officers = {
        o.pk: _officer_label(o)
        for o in Officer.objects.filter(unit=unit)
        .filter(Q(active=True) | Q(pk__in=[k for k in by_officer if k is not None]))
        .select_related("department")
    }
    rated = sum(n for n, _s in by_department.values())
    satisfied = sum(s for _n, s in by_department.values())
    return EmulationRanking(
        unit=unit,
        period=period,
        min_n=min_n,
        departments=ranking.rank(_tallies(departments, by_department), min_n=min_n),
        officers=ranking.rank(_tallies(officers, by_officer), min_n=min_n),
        unassigned_department=by_department.get(None, (0, 0))[0],
        unassigned_officer=by_officer.get(None, (0, 0))[0],
        rated=rated,
        satisfied=satisfied,
        groups=_group_rankings(unit, period),
    )


def _counts(
    unit: AdministrativeUnit, period: Period
) -> tuple[dict[int | None, tuple[int, int]], dict[int | None, tuple[int, int]]]:
    """(rated, satisfied) per department and per officer, from one grouped query."""
    first, after = period.bounds()
    rows = (
        DossierRating.objects.filter(unit=unit, rated_at__gte=first, rated_at__lt=after)
        .values("department_id", "officer_id")
        .annotate(
            n_rated=Count("pk"),
            n_satisfied=Count("pk", filter=Q(level__in=list(SATISFIED_LEVELS))),
        )
        .order_by()
    )
    departments: dict[int | None, tuple[int, int]] = {}
    officers: dict[int | None, tuple[int, int]] = {}
    for row in rows:
        for totals, key in ((departments, row["department_id"]), (officers, row["officer_id"])):
            rated, satisfied = totals.get(key, (0, 0))
            totals[key] = (rated + row["n_rated"], satisfied + row["n_satisfied"])
    return departments, officers


def _tallies(
    names: dict[int, str], counts: dict[int | None, tuple[int, int]]
) -> list[ranking.Tally]:
    return [
        ranking.Tally(
            key=pk, name=name, rated=counts.get(pk, (0, 0))[0], satisfied=counts.get(pk, (0, 0))[1]
        )
        for pk, name in names.items()
    ]


def _officer_label(officer: Officer) -> str:
    department = officer.department.name if officer.department else ""
    return f"{officer.full_name} ({department})" if department else officer.full_name


def _group_rankings(unit: AdministrativeUnit, period: Period) -> list[GroupRanking]:
    scorers = sources.registered()
    if not scorers:
        return []
    groups = valid_on(
        AdministrativeUnit.objects.filter(parent=unit, level=UnitLevel.HAMLET), period.end
    )
    names = {g.pk: g.name for g in groups}
    result = []
    for scorer in scorers:
        given = {s.key: s for s in scorer.scores(unit, period.start, period.end) if s.key in names}
        scores = [
            given.get(pk) or ranking.Score(key=pk, name=name, score=None)
            for pk, name in names.items()
        ]
        result.append(
            GroupRanking(
                scorer.key, str(scorer.label), str(scorer.rules), ranking.rank_scores(scores)
            )
        )
    return result


def rules_text(min_n: int) -> list[str]:
    """The rules as the page and the exports write them (one sentence each)."""
    return [
        _(
            "Tỷ lệ hài lòng = số hồ sơ được đánh giá «Rất hài lòng» hoặc «Hài lòng» chia cho số hồ "
            "sơ được đánh giá, của từng bộ phận và từng cán bộ, công chức trong kỳ."
        ),
        _(
            "Đánh giá được tính vào kỳ theo thời điểm người dân đánh giá (giờ Việt Nam), "
            "không theo ngày tiếp nhận hồ sơ."
        ),
        _(
            "Chỉ xếp hạng khi có từ %(n)s hồ sơ được đánh giá trở lên; ít hơn thì ghi «chưa đủ "
            "số đánh giá» và không công bố tỷ lệ; chưa có đánh giá thì không tính là 0 %% hay "
            "100 %%."
        )
        % {"n": min_n},
        _(
            "Xếp từ cao xuống thấp theo tỷ lệ hài lòng; bằng nhau thì xếp theo cận dưới của "
            "khoảng tin cậy 95 % (Wilson), tức là nhiều đánh giá hơn xếp trên; vẫn bằng nhau "
            "thì cùng hạng."
        ),
        _(
            "Khoảng tin cậy 95 % cho biết tỷ lệ thực có thể nằm trong khoảng nào; khoảng rộng "
            "nghĩa là còn ít đánh giá, cần thận trọng khi so sánh."
        ),
        _("Tỷ lệ ghi với hai chữ số thập phân, làm tròn nửa lên."),
    ]
