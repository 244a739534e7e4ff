"""Cross-tabs that need raw responses: the respondent part's fields and the transaction channel.

The aggregates keep channel, source and respondent type, not gender, age band, education…, so
these read the responses themselves, bounded: at most ``RAW_LIMIT`` of the newest responses that
match (the page says so when the cap was reached). One query, values only (never contact data).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from hailong.indices import selectors as sel
from hailong.indices import spec as method_spec
from hailong.indices.aggregates import LOCAL
from hailong.indices.dashboard import Category, definition_for_version
from hailong.responses.models import Response, TransactionChannel
from hailong.surveys.definition import Definition
from hailong.surveys.models import SurveyWave
from hailong.units.models import AdministrativeUnit

RAW_LIMIT = 5_000
TRANSACTION = "transaction_channel"
FIELD_TYPES = ("single_choice", "age_band", "unit")
UNKNOWN = "-"


@dataclass(frozen=True)
class CrossTab:
    field: str
    label: str
    categories: list[Category]
    read: int
    capped: bool


def crosstab_fields(definition: Definition) -> list[tuple[str, str]]:
    """``(code, label)`` of what can be cross-tabbed: coded respondent fields that vary within a
    ward (not the province or the commune itself), then the transaction channel."""
    lang = get_language()
    fields = [
        (f.code, f.label.get(lang))
        for f in definition.respondent_fields
        if f.type in FIELD_TYPES and (f.type != "unit" or f.level == "hamlet")
    ]
    return [*fields, (TRANSACTION, str(_("Hình thức giao dịch")))]


def responses_matching(
    *, unit: AdministrativeUnit, wave: SurveyWave, filters: sel.Filters
) -> QuerySet[Response]:
    """Raw responses of ``wave`` in ``unit``'s subtree that the filters keep (dates exact)."""
    rows = Response.objects.filter(wave=wave, unit__path__startswith=unit.path)
    if filters.statuses:
        rows = rows.filter(status__in=filters.statuses)
    if filters.channels:
        rows = rows.filter(channel__in=filters.channels)
    if filters.sources:
        keys = [k for k in filters.sources if k]
        by_source = Q(source_id__in=keys)
        rows = rows.filter(
            by_source | Q(source__isnull=True) if 0 in filters.sources else by_source
        )
    if filters.respondent_types:
        rows = rows.filter(respondent_type__in=filters.respondent_types)
    return _dates(rows, filters)


def _dates(rows: QuerySet[Response], filters: sel.Filters) -> QuerySet[Response]:
    if filters.date_from:
        start = dt.datetime.combine(filters.date_from, dt.time.min, tzinfo=LOCAL)
        rows = rows.filter(submitted_at__gte=start)
    if filters.date_to:
        end = dt.datetime.combine(filters.date_to + dt.timedelta(days=1), dt.time.min, tzinfo=LOCAL)
        rows = rows.filter(submitted_at__lt=end)
    return rows


def crosstab(
    *, unit: AdministrativeUnit, wave: SurveyWave, filters: sel.Filters, field: str
) -> CrossTab | None:
    """n and overall index per value of one respondent field (or the transaction channel).

    1. Read at most ``RAW_LIMIT`` newest matching responses (respondent part and answers).
    2. Count the scored items' answers per category as the aggregates do (a blank is ``None``,
       "not applicable" its own value, which the engine leaves out).
    3. Compute each category's overall index through the wave's method version.
    """
    definition = definition_for_version(wave.method_version_id)
    choices = dict(crosstab_fields(definition))
    if field not in choices:
        return None
    rows = responses_matching(unit=unit, wave=wave, filters=filters).order_by("-submitted_at")
    scored = [
        code for code, _values, _satisfied in sel.spec_for_version(wave.method_version_id).items
    ]
    n_by: dict[str, float] = defaultdict(float)
    counts: dict[str, dict[str, dict[Any, float]]] = defaultdict(dict)
    read = 0
    for respondent, transaction, answers in _values(rows, field):
        read += 1
        found = transaction if field == TRANSACTION else respondent.get(field)
        key = UNKNOWN if found is None else str(found)
        n_by[key] += 1
        target = counts[key]
        for code in scored:
            if code in answers:
                value = answers[code]
                cell = target.setdefault(code, defaultdict(float))
                cell[value if isinstance(value, int) else None] += 1
    spec = sel.spec_for_version(wave.method_version_id)
    labels = _labels(definition, field, n_by)
    categories = [
        Category(
            key,
            labels.get(key, _("Không rõ") if key == UNKNOWN else key),
            n,
            method_spec.compute(spec, n, counts[key])["overall"],
        )
        for key, n in n_by.items()
    ]
    categories.sort(key=lambda c: (-c.n, c.label))
    return CrossTab(field, choices[field], categories, read, read >= RAW_LIMIT)


def _values(rows: QuerySet[Response], field: str) -> Iterator[tuple[dict[str, Any], Any, Any]]:
    limited = rows.values_list("respondent", "transaction_channel", "answers")[:RAW_LIMIT]
    yield from limited.iterator(chunk_size=2000)


def _labels(definition: Definition, field: str, keys: Iterable[str]) -> dict[str, str]:
    if field == TRANSACTION:
        return {str(k): str(v) for k, v in TransactionChannel.choices}
    lang = get_language()
    spec = next((f for f in definition.respondent_fields if f.code == field), None)
    if spec is None:
        return {}
    if spec.type == "unit":
        ids = [int(k) for k in keys if k.isascii() and k.isdigit()]
        return {
            str(pk): name
            for pk, name in AdministrativeUnit.objects.filter(pk__in=ids).values_list("pk", "name")
        }
    if spec.type == "age_band":
        return {str(b.value): b.label.get(lang) for b in spec.bands}
    return {str(o.value): o.label.get(lang) for o in spec.options}
