"""Forms of the campaigns app: they check shape; the services check the rules."""

from __future__ import annotations

from hailong.campaigns.forms.execution import MarkForm
from hailong.campaigns.forms.materials import (
    AttachForm,
    MaterialCreateForm,
    MaterialEditForm,
    RecordingForm,
)
from hailong.campaigns.forms.plans import PlanCreateForm, PlanDecisionForm, PlanEditForm
from hailong.campaigns.forms.schedule import ActivityForm, LoudspeakerAreaForm, ZaloGroupForm

__all__ = [
    "ActivityForm",
    "AttachForm",
    "LoudspeakerAreaForm",
    "MarkForm",
    "MaterialCreateForm",
    "MaterialEditForm",
    "PlanCreateForm",
    "PlanDecisionForm",
    "PlanEditForm",
    "RecordingForm",
    "ZaloGroupForm",
]
