from __future__ import annotations

from django.apps import AppConfig


class UnitsConfig(AppConfig):
    name = "hailong.units"
    label = "units"
    default_auto_field = "django.db.models.BigAutoField"
