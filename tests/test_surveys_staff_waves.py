"""Wave pages: alice creates and edits Ngọc Hà's waves, bob only reads, charlie sees nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from hailong.surveys import services
from hailong.surveys.models import MethodVersion, SurveyWave, WaveStatus
from hailong.surveys.testing import ward_wave
from tests.conftest import Cast


@pytest.fixture
def version(cast: Cast) -> MethodVersion:
    services.methods_load_builtin()
    return MethodVersion.objects.get(method__code="sipas-2023", method__owner=None)


def form(version: MethodVersion, **changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "name": "Khảo sát sự hài lòng năm 2026",
        "method_version": version.pk,
        "opens_on": "01/09/2026",
        "closes_on": "30/11/2026",
        "respondent_types": ["individual", "organisation"],
        "target_sample": "200",
        "channels": ["paper", "online"],
        "status": "planned",
    }
    return {**data, **changes}


def test_the_unit_page_links_to_its_waves(cast: Cast) -> None:
    body = cast.client(cast.bob).get(reverse("units:detail", args=[cast.ngoc_ha.pk])).content
    assert reverse("surveys:wave_list", args=[cast.ngoc_ha.pk]).encode() in body


def test_alice_creates_a_wave(cast: Cast, version: MethodVersion) -> None:
    client = cast.client(cast.alice)
    create = reverse("surveys:wave_create", args=[cast.ngoc_ha.pk])
    assert "sipas-2023 v1" in client.get(create).content.decode()
    response = client.post(create, form(version))
    wave = SurveyWave.objects.get(unit=cast.ngoc_ha)
    assert response.status_code == 302
    assert response["Location"] == reverse("surveys:wave_detail", args=[wave.pk])
    assert wave.respondent_types == ["individual", "organisation"]
    assert wave.channels == ["paper", "online"]
    assert wave.created_by == cast.alice


def test_dates_out_of_order_come_back_on_the_form(cast: Cast, version: MethodVersion) -> None:
    create = reverse("surveys:wave_create", args=[cast.ngoc_ha.pk])
    response = cast.client(cast.alice).post(create, form(version, closes_on="01/08/2026"))
    assert response.status_code == 400
    assert "trước ngày bắt đầu" in response.content.decode()
    assert not SurveyWave.objects.exists()


def test_alice_edits_a_wave(cast: Cast, version: MethodVersion) -> None:
    wave = ward_wave(cast.ngoc_ha)
    edit = reverse("surveys:wave_edit", args=[wave.pk])
    data = form(wave.method_version, name=wave.name, status="open", target_sample="300")
    assert cast.client(cast.alice).post(edit, data).status_code == 302
    wave.refresh_from_db()
    assert (wave.status, wave.target_sample) == (WaveStatus.OPEN, 300)


def test_bob_reads_waves_but_gets_403_on_writes(cast: Cast, version: MethodVersion) -> None:
    wave = ward_wave(cast.ngoc_ha)
    client = cast.client(cast.bob)
    listing = client.get(reverse("surveys:wave_list", args=[cast.ngoc_ha.pk]))
    assert listing.status_code == 200
    assert wave.name in listing.content.decode()
    assert client.get(reverse("surveys:wave_detail", args=[wave.pk])).status_code == 200
    create = reverse("surveys:wave_create", args=[cast.ngoc_ha.pk])
    assert client.get(create).status_code == 403
    assert client.post(create, form(version)).status_code == 403
    edit = reverse("surveys:wave_edit", args=[wave.pk])
    assert client.post(edit, form(version, name="x")).status_code == 403


def test_charlie_gets_404_for_ngoc_ha_waves(cast: Cast, version: MethodVersion) -> None:
    wave = ward_wave(cast.ngoc_ha)
    client = cast.client(cast.charlie)
    for url in [
        reverse("surveys:wave_list", args=[cast.ngoc_ha.pk]),
        reverse("surveys:wave_create", args=[cast.ngoc_ha.pk]),
        reverse("surveys:wave_detail", args=[wave.pk]),
        reverse("surveys:wave_edit", args=[wave.pk]),
    ]:
        assert client.get(url).status_code == 404, url
