"""Models of the campaigns app, split by sub-domain and re-exported here."""

from __future__ import annotations

from hailong.campaigns.models.evidence import DigestSent, Evidence, EvidenceKind
from hailong.campaigns.models.materials import AudioOrigin, Material, MaterialAudioJob
from hailong.campaigns.models.plans import (
    CONTENT_FIELDS,
    CampaignPlan,
    CampaignPlanVersion,
    PlanAction,
    PlanEvent,
    PlanStatus,
)
from hailong.campaigns.models.schedule import (
    CampaignActivity,
    Holiday,
    LoudspeakerArea,
    Occurrence,
    OccurrenceStatus,
    ZaloGroup,
)

__all__ = [
    "CONTENT_FIELDS",
    "AudioOrigin",
    "CampaignActivity",
    "CampaignPlan",
    "CampaignPlanVersion",
    "DigestSent",
    "Evidence",
    "EvidenceKind",
    "Holiday",
    "LoudspeakerArea",
    "Material",
    "MaterialAudioJob",
    "Occurrence",
    "OccurrenceStatus",
    "PlanAction",
    "PlanEvent",
    "PlanStatus",
    "ZaloGroup",
]
