"""The demo gives Vĩnh Phúc's 2023 wave sources and several hundred realistic web responses,
and Ngọc Hà an open wave whose public form can be tried today."""

from __future__ import annotations

import statistics

import pytest
from django.core.cache import cache
from django.db.models import Count

from hailong.core.demo import DemoContext, run_seeders
from hailong.responses.models import Response, Source
from hailong.responses.questionnaire import caches_clear, clean_submission, form_for

# The module-scoped seed needs the test database even when this file runs alone.
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def ctx(django_db_setup: None, django_db_blocker: pytest.FixtureRequest) -> object:
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        from django.db import transaction

        caches_clear()
        with transaction.atomic():
            context = run_seeders(DemoContext(log=lambda _msg: None))
            yield context
            transaction.set_rollback(True)
    cache.clear()


def _mean(wave: object, code: str) -> float:
    values = [
        r.answers[code]
        for r in Response.objects.filter(wave=wave)
        if isinstance(r.answers.get(code), int) and r.answers[code] > 0
    ]
    return statistics.mean(values)


def test_the_2023_wave_has_sources_and_several_hundred_web_responses(ctx: DemoContext) -> None:
    wave = ctx.objects["wave_2023"]
    sources = Source.objects.filter(wave=wave).exclude(kind="kiosk")  # tablets: kiosk demo
    assert set(sources.values_list("kind", flat=True)) == {
        "mot_cua",
        "to_roi",
        "zalo",
        "website",
        "loa",
        "hoi_nghi",
    }
    responses = Response.objects.filter(wave=wave)
    assert 300 <= responses.count() <= 600
    by_source = dict(responses.values_list("source__kind").annotate(n=Count("pk")).order_by())
    assert by_source["mot_cua"] == max(v for k, v in by_source.items() if k)
    assert by_source.get(None, 0) > 0  # some came through the generic link
    days = {r.submitted_at.date() for r in responses}
    assert min(days) >= wave.opens_on
    assert max(days) <= wave.closes_on
    assert len(days) > 40


def test_the_answers_look_like_a_real_ward(ctx: DemoContext) -> None:
    wave = ctx.objects["wave_2023"]
    responses = list(Response.objects.filter(wave=wave))
    answered = [r for r in responses if "II.1.1" in r.answers]
    assert 0.6 <= len(answered) / len(responses) <= 0.85  # part II only after a procedure
    assert _mean(wave, "II.1.4") < _mean(wave, "II.3.1") - 0.5  # equipment and seats: weak
    assert _mean(wave, "II.2.4") < _mean(wave, "II.3.1") - 0.4  # processing time: weak
    assert any(r.answers.get("II.2.3") == 0 for r in responses)  # "not applicable" on fees
    assert any(r.answers.get("I.A.1", 1) is None for r in responses)  # a blank optional item
    assert 0.05 <= sum("unverified" in r.flags for r in responses) / len(responses) <= 0.2
    genders = [r.respondent.get("gender") for r in responses]
    assert 0.4 <= genders.count(2) / len(genders) <= 0.65
    assert {r.respondent["commune"] for r in responses} == {ctx.objects["vinh_phuc"].pk}


def test_every_demo_response_is_what_the_form_would_have_stored(ctx: DemoContext) -> None:
    wave = ctx.objects["wave_2023"]
    form = form_for(wave)
    for response in Response.objects.filter(wave=wave)[:40]:
        raw = {}
        for _page, question in form.questions():
            code = question.code.removeprefix("r.")
            value = (
                response.respondent if question.code.startswith("r.") else response.answers
            ).get(code)
            if value is None:
                continue
            raw[question.name] = (
                [str(v) for v in value] if isinstance(value, list) else [str(value)]
            )
        assert clean_submission(form, raw).answers == response.answers


def test_ngoc_ha_has_an_open_wave_whose_form_works_today(ctx: DemoContext, client: object) -> None:
    wave = ctx.objects["open_wave"]
    page = client.get(f"/k/{wave.public_token}/")  # type: ignore[attr-defined]
    assert page.status_code == 200
    assert "Bắt đầu trả lời" in page.content.decode()
    assert any(f"/k/{wave.public_token}/" in path for _what, path in ctx.urls)


def test_seeding_again_adds_nothing(ctx: DemoContext) -> None:
    before = (Response.objects.count(), Source.objects.count())
    run_seeders(DemoContext(log=lambda _msg: None))
    assert (Response.objects.count(), Source.objects.count()) == before


def test_most_2023_respondents_say_how_they_heard_of_the_survey(ctx: DemoContext) -> None:
    wave = ctx.objects["wave_2023"]
    web = Response.objects.filter(wave=wave, channel="web", invitation__isnull=True)
    answers = [r.answers.get("KS") for r in web]
    ticked = [a for a in answers if a]
    assert 0.8 <= len(ticked) / len(answers) <= 0.95  # optional: some leave it blank
    assert 1 < statistics.mean(len(a) for a in ticked) < 2.5  # a channel or two …
    assert max(len(a) for a in ticked) < 8  # … never every box
    loudspeakers = sum(1 in a for a in ticked)
    assert loudspeakers > sum(8 in a for a in ticked)  # the loudspeakers reach more people
    leaflet = [r.answers.get("KS") or [] for r in web.filter(source__kind="to_roi")]
    assert sum(8 in a for a in leaflet) > len(leaflet) / 2  # who scanned a leaflet says so
