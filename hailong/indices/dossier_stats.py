"""Per-dossier satisfaction (QĐ 766 practice): (Rất hài lòng + Hài lòng) / rated dossiers.

Counted by the database (``COUNT`` with a filter, grouped), by field, procedure, department or
officer, and by the period of the **rating** date (``rated_at``, local time), never the dossier's
creation date (sipas-method.md §12).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncMonth, TruncQuarter, TruncYear
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hailong.dossiers.models import SATISFIED_LEVELS, DossierRating
from hailong.indices.aggregates import LOCAL
from hailong.indices.dashboard import period_label
from hailong.units.models import AdministrativeUnit

DIMENSIONS = {
    "field": ("field_id", "field__name", gettext_lazy("Lĩnh vực")),
    "procedure": ("procedure_id", "procedure__name", gettext_lazy("Thủ tục")),
    "department": ("department_id", "department__name", gettext_lazy("Bộ phận")),
    "officer": ("officer_id", "officer__full_name", gettext_lazy("Cán bộ")),
}
TRUNC = {"month": TruncMonth, "quarter": TruncQuarter, "year": TruncYear}
LIMIT = 50


@dataclass(frozen=True)
class RatingRow:
    label: str
    rated: int
    satisfied: int

    @property
    def share(self) -> float | None:
        return 100 * self.satisfied / self.rated if self.rated else None


def ratings(
    unit: AdministrativeUnit, date_from: dt.date | None, date_to: dt.date | None
) -> QuerySet[DossierRating]:
    rows = DossierRating.objects.filter(unit__path__startswith=unit.path)
    if date_from:
        rows = rows.filter(rated_at__gte=dt.datetime.combine(date_from, dt.time.min, tzinfo=LOCAL))
    if date_to:
        end = dt.datetime.combine(date_to + dt.timedelta(days=1), dt.time.min, tzinfo=LOCAL)
        rows = rows.filter(rated_at__lt=end)
    return rows


def _counts() -> dict[str, Count]:
    return {
        "rated": Count("pk"),
        "satisfied": Count("pk", filter=Q(level__in=list(SATISFIED_LEVELS))),
    }


def total(rows: QuerySet[DossierRating]) -> RatingRow:
    found = rows.aggregate(**_counts())
    return RatingRow(_("Tất cả"), found["rated"], found["satisfied"])


def by_dimension(rows: QuerySet[DossierRating], dimension: str) -> list[RatingRow]:
    """Per field / procedure / department / officer, most rated first (one grouped query)."""
    key, name, _label = DIMENSIONS[dimension]
    grouped = rows.values(key, name).annotate(**_counts()).order_by("-rated", name)[:LIMIT]
    return [RatingRow(g[name] or _("Chưa ghi"), g["rated"], g["satisfied"]) for g in grouped]


def by_period(rows: QuerySet[DossierRating], grain: str) -> list[RatingRow]:
    """Per month, quarter or year of the rating date, oldest first (one grouped query)."""
    trunc = TRUNC[grain]("rated_at", tzinfo=LOCAL)
    grouped: Any = rows.annotate(period=trunc).values("period").annotate(**_counts())
    return [
        RatingRow(period_label(_as_date(g["period"]), grain), g["rated"], g["satisfied"])
        for g in grouped.order_by("period")
    ]


def _as_date(value: dt.date | dt.datetime) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.astimezone(LOCAL).date() if value.tzinfo else value.date()
    return value
