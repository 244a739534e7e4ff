"""Everything the ward's SIPAS report says, read once: scope, figures, profile, actions, points.

A report covers one wave, or a whole year (every wave of the unit that closes in that year on
one method version, pooled). ``report_scopes`` lists the choices; the key (``dot-12``,
``nam-2023-5``) is what the start form and the job's params carry.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from hailong.performance.models import ImprovementAction
from hailong.performance.results import WaveResults, waves_results
from hailong.performance.selectors import UnitPoints, actions_for_wave, points_for_unit
from hailong.responses.models import Response, ResponseChannel, ResponseStatus
from hailong.surveys.definition import Definition
from hailong.surveys.models import RespondentType, SurveyWave
from hailong.units.models import AdministrativeUnit

PROFILE_TYPES = ("single_choice", "age_band")


@dataclass(frozen=True)
class ReportScope:
    key: str
    label: str
    year: int
    waves: tuple[SurveyWave, ...]


def report_scopes(unit: AdministrativeUnit) -> list[ReportScope]:
    """Per wave (newest first), then per year where a year has several waves on one version."""
    from hailong.surveys.selectors import waves_for_unit

    waves = list(waves_for_unit(unit))
    scopes = [
        ReportScope(
            key=f"dot-{w.pk}",
            label=_("Đợt: %(name)s (%(a)s – %(b)s)")
            % {"name": w.name, "a": f"{w.opens_on:%d/%m/%Y}", "b": f"{w.closes_on:%d/%m/%Y}"},
            year=w.closes_on.year,
            waves=(w,),
        )
        for w in waves
    ]
    pooled: dict[tuple[int, int], list[SurveyWave]] = {}
    for wave in waves:
        pooled.setdefault((wave.closes_on.year, wave.method_version_id), []).append(wave)
    for (year, version_id), group in sorted(pooled.items(), reverse=True):
        if len(group) > 1:
            scopes.append(
                ReportScope(
                    key=f"nam-{year}-{version_id}",
                    label=_("Cả năm %(y)s (%(n)s đợt)") % {"y": year, "n": len(group)},
                    year=year,
                    waves=tuple(sorted(group, key=lambda w: w.opens_on)),
                )
            )
    return scopes


def report_scope_get(unit: AdministrativeUnit, key: str) -> ReportScope | None:
    return next((s for s in report_scopes(unit) if s.key == key), None)


@dataclass(frozen=True)
class ProfileRow:
    field: str
    group: str
    count: int
    share: float | None  # percent of the valid responses that answered the field


@dataclass(frozen=True)
class SipasReportData:
    unit: AdministrativeUnit
    scope: ReportScope
    results: WaveResults
    profile: tuple[ProfileRow, ...]
    actions: tuple[ImprovementAction, ...]
    points: UnitPoints | None
    target_sample: int

    @property
    def definition(self) -> Definition:
        return self.results.definition


def sipas_report_data(unit: AdministrativeUnit, scope: ReportScope) -> SipasReportData:
    """The figures, the respondents' profile, the actions and the points of ``scope``."""
    results = waves_results(scope.waves)
    actions: list[ImprovementAction] = []
    for wave in scope.waves:
        actions.extend(actions_for_wave(wave))
    return SipasReportData(
        unit=unit,
        scope=scope,
        results=results,
        profile=tuple(respondent_profile(scope.waves, results.definition)),
        actions=tuple(actions),
        points=points_for_unit(unit, scope.year, results.overall),
        target_sample=sum(w.target_sample for w in scope.waves),
    )


def respondent_profile(waves: Sequence[SurveyWave], definition: Definition) -> list[ProfileRow]:
    """Who answered: respondent type, channel and each choice field of the method.

    Reads the valid responses' small profile columns (demographic cross-tabs may query raw
    data); one pass, constant memory.
    """
    fields = [f for f in definition.respondent_fields if f.type in PROFILE_TYPES]
    counters: dict[str, Counter[Any]] = {f.code: Counter() for f in fields}
    types: Counter[str] = Counter()
    channels: Counter[str] = Counter()
    total = 0
    rows = Response.objects.filter(wave__in=list(waves), status=ResponseStatus.VALID).values_list(
        "respondent", "respondent_type", "channel"
    )
    for respondent, respondent_type, channel in rows.iterator(chunk_size=2000):
        total += 1
        types[respondent_type] += 1
        channels[channel] += 1
        for code, counter in counters.items():
            value = (respondent or {}).get(code)
            if value is not None and value != "":
                counter[value] += 1
    result = _labelled(_("Đối tượng"), types, dict(RespondentType.choices), total)
    result += _labelled(_("Kênh trả lời"), channels, dict(ResponseChannel.choices), total)
    for field in fields:
        labels = {o.value: o.label.get("vi") for o in field.options}
        labels.update({b.value: b.label.get("vi") for b in field.bands})
        answered = sum(counters[field.code].values())
        result += _labelled(field.label.get("vi"), counters[field.code], labels, answered)
    return result


def _labelled(
    field: str, counter: Counter[Any], labels: dict[Any, Any], total: int
) -> list[ProfileRow]:
    order = list(labels) + sorted((v for v in counter if v not in labels), key=str)
    return [
        ProfileRow(
            field=field,
            group=str(labels.get(value, value)),
            count=counter[value],
            share=100 * counter[value] / total if total else None,
        )
        for value in order
        if counter[value]
    ]
