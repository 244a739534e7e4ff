"""Seed Vietnam's public holidays 2023–2026 (``hailong.campaigns.holidays``)."""

from __future__ import annotations

from typing import Any

from django.db import migrations


def load(apps: Any, schema_editor: Any) -> None:
    from hailong.campaigns.holidays import HOLIDAYS

    holiday = apps.get_model("campaigns", "Holiday")
    known = set(holiday.objects.values_list("date", flat=True))
    holiday.objects.bulk_create(
        [holiday(date=day, name=name) for day, name in HOLIDAYS if day not in known]
    )


class Migration(migrations.Migration):
    dependencies = [("campaigns", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
