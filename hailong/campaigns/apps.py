from __future__ import annotations

from django.apps import AppConfig


class CampaignsConfig(AppConfig):
    """The communication campaign: the plan as data, its channels and schedule, execution."""

    name = "hailong.campaigns"
    label = "campaigns"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from hailong.campaigns.scoring import register_emulation_source

        register_emulation_source()
