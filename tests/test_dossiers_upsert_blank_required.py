"""A row that blanks a stored dossier's required value is refused, never written as NULL."""

from __future__ import annotations

import pytest

from hailong.dossiers.models import Dossier
from hailong.dossiers.services import dossier_upsert
from tests.conftest import Cast
from tests.test_dossiers_factories import VALID_DATA, load_catalogue


@pytest.mark.parametrize(
    ("key", "blank"), [("received_on", None), ("received_on", " "), ("due_on", "")]
)
def test_blanking_a_required_date_of_a_stored_dossier_is_an_error(
    cast: Cast, key: str, blank: object
) -> None:
    load_catalogue()
    assert dossier_upsert(unit=cast.ngoc_ha, data=VALID_DATA).created
    outcome = dossier_upsert(unit=cast.ngoc_ha, data={"code": VALID_DATA["code"], key: blank})
    assert not outcome.ok
    assert set(outcome.errors) == {key}
    stored = Dossier.objects.get()
    assert stored.received_on is not None
    assert stored.due_on is not None


def test_a_new_dossier_still_needs_its_procedure_and_dates(cast: Cast) -> None:
    load_catalogue()
    outcome = dossier_upsert(unit=cast.ngoc_ha, data={"code": "A-1"})
    assert set(outcome.errors) == {"procedure_code", "received_on", "due_on"}
