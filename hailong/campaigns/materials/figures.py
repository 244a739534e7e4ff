"""The wave's latest participation and result figures, read from the running aggregates.

``latest_figures`` returns ``None`` when the wave has no valid response yet: a material then
says nothing about figures rather than "0 phiếu".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Max, Sum

from hailong.indices import selectors as index_selectors
from hailong.indices.engine import format_pct
from hailong.indices.models import ResponseDayCount

if TYPE_CHECKING:
    from hailong.surveys.models import SurveyWave


@dataclass(frozen=True)
class LatestFigures:
    responses: int
    target: int
    overall: float | None  # the overall index (0–100), None if not computable
    as_of: dt.date  # the last day with a response

    @property
    def overall_text(self) -> str:
        return format_pct(self.overall)

    @property
    def rate(self) -> float | None:
        """Responses as a share of the wave's sample target (0–100, may exceed 100)."""
        return 100 * self.responses / self.target if self.target else None


def latest_figures(wave: SurveyWave | None) -> LatestFigures | None:
    """The wave's valid responses so far, its target and its overall index, or ``None``."""
    if wave is None:
        return None
    rows = ResponseDayCount.objects.filter(wave=wave, status="valid")
    found = rows.aggregate(n=Sum("count"), last=Max("day"))
    n = int(found["n"] or 0)
    if n <= 0:
        return None
    result = index_selectors.figures(
        version_id=wave.method_version_id, wave_ids=[wave.pk], units=[wave.unit]
    )
    overall = result.get("overall")
    return LatestFigures(
        responses=n,
        target=wave.target_sample,
        overall=float(overall) if isinstance(overall, int | float) else None,
        as_of=found["last"],
    )
