"""Running aggregates of responses, kept in the same transaction as each response.

Dashboards read these instead of raw responses, so their cost does not grow with the number of
responses. Two grains: responses per **day** (for participation, trends and campaign
attribution) and answer values per **month** (for every index). Dimensions use sentinels instead
of NULL (``source_key`` 0 = no source, ``value`` -1 = blank) so that a plain unique constraint
identifies a cell on SQLite and PostgreSQL alike.

A cell may be split over several rows that differ only in ``shard`` (``AGGREGATE_SHARDS``):
concurrent submissions then update different rows instead of queueing on one row lock. Every
reader sums ``count`` over the cell, so shards are invisible to it; ``aggregates.compact``
folds them back into shard 0 (hourly).
"""

from __future__ import annotations

from typing import ClassVar

from django.db import models

BLANK = -1
ANSWERED = -2  # multiple-choice items: one per response that ticked anything


class ResponseDayCount(models.Model):
    unit = models.ForeignKey("units.AdministrativeUnit", on_delete=models.CASCADE, related_name="+")
    wave = models.ForeignKey("surveys.SurveyWave", on_delete=models.CASCADE, related_name="+")
    method_version = models.ForeignKey(
        "surveys.MethodVersion", on_delete=models.CASCADE, related_name="+"
    )
    day = models.DateField()
    channel = models.CharField(max_length=8)
    source_key = models.BigIntegerField(default=0)
    respondent_type = models.CharField(max_length=12)
    status = models.CharField(max_length=10)
    shard = models.PositiveSmallIntegerField(default=0)
    count = models.BigIntegerField(default=0)

    class Meta:
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(
                fields=[
                    "unit",
                    "wave",
                    "method_version",
                    "day",
                    "channel",
                    "source_key",
                    "respondent_type",
                    "status",
                    "shard",
                ],
                name="response_day_count_cell",
            )
        ]
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["wave", "day"], name="rdc_wave_day"),
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.day} {self.channel} {self.count}"


class AnswerMonthCount(models.Model):
    unit = models.ForeignKey("units.AdministrativeUnit", on_delete=models.CASCADE, related_name="+")
    wave = models.ForeignKey("surveys.SurveyWave", on_delete=models.CASCADE, related_name="+")
    method_version = models.ForeignKey(
        "surveys.MethodVersion", on_delete=models.CASCADE, related_name="+"
    )
    month = models.DateField()
    channel = models.CharField(max_length=8)
    source_key = models.BigIntegerField(default=0)
    respondent_type = models.CharField(max_length=12)
    status = models.CharField(max_length=10)
    item_code = models.CharField(max_length=40)
    value = models.IntegerField()
    shard = models.PositiveSmallIntegerField(default=0)
    count = models.BigIntegerField(default=0)

    class Meta:
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(
                fields=[
                    "unit",
                    "wave",
                    "method_version",
                    "month",
                    "channel",
                    "source_key",
                    "respondent_type",
                    "status",
                    "item_code",
                    "value",
                    "shard",
                ],
                name="answer_month_count_cell",
            )
        ]
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["wave", "status"], name="amc_wave_status"),
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.month} {self.item_code}={self.value} {self.count}"
