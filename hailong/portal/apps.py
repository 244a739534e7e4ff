from __future__ import annotations

from django.apps import AppConfig


class PortalConfig(AppConfig):
    """The ward's public site: home, articles (tin bài), photo gallery, visitor statistics."""

    name = "hailong.portal"
    label = "portal"
    default_auto_field = "django.db.models.BigAutoField"
