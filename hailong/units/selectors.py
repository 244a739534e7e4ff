"""Reads of the unit tree."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from hailong.core.text import vi_sort_key
from hailong.units.models import AdministrativeUnit


@dataclass
class TreeNode:
    unit: AdministrativeUnit
    children: list[TreeNode] = field(default_factory=list)


def valid_on(queryset: QuerySet[AdministrativeUnit], day: dt.date) -> QuerySet[AdministrativeUnit]:
    """Units valid on ``day``."""
    return queryset.filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=day),
        Q(valid_to__isnull=True) | Q(valid_to__gte=day),
    )


def unit_tree(
    roots: list[AdministrativeUnit], *, as_of: dt.date | None = None, max_depth: int | None = None
) -> list[TreeNode]:
    """The subtrees under ``roots`` in one query, children in Vietnamese alphabetical order.

    ``as_of`` keeps only the units valid on that day; ``max_depth`` limits how deep to go
    (relative to each root).
    """
    if not roots:
        return []
    query = Q()
    for root in roots:
        clause = Q(path__startswith=root.path)
        if max_depth is not None:
            clause &= Q(depth__lte=root.depth + max_depth)
        query |= clause
    units = AdministrativeUnit.objects.filter(query)
    if as_of is not None:
        units = valid_on(units, as_of) | AdministrativeUnit.objects.filter(
            pk__in=[r.pk for r in roots]
        )
    nodes = {u.pk: TreeNode(u) for u in units.order_by("depth")}
    tops: list[TreeNode] = []
    root_ids = {r.pk for r in roots}
    for node in nodes.values():
        parent = nodes.get(node.unit.parent_id or 0)
        if node.unit.pk in root_ids or parent is None:
            if node.unit.pk in root_ids:
                tops.append(node)
            continue
        parent.children.append(node)
    _sort(tops)
    return tops


def sorted_units(units: list[AdministrativeUnit]) -> list[AdministrativeUnit]:
    """Current units first, then historic ones, each in Vietnamese alphabetical order."""
    return sorted(units, key=_unit_key)


def _unit_key(unit: AdministrativeUnit) -> tuple[object, ...]:
    return (unit.valid_to is not None, vi_sort_key(unit.name))


def _sort(nodes: list[TreeNode]) -> None:
    nodes.sort(key=lambda n: _unit_key(n.unit))
    for node in nodes:
        _sort(node.children)


def ancestors(unit: AdministrativeUnit) -> list[AdministrativeUnit]:
    """The chain from the root down to ``unit``'s parent."""
    ids = [int(part) for part in unit.path.strip("/").split("/")[:-1] if part]
    by_id = AdministrativeUnit.objects.in_bulk(ids)
    return [by_id[i] for i in ids if i in by_id]


def successors_closure(unit: AdministrativeUnit) -> list[AdministrativeUnit]:
    """Every unit reachable from ``unit`` through successor links (for mapping history)."""
    from hailong.units.models import UnitSuccession

    seen: set[int] = set()
    frontier = {unit.pk}
    while frontier:
        nxt = (
            set(
                UnitSuccession.objects.filter(predecessor_id__in=frontier).values_list(
                    "successor_id", flat=True
                )
            )
            - seen
        )
        seen |= nxt
        frontier = nxt
    return list(AdministrativeUnit.objects.filter(pk__in=seen))
