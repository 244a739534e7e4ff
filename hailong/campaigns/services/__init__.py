"""Writes of the campaigns app (split by sub-domain, re-exported here)."""

from __future__ import annotations

from hailong.campaigns.services.digest import digest_send
from hailong.campaigns.services.execution import can_mark, evidence_add, occurrence_mark
from hailong.campaigns.services.materials import (
    material_attach,
    material_audio_start,
    material_create,
    material_recording_upload,
    material_regenerate,
    material_update,
)
from hailong.campaigns.services.plans import (
    plan_approve,
    plan_create_from_template,
    plan_reject,
    plan_revise,
    plan_submit,
    plan_update,
)
from hailong.campaigns.services.schedule import (
    Responsible,
    activity_delete,
    activity_save,
    holidays_load,
    loudspeaker_area_create,
    occurrences_generate,
    plan_regenerate,
    zalo_group_create,
)

__all__ = [
    "Responsible",
    "activity_delete",
    "activity_save",
    "can_mark",
    "digest_send",
    "evidence_add",
    "holidays_load",
    "loudspeaker_area_create",
    "material_attach",
    "material_audio_start",
    "material_create",
    "material_recording_upload",
    "material_regenerate",
    "material_update",
    "occurrence_mark",
    "occurrences_generate",
    "plan_approve",
    "plan_create_from_template",
    "plan_regenerate",
    "plan_reject",
    "plan_revise",
    "plan_submit",
    "plan_update",
    "zalo_group_create",
]
