"""Drill-down: the anonymous responses behind one figure of the dashboard.

A cell is the dashboard's filters plus, optionally, one item (and one of its values, or a blank)
and one breakdown category. The list is exactly what the figure counted: answers are aggregated
per month, so an item's cell widens the date filter to whole months as the figure does; the
response count (no item) keeps exact days. Only ids, dates, channels, sources, statuses and the
item's value are ever shown: never contact data, never free text.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from django.db.models import Q, QuerySet

from hailong.indices import selectors as sel
from hailong.indices.crosstabs import TRANSACTION, UNKNOWN, responses_matching
from hailong.indices.dashboard import definition_for_version
from hailong.responses.models import Response
from hailong.surveys.models import SurveyWave
from hailong.units.models import AdministrativeUnit

BLANK_VALUE = "trong"
STATUS_ALL = ("valid", "flagged", "excluded")
AGGREGATE_GROUPS = {"channel": "channel", "source": "source", "type": "respondent_type"}


@dataclass(frozen=True)
class Cell:
    item: str = ""
    value: str = ""  # a scale value, ``BLANK_VALUE``, or "" for every valid answer
    group: str = ""  # "channel" | "source" | "type" | a respondent field | "transaction_channel"
    group_value: str = ""


def widen_to_months(filters: sel.Filters) -> sel.Filters:
    """The date filter as the answer aggregates apply it: from the first of the start month to
    the last day of the end month."""
    start, end = filters.months()
    if end is not None:
        following = (end + dt.timedelta(days=32)).replace(day=1)
        end = following - dt.timedelta(days=1)
    return replace(filters, date_from=start, date_to=end)


def cell_responses(
    *, unit: AdministrativeUnit, wave: SurveyWave, filters: sel.Filters, cell: Cell
) -> QuerySet[Response] | None:
    """The responses behind ``cell`` (newest first), or ``None`` if the cell names an item or a
    group that does not exist for this wave."""
    if cell.item:
        filters = widen_to_months(filters)
    rows = responses_matching(unit=unit, wave=wave, filters=filters)
    if cell.item:
        item_q = _item_q(wave, cell)
        if item_q is None:
            return None
        rows = rows.filter(item_q)
    if cell.group:
        group_q = _group_q(wave, cell)
        if group_q is None:
            return None
        rows = rows.filter(group_q)
    return rows.select_related("source").order_by("-submitted_at", "-pk")


def _item_q(wave: SurveyWave, cell: Cell) -> Q | None:
    definition = definition_for_version(wave.method_version_id)
    codes = {item.code for item in definition.element_items()}
    if cell.item not in codes:  # never a lookup built from unchecked input
        return None
    scale = definition.scale_of(definition.item(cell.item))
    values = scale.values if scale else ()
    key = f"answers__{cell.item}"
    if cell.value == BLANK_VALUE:
        return Q(**{key: None})
    if not cell.value:
        return Q(**{f"{key}__in": list(values)})
    if not (cell.value.isascii() and cell.value.isdigit()) or int(cell.value) not in values:
        return None
    return Q(**{key: int(cell.value)})


def _group_q(wave: SurveyWave, cell: Cell) -> Q | None:
    if cell.group in AGGREGATE_GROUPS:
        column = AGGREGATE_GROUPS[cell.group]
        if cell.group == "source":
            if cell.group_value == "0":
                return Q(source__isnull=True)
            return (
                Q(source_id=int(cell.group_value))
                if cell.group_value.isascii() and cell.group_value.isdigit()
                else None
            )
        return Q(**{column: cell.group_value})
    if cell.group == TRANSACTION:
        if cell.group_value in ("", UNKNOWN):
            return Q(transaction_channel__isnull=True)
        return Q(transaction_channel=cell.group_value)
    definition = definition_for_version(wave.method_version_id)
    if cell.group not in {f.code for f in definition.respondent_fields}:
        return None
    key = f"respondent__{cell.group}"
    if cell.group_value == UNKNOWN:
        return Q(**{f"{key}__isnull": True}) | Q(**{key: None})
    if not (cell.group_value.isascii() and cell.group_value.isdigit()):
        return None
    return Q(**{key: int(cell.group_value)})
