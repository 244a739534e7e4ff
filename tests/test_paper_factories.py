"""Helpers for the paper tests: paper waves, batches, a second officer, keys for a whole form."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hailong.accounts.models import User
from hailong.accounts.roles import Role
from hailong.accounts.services import role_assign
from hailong.paper import keying, services
from hailong.paper.models import PaperBatch
from hailong.surveys.models import SurveyWave, WaveChannel
from tests.conftest import Cast, make_user
from tests.test_responses_factories import SHORT, TODAY, fresh_cache, open_wave

__all__ = ["SHORT", "TODAY", "fresh_cache"]

SIPAS_2023 = "sipas-2023"


def paper_wave(cast: Cast, method: str = SHORT, **changes: Any) -> SurveyWave:
    """An open wave of Ngọc Hà that takes paper forms."""
    return open_wave(
        cast.ngoc_ha,
        method,
        name=changes.pop("name", f"Đợt phiếu giấy {method}"),
        channels=changes.pop("channels", [WaveChannel.PAPER]),
        **changes,
    )


def new_batch(
    cast: Cast,
    wave: SurveyWave,
    *,
    actor: User | None = None,
    declared: int = 5,
    double: bool = False,
    **changes: Any,
) -> PaperBatch:
    data = services.BatchData(
        collected_on=changes.pop("collected_on", TODAY),
        declared_count=declared,
        collector_name=changes.pop("collector_name", "Ông Trần Văn Tâm"),
        residential_group=changes.pop("residential_group", cast.group1),
        double_entry=double,
        **changes,
    )
    return services.paper_batch_create(actor=actor or cast.oscar, wave=wave, data=data)


def second_officer(cast: Cast) -> User:
    """Another one-stop officer of Ngọc Hà (for the second keying)."""
    existing = User.objects.filter(username="otto").first()
    if existing is not None:
        return existing
    user = make_user("otto")
    role_assign(actor=None, user=user, unit=cast.ngoc_ha, role=Role.ONE_STOP)
    return user


def keys_for(wave: SurveyWave, value: str = "4", **overrides: str) -> dict[str, str]:
    """Keys that fill every field of the sheet: ``value`` where it is a key, else the first."""
    keys: dict[str, str] = {}
    for field in keying.sheet_for(wave).fields():
        if field.kind == keying.TEXT:
            keys[field.name] = "Chứng thực bản sao" if not field.name.endswith("-reason") else ""
        elif field.kind == keying.SELECT:
            keys[field.name] = field.choices[0][0]
        elif field.kind == keying.DIGITS:
            keys[field.name] = "13"
        else:
            keys[field.name] = value if value in field.keys else sorted(field.keys)[-1]
    keys.update({f"q-{code}": v for code, v in overrides.items()})
    return keys


def enter(
    batch: PaperBatch, actor: User, number: int, keys: dict[str, str], **kwargs: Any
) -> services.Entered:
    return services.paper_form_enter(actor=actor, batch=batch, number=number, posted=keys, **kwargs)


def days_ago(n: int) -> dt.date:
    return TODAY - dt.timedelta(days=n)


def test_keys_for_fill_every_field_of_the_short_form(cast: Cast, fresh_cache: None) -> None:
    wave = paper_wave(cast)
    keys = keys_for(wave)
    sheet = keying.sheet_for(wave)
    assert set(keys) == {f.name for f in sheet.fields()}
    cleaned = keying.validate(sheet, keying.normalise(sheet, keys))
    assert cleaned.answers["CC1"] == 4
