"""The demo seeds the built-in methods and Vĩnh Phúc's 2022 and 2023 waves, idempotently."""

from __future__ import annotations

import datetime as dt

import pytest

from hailong.core.demo import DemoContext
from hailong.surveys import demo as surveys_demo
from hailong.surveys.models import Method, SurveyWave
from hailong.units import demo as units_demo

pytestmark = pytest.mark.django_db


def seed() -> DemoContext:
    """The unit tree first (it provides ``vinh_phuc``), then this app's seeder."""
    ctx = DemoContext(log=lambda _msg: None)
    units_demo.seed(ctx)
    surveys_demo.seed(ctx)
    return ctx


def test_the_demo_has_the_2023_wave_of_vinh_phuc_and_seeding_twice_changes_nothing() -> None:
    ctx = seed()
    wave = ctx.objects["wave_2023"]
    assert wave.unit == ctx.objects["vinh_phuc"]
    assert wave.method_version.method.code == "sipas-2023"
    assert (wave.opens_on, wave.closes_on, wave.target_sample) == (
        dt.date(2023, 9, 1),
        dt.date(2023, 11, 30),
        200,
    )
    assert ctx.objects["wave_2022"].method_version.method.code == "sipas-2017"

    again = seed()
    assert again.objects["wave_2023"].pk == wave.pk
    assert SurveyWave.objects.count() == 2
    assert Method.objects.filter(owner=None).count() == 4
