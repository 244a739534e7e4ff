from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResponsesConfig(AppConfig):
    name = "hailong.responses"
    label = "responses"
    verbose_name = _("Phiếu trả lời và kênh thu thập")
    default_auto_field = "django.db.models.BigAutoField"
