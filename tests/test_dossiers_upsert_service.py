"""``dossier_upsert`` takes plain dicts (import rows, API pushes) and answers per field."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from hailong.core.errors import ServiceError
from hailong.dossiers.models import Dossier, DossierContact, Procedure, SubmissionChannel
from hailong.dossiers.services import dossier_contacts_purge, dossier_upsert, dossier_upsert_many
from tests.conftest import Cast
from tests.test_dossiers_factories import catalogue  # noqa: F401

pytestmark = pytest.mark.usefixtures("catalogue")

VALID = {
    "code": " 000.04.01.h26-260302-0001 ",
    "procedure_code": "1.001193",
    "received_on": "02/03/2026",
    "due_on": "2026-03-03",
    "returned_on": dt.date(2026, 3, 3),
    "officer": "do quang huy",
    "channel": "Dịch vụ công trực tuyến",
}


@time_machine.travel("2026-03-10 09:00 +07:00")
def test_it_creates_a_dossier_with_a_clean_code_and_resolved_names(cast: Cast) -> None:
    outcome = dossier_upsert(unit=cast.ngoc_ha, data=VALID)
    assert outcome.ok
    assert outcome.created
    dossier = Dossier.objects.get()
    assert dossier.code == "000.04.01.H26-260302-0001"
    assert dossier.procedure.code == "1.001193"
    assert dossier.officer == cast.officer
    assert dossier.department == cast.department  # taken from the officer
    assert dossier.channel == SubmissionChannel.ONLINE
    assert dossier.on_time is True


@time_machine.travel("2026-03-10 09:00 +07:00")
def test_it_updates_by_code_and_leaves_absent_keys_alone(cast: Cast) -> None:
    dossier_upsert(unit=cast.ngoc_ha, data={**VALID, "returned_on": None})
    outcome = dossier_upsert(
        unit=cast.ngoc_ha, data={"code": VALID["code"], "returned_on": "09/03/2026"}
    )
    assert outcome.ok
    assert not outcome.created
    dossier = Dossier.objects.get()
    assert dossier.returned_on == dt.date(2026, 3, 9)
    assert dossier.procedure.code == "1.001193"
    assert dossier.officer == cast.officer
    assert dossier.on_time is False


def test_it_reports_every_bad_field_by_key(cast: Cast) -> None:
    outcome = dossier_upsert(
        unit=cast.ngoc_ha,
        data={
            "code": "A/1",
            "procedure_code": "9.999999",
            "received_on": "31/02/2026",
            "due_on": "mai",
            "officer": "Người Lạ",
            "applicant_type": "???",
            "contact_phone": "12",
        },
    )
    assert not outcome.ok
    assert set(outcome.errors) == {
        "code",
        "procedure_code",
        "received_on",
        "due_on",
        "officer",
        "applicant_type",
        "contact_phone",
    }
    assert "9.999999" in outcome.errors["procedure_code"]
    assert "không tồn tại" in outcome.errors["received_on"]
    assert Dossier.objects.count() == 0


def test_a_new_dossier_needs_a_procedure_and_its_dates(cast: Cast) -> None:
    outcome = dossier_upsert(unit=cast.ngoc_ha, data={"code": "H-1"})
    assert set(outcome.errors) == {"procedure_code", "received_on", "due_on"}


def test_dates_must_be_in_order(cast: Cast) -> None:
    outcome = dossier_upsert(
        unit=cast.ngoc_ha,
        data={**VALID, "received_on": "05/03/2026", "due_on": "04/03/2026", "returned_on": ""},
    )
    assert "trước ngày tiếp nhận" in outcome.errors["due_on"]


@pytest.mark.parametrize(
    "name", ["CẤP GIẤY XÁC NHẬN TÌNH TRẠNG HÔN NHÂN", "xac nhan tinh trang hon nhan"]
)
def test_a_procedure_is_also_found_by_its_name_without_diacritics(cast: Cast, name: str) -> None:
    data = {**VALID, "procedure_code": "", "procedure_name": name}
    outcome = dossier_upsert(unit=cast.ngoc_ha, data=data)
    assert outcome.ok, outcome.errors
    assert outcome.dossier is not None
    assert outcome.dossier.procedure.code == "1.004873"


def test_an_unknown_or_ambiguous_procedure_name_is_an_error(cast: Cast) -> None:
    unknown = dossier_upsert(
        unit=cast.ngoc_ha, data={**VALID, "procedure_code": "", "procedure_name": "Cấp hộ chiếu"}
    )
    assert "Cấp hộ chiếu" in unknown.errors["procedure_name"]
    ambiguous = dossier_upsert(
        unit=cast.ngoc_ha, data={**VALID, "procedure_code": "", "procedure_name": "chứng thực"}
    )
    assert "nhiều thủ tục" in ambiguous.errors["procedure_name"]


def test_a_code_twice_in_one_batch_is_an_error_on_the_second(cast: Cast) -> None:
    outcomes = dossier_upsert_many(unit=cast.ngoc_ha, rows=[VALID, VALID])
    assert outcomes[0].ok
    assert "lặp lại" in outcomes[1].errors["code"]


def test_only_commune_level_units_keep_dossiers(cast: Cast) -> None:
    with pytest.raises(ServiceError):
        dossier_upsert(unit=cast.hanoi, data=VALID)


@time_machine.travel("2026-03-10 09:00 +07:00")
def test_contact_details_are_stored_apart_and_purged_after_the_wave(
    cast: Cast,
    catalogue: dict[str, Procedure],  # noqa: F811
) -> None:
    data = {**VALID, "contact_name": "Nguyễn Văn A", "contact_phone": "0912 345 678"}
    dossier = dossier_upsert(unit=cast.ngoc_ha, data=data).dossier
    assert dossier is not None
    contact = DossierContact.objects.get(dossier=dossier)
    assert contact.phone == "0912345678"
    assert contact.purge_after > dt.date(2027, 3, 1)
    later = dossier_upsert(
        unit=cast.ngoc_ha,
        data={**VALID, "code": "LATER-1", "returned_on": "09/03/2026", "contact_name": "B"},
    ).dossier
    assert dossier_contacts_purge(unit=cast.kinh_bac, before=dt.date(2026, 3, 5)) == 0
    assert dossier_contacts_purge(unit=cast.ngoc_ha, before=dt.date(2026, 3, 5)) == 1
    assert list(DossierContact.objects.values_list("dossier", flat=True)) == [later.pk]
    assert Dossier.objects.count() == 2
