"""Per-dossier rating rules: one per dossier (database), reasons, attribution, no identity."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.db import IntegrityError, transaction

from hailong.core.errors import ServiceError
from hailong.dossiers.models import DossierRating, Procedure, RatingChannel, RatingLevel
from hailong.dossiers.ratings import (
    dossier_for_rating,
    rating_counts,
    rating_point_for,
    rating_submit,
)
from tests.conftest import Cast
from tests.test_dossiers_factories import catalogue, make_dossier  # noqa: F401

SATISFIED = RatingLevel.SATISFIED
NOT_SATISFIED = RatingLevel.NOT_SATISFIED


@pytest.fixture
def returned(cast: Cast, catalogue: dict[str, Procedure]) -> object:  # noqa: F811
    return make_dossier(
        cast.ngoc_ha,
        "H26-0001",
        catalogue["2.000815"],
        received=dt.date(2025, 12, 29),
        due=dt.date(2025, 12, 30),
        returned=dt.date(2025, 12, 30),
        officer=cast.officer,
    )


def test_the_database_refuses_a_second_rating_of_a_dossier(returned: object) -> None:
    first = rating_submit(dossier=returned, level=SATISFIED)  # type: ignore[arg-type]
    with pytest.raises(IntegrityError), transaction.atomic():
        DossierRating.objects.create(
            dossier=returned,
            level=RatingLevel.VERY_SATISFIED,
            channel=RatingChannel.WEB,
            unit_id=first.unit_id,
            procedure_id=first.procedure_id,
            field_id=first.field_id,
        )
    assert DossierRating.objects.count() == 1


def test_the_service_refuses_a_second_rating_with_a_clear_message(returned: object) -> None:
    rating_submit(dossier=returned, level=SATISFIED)  # type: ignore[arg-type]
    with pytest.raises(ServiceError) as refused:
        rating_submit(dossier=returned, level=NOT_SATISFIED, reason="x")  # type: ignore[arg-type]
    assert refused.value.code == "already_rated"
    assert "Hồ sơ này đã được đánh giá" in refused.value.message
    assert DossierRating.objects.get().level == SATISFIED


def test_not_satisfied_needs_a_reason_in_the_service_and_the_database(returned: object) -> None:
    with pytest.raises(ServiceError) as refused:
        rating_submit(dossier=returned, level=NOT_SATISFIED, reason="   ")  # type: ignore[arg-type]
    assert refused.value.field == "reason"
    first = rating_submit(dossier=returned, level=SATISFIED)  # type: ignore[arg-type]
    first.level, first.reason = NOT_SATISFIED, ""
    with pytest.raises(IntegrityError), transaction.atomic():
        first.save()


def test_a_reason_is_nfc_and_at_most_1000_characters(returned: object) -> None:
    with pytest.raises(ServiceError):
        rating_submit(dossier=returned, level=NOT_SATISFIED, reason="x" * 1001)  # type: ignore[arg-type]
    rating = rating_submit(
        dossier=returned,  # type: ignore[arg-type]
        level=NOT_SATISFIED,
        reason=" Chờ lâu ".replace("ờ", "o\u0300\u031b"),
    )
    assert rating.reason == "Chờ lâu"


def test_a_rating_counts_in_the_period_it_was_given_not_the_dossiers(
    cast: Cast, returned: object
) -> None:
    """Returned on 30/12/2025, rated at 06:30 on 1/1/2026 in Hà Nội (23:30 UTC on 31/12)."""
    with time_machine.travel(dt.datetime(2025, 12, 31, 23, 30, tzinfo=dt.UTC), tick=False):
        rating = rating_submit(dossier=returned, level=SATISFIED)  # type: ignore[arg-type]
    assert rating.rated_at == dt.datetime(2025, 12, 31, 23, 30, tzinfo=dt.UTC)
    year_2025 = rating_counts(
        unit=cast.ngoc_ha, start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 31)
    )
    year_2026 = rating_counts(
        unit=cast.ngoc_ha, start=dt.date(2026, 1, 1), end=dt.date(2026, 12, 31)
    )
    assert year_2025["total"] == 0
    assert year_2026 == {"rat_hai_long": 0, "hai_long": 1, "khong_hai_long": 0, "total": 1}


def test_a_rating_copies_the_dossiers_procedure_department_and_officer(
    cast: Cast, returned: object
) -> None:
    rating = rating_submit(dossier=returned, level=SATISFIED, channel=RatingChannel.KIOSK)  # type: ignore[arg-type]
    assert rating.unit == cast.ngoc_ha
    assert rating.procedure.code == "2.000815"
    assert rating.field.name == "Chứng thực"
    assert (rating.department, rating.officer) == (cast.department, cast.officer)


def test_a_rating_stores_nothing_about_who_gave_it() -> None:
    names = {f.name for f in DossierRating._meta.get_fields()}
    assert names == {
        "id",
        "dossier",
        "level",
        "reason",
        "rated_at",
        "channel",
        "unit",
        "procedure",
        "field",
        "department",
        "officer",
    }


def test_a_dossier_not_yet_returned_cannot_be_rated(
    cast: Cast,
    catalogue: dict[str, Procedure],  # noqa: F811
) -> None:
    pending = make_dossier(cast.ngoc_ha, "OPEN-1", catalogue["1.001193"], returned=None)
    with pytest.raises(ServiceError) as refused:
        rating_submit(dossier=pending, level=SATISFIED)
    assert refused.value.code == "not_returned"
    assert "chưa được trả kết quả" in refused.value.message


def test_an_unknown_code_or_another_wards_code_is_not_found(
    cast: Cast,
    returned: object,
    catalogue: dict[str, Procedure],  # noqa: F811
) -> None:
    make_dossier(cast.kinh_bac, "KB-1", catalogue["1.001193"])
    point = rating_point_for(cast.ngoc_ha)
    assert dossier_for_rating(point, " h26-0001 ") == returned
    for code in ["KB-1", "H26-9999", "", "x/y", "\x00"]:
        with pytest.raises(ServiceError) as refused:
            dossier_for_rating(point, code)
        assert refused.value.code == "unknown"


def test_each_unit_gets_one_unguessable_rating_point(cast: Cast) -> None:
    point = rating_point_for(cast.ngoc_ha)
    assert rating_point_for(cast.ngoc_ha) == point
    assert len(point.token) >= 16
    assert rating_point_for(cast.vinh_phuc).token != point.token
    with pytest.raises(ServiceError):
        rating_point_for(cast.hanoi)
