from __future__ import annotations

from django.apps import AppConfig


class PerformanceConfig(AppConfig):
    """Reform-index points, emulation ranking and improvement actions (closing the loop)."""

    name = "hailong.performance"
    label = "performance"
    default_auto_field = "django.db.models.BigAutoField"
