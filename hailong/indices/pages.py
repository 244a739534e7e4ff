"""What the ward dashboard page shows, assembled from the selectors (reads only).

``dashboard_page`` binds the GET filters, picks the wave, and gathers the figures, trends,
breakdowns, sample progress and per-dossier satisfaction that the template lays out. Charts come
from ``charting`` (cached); every percentage is formatted in the template by ``format_pct``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from django.http import QueryDict
from django.utils.translation import gettext as _

from hailong.accounts.roles import Perm
from hailong.accounts.scope import user_can
from hailong.indices import crosstabs, dashboard, dossier_stats
from hailong.indices import selectors as sel
from hailong.indices.charting import ChartView, chart
from hailong.indices.forms import DashboardFilterForm, ExportForm, filter_labels, filters_from
from hailong.responses.models import ResponseChannel, Source
from hailong.surveys.models import RespondentType, SurveyWave
from hailong.units.models import AdministrativeUnit

FILTER_NAMES = (
    "dot",
    "tu_ngay",
    "den_ngay",
    "kenh",
    "nguon",
    "doi_tuong",
    "ky",
    "phan_tich",
    "ho_so_theo",
    "can_xem",
)


@dataclass
class Breakdown:
    key: str
    label: str
    categories: list[dashboard.Category]
    chart: ChartView | None
    read: int = 0
    capped: bool = False


@dataclass
class DossierPart:
    total: dossier_stats.RatingRow
    dimension_label: str
    by_dimension: list[dossier_stats.RatingRow]
    by_period: list[dossier_stats.RatingRow]


@dataclass
class DashboardPage:
    unit: AdministrativeUnit
    form: DashboardFilterForm
    waves: list[tuple[SurveyWave, int]]
    wave: SurveyWave | None = None
    values: dict[str, Any] = field(default_factory=dict)
    query: str = ""
    labels: dict[str, str] = field(default_factory=dict)
    figures: dashboard.WardFigures | None = None
    charts: dict[str, ChartView | None] = field(default_factory=dict)
    periods: list[dashboard.Point] = field(default_factory=list)
    wave_points: list[dashboard.Point] = field(default_factory=list)
    breakdown: Breakdown | None = None
    progress: dashboard.Progress | None = None
    dossiers: DossierPart | None = None
    export_form: ExportForm = field(default_factory=ExportForm)
    can_free_text: bool = False


def dashboard_page(unit: AdministrativeUnit, user: Any, get: QueryDict) -> DashboardPage:
    """Everything the dashboard shows for ``unit`` under the GET filters.

    1. The unit's waves (with counts); bind the filters; the wave chosen or the default.
    2. The figures of the wave (aggregates), trends over periods and across waves, one
       breakdown (aggregates or a bounded cross-tab of raw responses), sample progress.
    3. Per-dossier satisfaction over the same dates; the charts of all of it.
    """
    waves = dashboard.waves_with_counts(unit)
    wave_objs = [w for w, _n in waves]
    sources = list(Source.objects.filter(wave__in=wave_objs).order_by("label"))
    chosen = _chosen_wave(get, waves)
    definition = dashboard.definition_for_version(chosen.method_version_id) if chosen else None
    fields = crosstabs.crosstab_fields(definition) if definition else []
    form = DashboardFilterForm(
        get if any(k in get for k in FILTER_NAMES) else None,
        waves=wave_objs,
        sources=[s for s in sources if chosen is None or s.wave_id == chosen.pk],
        crosstabs=fields,
        initial={"ky": "month", "phan_tich": "channel", "ho_so_theo": "field"},
    )
    page = DashboardPage(unit=unit, form=form, waves=waves, wave=chosen)
    page.can_free_text = user_can(user, Perm.PUBLISH_RESULTS, unit)
    if chosen is None:
        return page
    form.is_valid()
    values = {**form.initial, **{k: v for k, v in form.values().items() if v not in (None, "")}}
    values["dot"] = chosen.pk
    page.values = values
    page.query = urlencode(_query_pairs(values))
    page.labels = filter_labels(form, values)
    _fill(page, chosen, values)
    return page


def _chosen_wave(get: QueryDict, waves: list[tuple[SurveyWave, int]]) -> SurveyWave | None:
    wanted = get.get("dot", "")
    for wave, _n in waves:
        if wanted.isascii() and wanted.isdigit() and wave.pk == int(wanted):
            return wave
    return dashboard.default_wave(waves)


def _query_pairs(values: Mapping[str, Any]) -> list[tuple[str, str]]:
    pairs = []
    for name in FILTER_NAMES:
        value = values.get(name)
        if value in (None, "", False):
            continue
        text = value.strftime("%d/%m/%Y") if hasattr(value, "strftime") else str(value)
        pairs.append((name, "on" if value is True else text))
    return pairs


def _fill(page: DashboardPage, wave: SurveyWave, values: dict[str, Any]) -> None:
    unit = page.unit
    filters = filters_from(values)
    grain = values.get("ky") or "month"
    page.figures, page.periods = dashboard.figures_and_periods(
        unit=unit, wave=wave, filters=filters, grain=grain
    )
    page.wave_points = dashboard.trend_waves(unit=unit, filters=filters)
    page.breakdown = _breakdown(unit, wave, filters, values.get("phan_tich") or "channel")
    page.progress = dashboard.sample_progress(wave)
    page.dossiers = _dossiers(unit, values, grain)
    page.charts = _charts(page)


def _breakdown(
    unit: AdministrativeUnit, wave: SurveyWave, filters: sel.Filters, key: str
) -> Breakdown | None:
    if key in dashboard.AGGREGATE_DIMENSIONS:
        labels = _aggregate_labels(wave, key)
        categories = dashboard.breakdown_aggregate(
            unit=unit, wave=wave, filters=filters, dimension=key, labels=labels
        )
        title = {"channel": _("Kênh thu thập"), "source": _("Nguồn"), "type": _("Đối tượng")}[key]
        return Breakdown(key, title, categories, _category_chart(title, categories))
    tab = crosstabs.crosstab(unit=unit, wave=wave, filters=filters, field=key)
    if tab is None:
        return None
    return Breakdown(
        key,
        tab.label,
        tab.categories,
        _category_chart(tab.label, tab.categories),
        tab.read,
        tab.capped,
    )


def _aggregate_labels(wave: SurveyWave, key: str) -> dict[str, str]:
    if key == "channel":
        return {str(k): str(v) for k, v in ResponseChannel.choices}
    if key == "type":
        return {str(k): str(v) for k, v in RespondentType.choices}
    labels = {
        str(pk): label for pk, label in Source.objects.filter(wave=wave).values_list("pk", "label")
    }
    return {"0": _("Đường dẫn chung (không qua nguồn)"), **labels}


def _category_chart(title: str, categories: list[dashboard.Category]) -> ChartView | None:
    if not categories:
        return None
    return chart(
        "bar",
        _("Chỉ số hài lòng chung theo %(what)s") % {"what": title.lower()},
        [(c.label, c.overall) for c in categories],
        label_header=title,
        value_header=_("Chỉ số (%)"),
    )


def _dossiers(unit: AdministrativeUnit, values: dict[str, Any], grain: str) -> DossierPart:
    rows = dossier_stats.ratings(unit, values.get("tu_ngay"), values.get("den_ngay"))
    key = values.get("ho_so_theo") or "field"
    return DossierPart(
        total=dossier_stats.total(rows),
        dimension_label=str(dossier_stats.DIMENSIONS[key][2]),
        by_dimension=dossier_stats.by_dimension(rows, key),
        by_period=dossier_stats.by_period(rows, grain),
    )


def _charts(page: DashboardPage) -> dict[str, ChartView | None]:
    figures = page.figures
    assert figures is not None
    found: dict[str, ChartView | None] = {}
    found["elements"] = chart(
        "bar",
        _("Chỉ số hài lòng theo yếu tố"),
        [(f"{e.code}. {e.name}", e.index) for e in figures.elements],
        label_header=_("Yếu tố"),
    )
    found["periods"] = (
        chart(
            "line",
            _("Chỉ số hài lòng chung theo thời gian"),
            [p.label for p in page.periods],
            {_("Chỉ số chung"): [p.overall for p in page.periods]},
        )
        if len(page.periods) > 1
        else None
    )
    found["waves"] = (
        chart(
            "line",
            _("Chỉ số hài lòng chung qua các đợt khảo sát"),
            [p.label for p in page.wave_points],
            {_("Chỉ số chung"): [p.overall for p in page.wave_points]},
            period_header=_("Đợt khảo sát"),
        )
        if len(page.wave_points) > 1
        else None
    )
    return found
