"""The sampling-frame registry: ``SampleDraw.frame`` → the class that builds the frame.

See ``hailong.sampling.frames.base`` for the interface and the checklist to add a frame.
"""

from __future__ import annotations

from hailong.sampling.frames.base import Frame, FrameData, FrameUnit, Period
from hailong.sampling.frames.dossiers import DossierFrame
from hailong.sampling.frames.households import HouseholdFrame

REGISTRY: dict[str, type[Frame]] = {cls.kind: cls for cls in (DossierFrame, HouseholdFrame)}


def frame_get(kind: str) -> Frame:
    """The frame ``kind``; ``KeyError`` for an unknown one."""
    return REGISTRY[kind]()


__all__ = ["REGISTRY", "Frame", "FrameData", "FrameUnit", "Period", "frame_get"]
