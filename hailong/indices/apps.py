from __future__ import annotations

from django.apps import AppConfig


class IndicesConfig(AppConfig):
    name = "hailong.indices"
    label = "indices"
    default_auto_field = "django.db.models.BigAutoField"
