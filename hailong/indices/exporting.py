"""What the index exports share: their stored parameters, and the rows they write.

An export is a ``ReportJob`` (``hailong.reports``) whose ``params`` say what the dashboard showed:
the wave, the filters (and their labels, written into the file), whether the file is meant for
publication (small cells suppressed), and whether free text may go in (never by default).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from typing import Any

from django.utils.translation import gettext as _

from hailong.indices import selectors as sel
from hailong.indices import smallcells
from hailong.indices.dashboard import WardFigures, overall_interval
from hailong.indices.engine import round_pct
from hailong.reports.exports import Cell

STATUS_ALL = ("valid", "flagged", "excluded")


def dashboard_params(
    *, wave_id: int, values: Mapping[str, Any], labels: Mapping[str, str]
) -> dict[str, Any]:
    """JSON-ready parameters of an export from the dashboard's filter values."""
    return {
        "wave": wave_id,
        "date_from": values["tu_ngay"].isoformat() if values.get("tu_ngay") else None,
        "date_to": values["den_ngay"].isoformat() if values.get("den_ngay") else None,
        "channel": values.get("kenh") or "",
        "source": values.get("nguon") or "",
        "respondent_type": values.get("doi_tuong") or "",
        "include_flagged": bool(values.get("can_xem")),
        "labels": dict(labels),
    }


def filters_from_params(params: Mapping[str, Any]) -> sel.Filters:
    source = str(params.get("source") or "")
    return sel.Filters(
        date_from=_date(params.get("date_from")),
        date_to=_date(params.get("date_to")),
        channels=(params["channel"],) if params.get("channel") else (),
        sources=(int(source),) if source.isascii() and source.isdigit() else (),
        respondent_types=(params["respondent_type"],) if params.get("respondent_type") else (),
        statuses=("valid", "flagged") if params.get("include_flagged") else ("valid",),
    )


def _date(value: object) -> dt.date | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def pct(value: float | None) -> Cell:
    """A percentage as a spreadsheet number, rounded by the one rounding function."""
    return round_pct(value)


def index_rows(figures: WardFigures, *, public: bool) -> Iterator[list[Cell]]:
    """Overall, parts, elements, then items (weakest first), each with n and interval.

    In a public file a figure from fewer answers than the threshold is left empty and says why.
    """
    note = smallcells.suppressed_note()
    head = figures.headline
    hide_all = public and smallcells.is_small(head.n)
    ci = overall_interval(head.overall, head.n)
    yield _row(
        _("Tổng hợp"),
        "",
        _("Chỉ số hài lòng chung"),
        head.n,
        head.overall,
        ci,
        None,
        hide_all,
        note,
    )
    for part in figures.parts:
        yield _row(_("Phần"), part.code, part.name, head.n, part.index, None, None, hide_all, note)
    for element in figures.elements:
        yield _row(
            _("Yếu tố"),
            element.code,
            element.name,
            head.n,
            element.index,
            None,
            None,
            hide_all,
            note,
        )
    for item in figures.items:
        hidden = public and smallcells.is_small(item.n)
        yield _row(
            _("Tiêu chí"),
            item.code,
            item.text,
            item.n,
            item.satisfied_pct,
            item.ci,
            item.mean,
            hidden,
            note,
        )


def _row(
    level: str,
    code: str,
    name: str,
    n: float,
    value: float | None,
    ci: tuple[float, float] | None,
    mean: float | None,
    hidden: bool,
    note: str,
) -> list[Cell]:
    if hidden:
        return [level, code, name, None, None, None, None, None, note]
    return [
        level,
        code,
        name,
        round(n, 2),
        pct(value),
        pct(ci[0]) if ci else None,
        pct(ci[1]) if ci else None,
        round(mean, 4) if mean is not None else None,
        "" if value is not None else _("Chưa có số liệu"),
    ]


def index_headers() -> list[str]:
    return [
        _("Cấp"),
        _("Mã"),
        _("Nội dung"),
        _("Số phiếu / ý kiến hợp lệ"),
        _("Tỷ lệ hài lòng (%)"),
        _("Cận dưới KTC 95% (%)"),
        _("Cận trên KTC 95% (%)"),
        _("Điểm trung bình (1–5)"),
        _("Ghi chú"),
    ]
