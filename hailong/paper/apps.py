from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaperConfig(AppConfig):
    name = "hailong.paper"
    label = "paper"
    verbose_name = _("Phiếu giấy do cán bộ nhập")
    default_auto_field = "django.db.models.BigAutoField"
