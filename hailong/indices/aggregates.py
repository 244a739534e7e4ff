"""Maintain and rebuild the running aggregates (``ResponseDayCount``, ``AnswerMonthCount``).

``record(response, sign)`` is called inside the transaction that stores (``+1``) or re-labels
(``-1`` then ``+1``) a response. It is one multi-row ``INSERT … ON CONFLICT … DO UPDATE SET
count = count + excluded.count`` per table, with rows in a fixed order so concurrent transactions
lock the same cells in the same order and never deadlock. Each call writes into one shard of the
cells, picked at random among ``AGGREGATE_SHARDS``, so concurrent submissions rarely wait for
each other's row locks; ``compact`` folds the shards back into shard 0. ``rebuild`` recomputes
everything from raw responses; ``check`` compares the two and lists the cells that differ.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection, transaction

from hailong.indices.models import ANSWERED, BLANK, AnswerMonthCount, ResponseDayCount

LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")
DAY_DIMS = (
    "unit_id",
    "wave_id",
    "method_version_id",
    "day",
    "channel",
    "source_key",
    "respondent_type",
    "status",
)
MONTH_DIMS = (
    "unit_id",
    "wave_id",
    "method_version_id",
    "month",
    "channel",
    "source_key",
    "respondent_type",
    "status",
    "item_code",
    "value",
)


class ResponseLike(Protocol):
    unit_id: int
    wave_id: int
    method_version_id: int
    channel: str
    source_id: int | None
    respondent_type: str
    status: str
    submitted_at: dt.datetime
    answers: dict[str, Any]


def _day(response: ResponseLike) -> dt.date:
    return response.submitted_at.astimezone(LOCAL).date()


def answer_cells(answers: dict[str, Any]) -> Iterator[tuple[str, int]]:
    """(item, value) cells of one response: ints as they are, a blank as ``BLANK``, each ticked
    option of a multiple choice plus one ``ANSWERED`` marker; free text is not counted."""
    for code, value in answers.items():
        if value is None:
            yield code, BLANK
        elif isinstance(value, bool):
            yield code, int(value)
        elif isinstance(value, int):
            yield code, value
        elif isinstance(value, list):
            ticked = sorted({v for v in value if isinstance(v, int)})
            yield code, ANSWERED if ticked else BLANK
            for option in ticked:
                yield code, option


def _keys(response: ResponseLike) -> tuple[tuple[Any, ...], list[tuple[Any, ...]]]:
    day = _day(response)
    base = (response.unit_id, response.wave_id, response.method_version_id)
    tail = (response.channel, response.source_id or 0, response.respondent_type, response.status)
    day_key = (*base, day, *tail)
    month = day.replace(day=1)
    month_keys = [
        (*base, month, *tail, code, value) for code, value in answer_cells(response.answers)
    ]
    return day_key, month_keys


def _shard() -> int:
    shards = int(settings.AGGREGATE_SHARDS)
    return random.randrange(shards) if shards > 1 else 0  # noqa: S311 (spreading, not secrecy)


def record(responses: Iterable[ResponseLike], sign: int = 1, *, shard: int | None = None) -> None:
    """Add (``sign=1``) or remove (``-1``) responses from the aggregates, in the caller's
    transaction, all into one shard of their cells."""
    days: Counter[tuple[Any, ...]] = Counter()
    months: Counter[tuple[Any, ...]] = Counter()
    for response in responses:
        day_key, month_keys = _keys(response)
        days[day_key] += sign
        for key in month_keys:
            months[key] += sign
    shard = _shard() if shard is None else shard
    _upsert(ResponseDayCount._meta.db_table, DAY_DIMS, days, shard)
    _upsert(AnswerMonthCount._meta.db_table, MONTH_DIMS, months, shard)


UPSERT_ROWS = 500  # rows per statement: 500 × 12 parameters stays far below any driver limit


def _upsert(
    table: str, dims: tuple[str, ...], cells: Counter[tuple[Any, ...]], shard: int = 0
) -> None:
    """Add ``cells`` to ``shard`` of the table's cells: one multi-row ``INSERT … ON CONFLICT``
    per ``UPSERT_ROWS`` rows (one statement for a response's 10–60 cells, not one per cell)."""
    rows = sorted((key, n) for key, n in cells.items() if n)
    quote = connection.ops.quote_name
    columns = ", ".join(quote(d) for d in (*dims, "shard"))
    row_sql = "(" + ", ".join(["%s"] * (len(dims) + 2)) + ")"
    with connection.cursor() as cursor:
        for start in range(0, len(rows), UPSERT_ROWS):
            chunk = rows[start : start + UPSERT_ROWS]
            # Identifiers are our own model's table and columns, quoted; values are parameters.
            sql = (
                f"INSERT INTO {quote(table)} ({columns}, {quote('count')}) "  # noqa: S608
                f"VALUES {', '.join([row_sql] * len(chunk))} "
                f"ON CONFLICT ({columns}) DO UPDATE SET {quote('count')} = "
                f"{quote(table)}.{quote('count')} + excluded.{quote('count')}"
            )
            cursor.execute(sql, [value for key, n in chunk for value in (*key, shard, n)])


COMPACT_BATCH = 20_000


def compact(*, batch: int = COMPACT_BATCH) -> int:
    """Fold every shard of every cell into shard 0; return the rows folded.

    Per table, in one transaction per batch:
    1. Lock up to ``batch`` rows of shards above 0, skipping rows a submission holds right now
       (they are folded on the next run), so this never waits for, nor deadlocks with, a
       submission.
    2. Add their counts to the cells' shard-0 rows (upsert, in the usual order).
    3. Delete exactly the rows read: a row a submission creates meanwhile is not among them.
    """
    folded = 0
    for model, dims in ((ResponseDayCount, DAY_DIMS), (AnswerMonthCount, MONTH_DIMS)):
        while True:
            with transaction.atomic():
                rows = list(
                    model.objects.select_for_update(skip_locked=True)
                    .filter(shard__gt=0)
                    .order_by("pk")
                    .values_list("pk", *dims, "count")[:batch]
                )
                if not rows:
                    break
                cells: Counter[tuple[Any, ...]] = Counter()
                for row in rows:
                    cells[tuple(row[1:-1])] += row[-1]
                _upsert(model._meta.db_table, dims, cells)
                pks = [row[0] for row in rows]
                for start in range(0, len(pks), 1000):
                    model.objects.filter(pk__in=pks[start : start + 1000]).delete()
            folded += len(rows)
            if len(rows) < batch:
                break
    return folded


def relabel(response: ResponseLike, new_status: str) -> None:
    """Move a response between statuses (valid / flagged / excluded) in the aggregates."""
    record([response], -1)
    response.status = new_status
    record([response], +1)


BATCH = 2000


@transaction.atomic
def rebuild(*, wave_ids: Iterable[int] | None = None) -> int:
    """Recompute the aggregates from raw responses (all, or some waves); return responses read."""
    from hailong.responses.models import Response

    responses = Response.objects.all()
    days = ResponseDayCount.objects.all()
    months = AnswerMonthCount.objects.all()
    if wave_ids is not None:
        ids = list(wave_ids)
        responses, days, months = (
            responses.filter(wave_id__in=ids),
            days.filter(wave_id__in=ids),
            months.filter(wave_id__in=ids),
        )
    days.delete()
    months.delete()
    fields = (
        "id",
        "unit_id",
        "wave_id",
        "method_version_id",
        "channel",
        "source_id",
        "respondent_type",
        "status",
        "submitted_at",
        "answers",
    )
    total = 0
    batch: list[ResponseLike] = []
    for response in responses.only(*fields).order_by("id").iterator(chunk_size=BATCH):
        batch.append(response)
        if len(batch) >= BATCH:
            record(batch, shard=0)
            total += len(batch)
            batch = []
    record(batch, shard=0)
    return total + len(batch)


def check(*, wave_ids: Iterable[int] | None = None) -> list[str]:
    """Compare the stored aggregates with a recomputation; return the differing cells."""
    from hailong.responses.models import Response

    responses = Response.objects.all()
    if wave_ids is not None:
        responses = responses.filter(wave_id__in=list(wave_ids))
    want_days: Counter[tuple[Any, ...]] = Counter()
    want_months: Counter[tuple[Any, ...]] = Counter()
    for response in responses.iterator(chunk_size=BATCH):
        day_key, month_keys = _keys(response)
        want_days[day_key] += 1
        for key in month_keys:
            want_months[key] += 1
    problems = _diff("day", want_days, ResponseDayCount, DAY_DIMS, wave_ids)
    problems += _diff("month", want_months, AnswerMonthCount, MONTH_DIMS, wave_ids)
    return problems


def _diff(
    label: str,
    want: Counter[tuple[Any, ...]],
    model: Any,
    dims: tuple[str, ...],
    wave_ids: Iterable[int] | None,
) -> list[str]:
    rows = model.objects.all()
    if wave_ids is not None:
        rows = rows.filter(wave_id__in=list(wave_ids))
    have: Counter[tuple[Any, ...]] = Counter()
    for values in rows.values_list(*dims, "count"):
        have[tuple(values[:-1])] += values[-1]
    keys = {k for k in set(want) | set(have) if want[k] != have[k]}
    return [f"{label} {key}: {have[key]} ≠ {want[key]}" for key in sorted(keys, key=str)]
