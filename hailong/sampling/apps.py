from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SamplingConfig(AppConfig):
    name = "hailong.sampling"
    label = "sampling"
    verbose_name = _("Chọn mẫu, thư mời và phỏng vấn qua điện thoại")
    default_auto_field = "django.db.models.BigAutoField"
