"""From a method definition to the engine's inputs, and from results to the public JSON shape.

The engine (``engine.py``) knows nothing of definitions; this module is the one adapter, used by
the offline ``compute`` command, the dashboards and the reports alike.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from hailong.indices import engine
from hailong.surveys.definition import Definition


@dataclass(frozen=True)
class MethodSpec:
    """What the engine needs of a definition, computed once per method version."""

    code: str
    items: tuple[tuple[str, tuple[int, ...], tuple[int, ...]], ...]
    elements: tuple[tuple[str, tuple[str, ...]], ...]
    parts: tuple[tuple[str, tuple[str, ...]], ...]
    overall_rule: str
    perception: tuple[tuple[str, str, tuple[int, ...]], ...]
    priority_items: tuple[str, ...]
    priority_values: tuple[int, ...]

    @classmethod
    def of(cls, definition: Definition) -> MethodSpec:
        scored = []
        for item in definition.element_items():
            scale = definition.scale_of(item)
            values = scale.values if scale else ()
            scored.append((item.code, values, definition.satisfied_for(item)))
        parts: dict[str, list[str]] = {p.code: [] for p in definition.formula.parts}
        for element in definition.elements:
            if element.part in parts:
                parts[element.part].append(element.code)
        priority = definition.formula.priority
        return cls(
            code=definition.code,
            items=tuple(scored),
            elements=tuple((e.code, tuple(e.items)) for e in definition.elements),
            parts=tuple((code, tuple(codes)) for code, codes in parts.items()),
            overall_rule=definition.formula.overall,
            perception=tuple(
                (p.code, p.item, tuple(p.options)) for p in definition.formula.perception
            ),
            priority_items=tuple(priority.items) if priority else (),
            priority_values=tuple(priority.values) if priority else (),
        )


def compute(
    spec: MethodSpec, n: float, item_counts: Mapping[str, Mapping[engine.Value | None, float]]
) -> dict[str, Any]:
    """Every figure of a method from per-item counts, in the public JSON shape (unrounded).

    Keys kept stable for scripts: ``method``, ``n``, ``overall``, ``elements`` {code: pct},
    ``items`` {code: {n, satisfied_pct, mean, …}}; more keys are additions.
    """
    result = engine.compute_method(
        n=n,
        item_counts=item_counts,
        items=spec.items,
        elements=spec.elements,
        parts=spec.parts,
        overall_rule=spec.overall_rule,
    )
    priorities = {
        code: engine.share_choosing(item_counts.get(code, {}), spec.priority_values)
        for code in spec.priority_items
    }
    return {
        "method": spec.code,
        "n": n,
        "overall": result.overall,
        "parts": {code: p.index for code, p in result.parts.items()},
        "elements": {code: e.index for code, e in result.elements.items()},
        "items": {code: _item_json(s) for code, s in result.items.items()},
        "perception": {
            code: engine.share_choosing(item_counts.get(item, {}), options)
            for code, item, options in spec.perception
        },
        "priority": {
            "shares": priorities,
            "ranked": [code for code, _ in engine.rank_priorities(priorities)],
        },
    }


def _item_json(stats: engine.ItemStats) -> dict[str, Any]:
    return {
        "n": stats.n,
        "satisfied": stats.satisfied,
        "satisfied_pct": stats.satisfied_pct,
        "mean": stats.mean,
        "ci95": [stats.ci_low, stats.ci_high] if stats.ci_low is not None else None,
        "distribution": {str(v): c for v, c in stats.distribution.items()},
        "blank": stats.blank,
        "not_applicable": stats.not_applicable,
    }
