"""Suspicious bursts at a kiosk: many perfect scores in a short time (pure functions).

A "perfect" response rates every satisfaction item it answered at the top of its scale. One
such response is normal; ``count`` of them within ``minutes`` at one tablet is worth a look by
the leader (someone tapping "Rất hài lòng" over and over). The responses are flagged, never
dropped; the leader keeps or excludes them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings

from hailong.surveys.definition import Definition

BURST_COUNT = 5
BURST_MINUTES = 10


@dataclass(frozen=True)
class Thresholds:
    count: int
    window: dt.timedelta

    @classmethod
    def from_settings(cls) -> Thresholds:
        count = int(getattr(settings, "HAILONG_KIOSK_BURST_COUNT", BURST_COUNT))
        minutes = int(getattr(settings, "HAILONG_KIOSK_BURST_MINUTES", BURST_MINUTES))
        return cls(count=max(2, count), window=dt.timedelta(minutes=max(1, minutes)))


def is_perfect(answers: Mapping[str, Any], definition: Definition) -> bool:
    """Every satisfaction item answered (not blank, not "not applicable") is at the top value.

    Items of an element on a rating scale count; at least one must be rated.
    """
    rated = 0
    for code, value in answers.items():
        try:
            item = definition.item(code)
        except KeyError:
            continue
        scale = definition.scale_of(item)
        if item.element is None or scale is None or scale.kind != "rating":
            continue
        if not isinstance(value, int) or isinstance(value, bool) or value in scale.not_applicable:
            continue
        if value != max(scale.values):
            return False
        rated += 1
    return rated > 0


def burst_members(
    moments: Sequence[tuple[int, dt.datetime]], new: dt.datetime, thresholds: Thresholds
) -> set[int]:
    """The ids of perfect responses that, with the one at ``new``, make a burst.

    1. ``moments`` are the (id, time) of perfect responses of one kiosk around ``new``.
    2. Every window of ``thresholds.window`` that contains ``new`` is tried (each starting at
       one of the moments): a window holding ``thresholds.count`` or more is a burst.
    3. The members of every burst window are returned (empty: no burst).
    """
    ordered = sorted(moments, key=lambda m: (m[1], m[0]))
    members: set[int] = set()
    for _pk, start in ordered:
        end = start + thresholds.window
        if not start <= new <= end:
            continue
        inside = [pk for pk, moment in ordered if start <= moment <= end]
        if len(inside) >= thresholds.count:
            members.update(inside)
    return members
