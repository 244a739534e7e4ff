"""Helpers for the sampling tests: a phone-enabled wave, returned dossiers with contacts, draws."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from hailong.dossiers.catalogue import procedures_load_fixture
from hailong.dossiers.models import ApplicantType, Dossier, DossierContact, Procedure
from hailong.sampling.models import SampleDraw
from hailong.sampling.services import sample_draw
from hailong.surveys.models import RespondentType, SurveyWave, WaveChannel
from hailong.units.models import AdministrativeUnit
from tests.conftest import Cast
from tests.test_responses_factories import SHORT, TODAY, open_wave

PERIOD = (TODAY - dt.timedelta(days=200), TODAY - dt.timedelta(days=20))
CERTIFY = "2.000815"  # Chứng thực bản sao (lĩnh vực Chứng thực)
BIRTH = "1.001193"  # Đăng ký khai sinh (lĩnh vực Hộ tịch)
DEFAULT_MIX = {
    (CERTIFY, ApplicantType.INDIVIDUAL): 60,
    (BIRTH, ApplicantType.INDIVIDUAL): 30,
    (CERTIFY, ApplicantType.ORGANISATION): 10,
}


def phone_wave(unit: AdministrativeUnit, name: str = "Đợt có phỏng vấn") -> SurveyWave:
    return open_wave(
        unit,
        SHORT,
        name=name,
        channels=[WaveChannel.ONLINE, WaveChannel.PHONE],
        respondent_types=[RespondentType.INDIVIDUAL, RespondentType.ORGANISATION],
    )


def returned_dossiers(
    unit: AdministrativeUnit,
    mix: Mapping[tuple[str, str], int] = DEFAULT_MIX,
    *,
    phone: bool = True,
    prefix: str = "S",
) -> list[Dossier]:
    """Dossiers returned inside ``PERIOD`` (one a day), each with an applicant's contact."""
    procedures_load_fixture()
    procedures = {p.code: p for p in Procedure.objects.filter(code__in=[m[0] for m in mix])}
    rows = []
    day = PERIOD[0]
    for (code, applicant), count in mix.items():
        for i in range(count):
            rows.append(
                Dossier(
                    unit=unit,
                    code=f"{prefix}-{code}-{applicant}-{i:04d}",
                    procedure=procedures[code],
                    received_on=day,
                    due_on=day + dt.timedelta(days=2),
                    returned_on=day + dt.timedelta(days=1),
                    applicant_type=applicant,
                )
            )
            day = (
                day + dt.timedelta(days=1) if day < PERIOD[1] - dt.timedelta(days=1) else PERIOD[0]
            )
    made = Dossier.objects.bulk_create(rows)
    DossierContact.objects.bulk_create(
        DossierContact(
            dossier=d,
            name=f"Nguyễn Thị Mẫu {n}",
            phone=f"0912{n:06d}" if phone else "",
            email="",
            purge_after=TODAY + dt.timedelta(days=365),
        )
        for n, d in enumerate(made)
    )
    return made


def drawn(cast: Cast, wave: SurveyWave, *, seed: int = 20231101, **kwargs: object) -> SampleDraw:
    """A dossier draw of ``wave`` by alice over ``PERIOD``."""
    return sample_draw(
        actor=cast.alice,
        wave=wave,
        frame="dossiers",
        period=PERIOD,
        seed=seed,
        **kwargs,  # type: ignore[arg-type]
    )


def sampled(cast: Cast) -> tuple[SurveyWave, SampleDraw]:
    """Ngọc Hà's phone wave with 100 returned dossiers and a draw (Slovin n = 80)."""
    wave = phone_wave(cast.ngoc_ha)
    returned_dossiers(cast.ngoc_ha)
    return wave, drawn(cast, wave)


def scope_member(cast: Cast) -> dict[str, int]:
    """A sampled member of Ngọc Hà's test wave (``surveys.testing.ward_wave``), made once."""
    from hailong.sampling.models import SampleMember
    from hailong.surveys.testing import ward_wave

    wave = ward_wave(cast.ngoc_ha)
    member = SampleMember.objects.filter(draw__wave=wave).first()
    if member is None:
        returned_dossiers(cast.ngoc_ha, {(CERTIFY, ApplicantType.INDIVIDUAL): 3}, prefix="SC")
        member = drawn(cast, wave).members.order_by("position").first()
    assert member is not None
    return {"pk": wave.pk, "member_pk": member.pk}
