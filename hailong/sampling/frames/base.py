"""The interface of a sampling frame: where the units of a wave's sample come from.

How to add a frame
------------------

1. Add its value to ``FrameKind`` in ``hailong/sampling/models.py`` (and a migration).
2. Create ``hailong/sampling/frames/<value>.py`` with a ``Frame`` subclass: ``kind``,
   ``needs_period``; ``check(wave)`` refuses a wave the frame cannot serve; ``load(wave, period)``
   returns every unit with a stable key and its stratum, the strata labels, and notes for the
   page (what was left out and why).
3. Register the class in ``REGISTRY`` in ``hailong/sampling/frames/__init__.py``.
4. Add ``tests/test_sampling_frame_<value>.py``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar

from hailong.sampling.design import Unit

if TYPE_CHECKING:
    from hailong.surveys.models import SurveyWave

Period = tuple[dt.date, dt.date] | None


@dataclass(slots=True)
class FrameUnit(Unit):
    """A unit of a frame and what a sample member records about it."""

    dossier_id: int | None = None
    group_id: int | None = None
    household: int | None = None


@dataclass
class FrameData:
    units: list[FrameUnit]
    labels: dict[str, str]
    notes: list[str] = field(default_factory=list)


class Frame:
    """One kind of sampling frame. Subclasses set the class attributes and two methods."""

    kind: ClassVar[str]
    needs_period: ClassVar[bool] = False

    def check(self, wave: SurveyWave) -> None:
        """Raise ``ServiceError`` when this frame cannot serve ``wave``."""

    def default_period(self, wave: SurveyWave) -> Period:
        return None

    def load(self, wave: SurveyWave, period: Period) -> FrameData:
        raise NotImplementedError
