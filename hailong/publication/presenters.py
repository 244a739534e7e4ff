"""From a snapshot's stored figures (or a draft's) to what the results templates show.

Pure: no queries. The language picks the words (method names are stored in both languages);
dates come back from ISO strings; every chart is a tiny SVG with its data table beside it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from hailong.indices.dashboard import ROMAN
from hailong.performance.models import ActionStatus
from hailong.publication import svg

Json = dict[str, Any]


def local(text: Any, lang: str) -> str:
    """``{"vi": …, "en": …}`` in ``lang``, falling back to Vietnamese."""
    if isinstance(text, dict):
        return str(text.get(lang) or text.get("vi") or "")
    return str(text or "")


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


@dataclass(frozen=True)
class Row:
    code: str
    label: str
    value: float | None
    n: float
    suppressed: bool
    ci: tuple[float, float] | None = None
    group: str = ""
    note: str = ""


@dataclass
class ResultsView:
    unit_name: str
    unit_id: int
    year: int
    waves: list[str]
    period_from: dt.date | None
    period_to: dt.date | None
    method_label: str
    method_name: str
    threshold: int
    overall: Row
    parts: list[Row]
    elements: list[Row]
    items: list[Row]
    perception: list[Row]
    priority: list[Row]
    periods: list[Row]
    wave_trend: list[Row]
    city: Json | None
    dossier_total: Row
    dossier_fields: list[Row]
    actions: list[Json]
    comments: list[str]
    has_suppressed: bool
    charts: dict[str, SafeString] = field(default_factory=dict)


def _row(data: Json, code: str, label: str, **extra: Any) -> Row:
    ci = data.get("ci95")
    return Row(
        code=code,
        label=label,
        value=data.get("value"),
        n=data.get("n") or 0,
        suppressed=bool(data.get("suppressed")),
        ci=(ci[0], ci[1]) if ci else None,
        **extra,
    )


def _month_label(start: str) -> str:
    day = dt.date.fromisoformat(start)
    return f"{day:%m/%Y}"


def results_view(figures: Json, lang: str) -> ResultsView:
    """Everything the results page, the embed and the image show, in ``lang``."""
    scope = figures["scope"]
    view = ResultsView(
        unit_name=figures["unit"]["name"],
        unit_id=figures["unit"]["id"],
        year=scope["year"],
        waves=[w["name"] for w in scope["waves"]],
        period_from=_date(scope.get("from")),
        period_to=_date(scope.get("to")),
        method_label=figures["method"]["label"],
        method_name=local(figures["method"]["name"], lang),
        threshold=figures["threshold"],
        overall=_row(figures["overall"], "overall", _("Chỉ số hài lòng chung")),
        parts=[_row(p, p["code"], local(p["name"], lang)) for p in figures["parts"]],
        elements=[_row(e, e["code"], local(e["name"], lang)) for e in figures["elements"]],
        items=[
            _row(i, i["code"], local(i["text"], lang), group=i["element"]) for i in figures["items"]
        ],
        perception=[_row(p, p["code"], local(p["name"], lang)) for p in figures["perception"]],
        priority=[_row(p, p["code"], local(p["text"], lang)) for p in figures["priority"]],
        periods=[
            _row(p, p["start"], _month_label(p["start"])) for p in figures["trend"]["periods"]
        ],
        wave_trend=[_wave_row(w) for w in figures["trend"]["waves"]],
        city=figures.get("city"),
        dossier_total=_row(figures["dossiers"]["total"], "all", _("Tất cả")),
        dossier_fields=[
            _row(f, str(i), f["label"]) for i, f in enumerate(figures["dossiers"]["by_field"])
        ],
        actions=[_action(a) for a in figures["actions"]],
        comments=[c["text"] for c in figures["comments"]],
        has_suppressed=False,
    )
    view.has_suppressed = any(
        r.suppressed
        for r in [
            view.overall,
            *view.parts,
            *view.elements,
            *view.items,
            *view.perception,
            *view.priority,
            *view.periods,
            *view.dossier_fields,
            view.dossier_total,
        ]
    )
    view.charts = _charts(view)
    return view


def _wave_row(data: Json) -> Row:
    note = data.get("method", "")
    if data.get("unit"):
        note += " · " + _("%(unit)s, tỷ trọng %(share)s%%") % {
            "unit": data["unit"],
            "share": f"{data.get('share', 1) * 100:.0f}",
        }
    return _row(data, str(data["year"]), f"{data['label']}", note=note)


def _action(data: Json) -> Json:
    status = data["status"]
    return {
        **data,
        "status_label": str(ActionStatus(status).label)
        if status in ActionStatus.values
        else status,
        "deadline": _date(data["deadline"]),
        "completed_on": _date(data.get("completed_on")),
        "baseline": _row(data["baseline"], data["item_code"], data["item_text"]),
    }


def _suppressed_note(view: ResultsView) -> str:
    return _("< %(n)s phiếu") % {"n": view.threshold}


def _bars(rows: list[Row], view: ResultsView, short: bool = True) -> list[svg.Bar]:
    note = _suppressed_note(view)
    return [
        svg.Bar(r.code if short else r.label, r.value, note if r.suppressed else "–") for r in rows
    ]


def _charts(view: ResultsView) -> dict[str, SafeString]:
    charts: dict[str, SafeString] = {}
    city = view.city if view.city and view.city.get("wards", 0) > 1 else None
    charts["elements"] = svg.bar_chart(
        "c-elements",
        _("Chỉ số hài lòng theo yếu tố"),
        _("Biểu đồ cột ngang, 0–100%; số liệu ở bảng bên cạnh."),
        _bars(view.elements, view),
        reference=city["average"] if city else None,
        reference_label=_("TB thành phố"),
    )
    if len(view.periods) > 1:
        charts["periods"] = svg.bar_chart(
            "c-periods",
            _("Chỉ số hài lòng chung theo tháng"),
            _("Biểu đồ cột ngang, mỗi tháng một cột; số liệu ở bảng bên cạnh."),
            [
                svg.Bar(r.label, r.value, _suppressed_note(view) if r.suppressed else "–")
                for r in view.periods
            ],
        )
    if len(view.wave_trend) > 1:
        charts["waves"] = svg.bar_chart(
            "c-waves",
            _("Chỉ số hài lòng chung qua các năm"),
            _("Biểu đồ cột ngang, mỗi lần khảo sát một cột; số liệu ở bảng bên cạnh."),
            [
                svg.Bar(r.code, r.value, _suppressed_note(view) if r.suppressed else "–")
                for r in view.wave_trend
            ],
        )
    if view.dossier_fields:
        charts["dossiers"] = svg.bar_chart(
            "c-dossiers",
            _("Tỷ lệ hài lòng theo hồ sơ, theo lĩnh vực"),
            _("Biểu đồ cột ngang, mỗi lĩnh vực một cột; tên lĩnh vực và số liệu ở bảng."),
            [
                svg.Bar(str(i + 1), r.value, _suppressed_note(view) if r.suppressed else "–")
                for i, r in enumerate(view.dossier_fields)
            ],
        )
    return charts


def roman(index: int) -> str:
    return ROMAN[index] if 0 <= index < len(ROMAN) else str(index + 1)
