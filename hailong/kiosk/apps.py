from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KioskConfig(AppConfig):
    name = "hailong.kiosk"
    label = "kiosk"
    verbose_name = _("Máy tính bảng tại bộ phận một cửa")
    default_auto_field = "django.db.models.BigAutoField"
