from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "hailong.surveys"
    label = "surveys"
    verbose_name = _("Phương pháp và đợt khảo sát")
    default_auto_field = "django.db.models.BigAutoField"
