from __future__ import annotations

from django.apps import AppConfig


class PublicationConfig(AppConfig):
    """Published results: frozen snapshots, the public results page, embeds, city ranking."""

    name = "hailong.publication"
    label = "publication"
    default_auto_field = "django.db.models.BigAutoField"
