"""The registry of emulation sources: who scores residential groups (tổ dân phố) for thi đua.

The ranking page ranks a ward's residential groups by each registered source. This app ships
with none: the campaign app (issue 4/5) will register a scorer of campaign work per group.

To add a source:

1. a class with ``key``, ``label``, ``rules`` (one paragraph the page prints: how the score is
   made, its scale) and ``scores(unit, start, end)`` returning a ``ranking.Score`` per group
   that has one (a group left out, or scored ``None``, is listed as "no score", never as 0);
2. ``sources.register(MySource())`` in its app's ``AppConfig.ready`` (a registry entry, not a
   signal);
3. a test that its scores appear on the page and in the export.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

    from hailong.performance.ranking import Score
    from hailong.units.models import AdministrativeUnit


class GroupScorer(Protocol):
    key: str
    label: StrOrPromise
    rules: StrOrPromise

    def scores(self, unit: AdministrativeUnit, start: dt.date, end: dt.date) -> Iterable[Score]: ...


SOURCES: dict[str, GroupScorer] = {}


def register(scorer: GroupScorer) -> None:
    """Add (or replace, by key) a source of residential-group scores."""
    SOURCES[scorer.key] = scorer


def unregister(key: str) -> None:
    SOURCES.pop(key, None)


def registered() -> list[GroupScorer]:
    return list(SOURCES.values())
