"""What a material kind writes from: the plan, its ward, its wave, the tracked link, figures."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from hailong.campaigns.materials.figures import LatestFigures, latest_figures
from hailong.responses.printing import absolute, source_path, unit_in_sentence, wave_path

if TYPE_CHECKING:
    from hailong.campaigns.models import CampaignPlan, Material
    from hailong.responses.models import Source
    from hailong.surveys.models import SurveyWave
    from hailong.units.models import AdministrativeUnit


@dataclass(frozen=True)
class MaterialContext:
    plan: CampaignPlan
    unit: AdministrativeUnit
    wave: SurveyWave | None
    source: Source | None
    topic: int | None  # 1-based number of the plan's content topic
    figures: LatestFigures | None
    options: dict[str, Any] = field(default_factory=dict)

    @property
    def unit_name(self) -> str:
        """ "phường Ngọc Hà" (mid-sentence)."""
        return unit_in_sentence(self.unit.name)

    @property
    def url(self) -> str:
        """The tracked link (the source's), else the wave's generic link, else empty."""
        if self.source is not None:
            return absolute(source_path(self.source))
        if self.wave is not None:
            return absolute(wave_path(self.wave))
        return ""

    @property
    def short_url(self) -> str:
        return self.url.split("://", 1)[-1]

    @property
    def topic_text(self) -> str:
        topics = [str(t) for t in self.plan.content_topics or []]
        if self.topic is None or not 1 <= self.topic <= len(topics):
            return ""
        return topics[self.topic - 1]


def context_for(material: Material, *, with_figures: bool | None = None) -> MaterialContext:
    """The context of a stored material; figures only if its options ask for them."""
    plan = material.plan
    wants = material.options.get("figures", True) if with_figures is None else with_figures
    return MaterialContext(
        plan=plan,
        unit=plan.unit,
        wave=plan.wave,
        source=material.source,
        topic=material.topic,
        figures=latest_figures(plan.wave) if wants else None,
        options=dict(material.options),
    )
