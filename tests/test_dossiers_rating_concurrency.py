"""Two citizens rating the same dossier at the same instant: the database keeps exactly one."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import connection, connections

from hailong.core.errors import ServiceError
from hailong.dossiers import ratings
from hailong.dossiers.catalogue import procedures_load_fixture
from hailong.dossiers.models import Dossier, DossierRating, Procedure, RatingLevel
from tests.conftest import Cast

pytestmark = pytest.mark.postgres


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_ratings_of_one_dossier_store_one(
    cast: Cast, monkeypatch: pytest.MonkeyPatch
) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (SQLite serialises writers)")
    procedures_load_fixture()
    dossier = Dossier.objects.create(
        unit=cast.ngoc_ha,
        code="RACE-1",
        procedure=Procedure.objects.get(code="1.001193"),
        received_on=dt.date(2026, 3, 2),
        due_on=dt.date(2026, 3, 3),
        returned_on=dt.date(2026, 3, 3),
    )
    # Both threads pass the application's "already rated?" check before either inserts,
    # so only the database's unique constraint can stop the second insert.
    barrier = threading.Barrier(2, timeout=10)
    check = ratings._check_can_rate

    def check_then_wait(d: Dossier) -> None:
        check(d)
        barrier.wait()

    monkeypatch.setattr(ratings, "_check_can_rate", check_then_wait)
    outcomes: list[str] = []

    def rate(level: str) -> None:
        try:
            mine = Dossier.objects.select_related("procedure").get(pk=dossier.pk)
            ratings.rating_submit(dossier=mine, level=level, reason="Chờ lâu")
            outcomes.append("stored")
        except ServiceError as error:
            outcomes.append(error.code)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=rate, args=(level,))
        for level in (RatingLevel.VERY_SATISFIED, RatingLevel.NOT_SATISFIED)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=20)
    assert sorted(outcomes) == ["already_rated", "stored"]
    assert DossierRating.objects.filter(dossier=dossier).count() == 1
