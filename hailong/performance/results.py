"""A wave's figures with the method's words attached: items, elements, parts, weakest first.

Reads the running aggregates through ``hailong.indices.selectors.figures`` (cost independent of
the number of responses) and joins the definition of the wave's method version, so pages and
documents can print "II.1.4 Trang thiết bị … 34,43 %" without knowing either shape.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.translation import get_language

from hailong.indices import selectors as index_selectors
from hailong.surveys.definition import Definition
from hailong.surveys.models import SurveyWave


@dataclass(frozen=True)
class ItemResult:
    code: str
    text: str
    element: str
    element_name: str
    n: float
    distribution: dict[int, float]
    satisfied_pct: float | None
    mean: float | None
    ci_low: float | None
    ci_high: float | None


@dataclass(frozen=True)
class ElementResult:
    code: str
    name: str
    part: str
    index: float | None
    items: tuple[str, ...]


@dataclass(frozen=True)
class PartResult:
    code: str
    name: str
    index: float | None


@dataclass(frozen=True)
class WaveResults:
    waves: tuple[SurveyWave, ...]  # one or more waves of one unit on one method version
    definition: Definition
    n: float
    overall: float | None
    parts: tuple[PartResult, ...]
    elements: tuple[ElementResult, ...]
    items: tuple[ItemResult, ...]  # in the method's order
    scale_labels: tuple[str, ...]  # labels of the satisfaction scale, lowest value first

    @property
    def wave(self) -> SurveyWave:
        return self.waves[0]

    @property
    def method_label(self) -> str:
        version = self.wave.method_version
        return f"{version.method.code} v{version.number}"

    def item(self, code: str) -> ItemResult | None:
        return next((i for i in self.items if i.code == code), None)

    def weakest(self, limit: int | None = None) -> list[ItemResult]:
        """Items with data, lowest satisfied share first (ties: fewer answers first, code)."""
        rated = [i for i in self.items if i.satisfied_pct is not None]
        ranked = sorted(rated, key=lambda i: (i.satisfied_pct, i.n, i.code))
        return ranked[:limit] if limit is not None else ranked

    def strongest(self, limit: int) -> list[ItemResult]:
        rated = [i for i in self.items if i.satisfied_pct is not None]
        return sorted(rated, key=lambda i: (-(i.satisfied_pct or 0), -i.n, i.code))[:limit]


def wave_results(wave: SurveyWave) -> WaveResults:
    """Every satisfaction figure of ``wave`` (valid responses of the wave's unit and below)."""
    return waves_results([wave])


def waves_results(waves: Sequence[SurveyWave]) -> WaveResults:
    """The figures of several waves of one unit on one method version, pooled (a year).

    1. Count the waves' answers from the aggregates and run the engine (``figures``).
    2. Attach the definition's words (in the active language) to items, elements and parts.
    """
    if not waves or len({w.method_version_id for w in waves}) != 1:
        raise ValueError("pool one or more waves of a single method version")
    wave = waves[0]
    version = wave.method_version
    found = index_selectors.figures(
        version_id=version.pk, wave_ids=[w.pk for w in waves], units=[wave.unit]
    )
    definition = version.parsed()
    language = get_language()
    elements = tuple(
        ElementResult(
            code=e.code,
            name=e.name.get(language),
            part=e.part,
            index=found["elements"].get(e.code),
            items=e.items,
        )
        for e in definition.elements
    )
    return WaveResults(
        waves=tuple(waves),
        definition=definition,
        n=found["n"],
        overall=found["overall"],
        parts=tuple(
            PartResult(p.code, p.name.get(language), found["parts"].get(p.code))
            for p in definition.formula.parts
        ),
        elements=elements,
        items=tuple(_items(definition, found, elements, language)),
        scale_labels=_scale_labels(definition, language),
    )


def _items(
    definition: Definition,
    found: dict[str, Any],
    elements: tuple[ElementResult, ...],
    language: str | None,
) -> list[ItemResult]:
    figures = found["items"]
    rows = []
    for element in elements:
        for code in element.items:
            data = figures.get(code, {})
            interval = data.get("ci95") or (None, None)
            rows.append(
                ItemResult(
                    code=code,
                    text=definition.item(code).text.get(language),
                    element=element.code,
                    element_name=element.name,
                    n=data.get("n", 0),
                    distribution={int(v): c for v, c in data.get("distribution", {}).items()},
                    satisfied_pct=data.get("satisfied_pct"),
                    mean=data.get("mean"),
                    ci_low=interval[0],
                    ci_high=interval[1],
                )
            )
    return rows


def _scale_labels(definition: Definition, language: str | None) -> tuple[str, ...]:
    """The option labels of the scale the element items use (the first such scale)."""
    for item in definition.element_items():
        scale = definition.scale_of(item)
        if scale is not None:
            options = sorted(
                (o for o in scale.options if o.value in scale.values), key=lambda o: o.value
            )
            return tuple(o.label.get(language) for o in options)
    return ()


def item_choices(results: WaveResults) -> list[tuple[str, str]]:
    """(code, label) of every item, weakest first, then those without data (for a select)."""
    from hailong.indices.engine import format_pct

    weakest = results.weakest()
    seen = {i.code for i in weakest}
    rest = [i for i in results.items if i.code not in seen]
    return [
        (i.code, f"{format_pct(i.satisfied_pct)} % · {i.code} {i.text}") for i in [*weakest, *rest]
    ]
