"""A ward copies a method, edits a draft and publishes it; edits after that make version n+1."""

from __future__ import annotations

import pytest

from hailong.core.errors import PermissionDenied, ServiceError
from hailong.surveys import services
from hailong.surveys.models import Method, VersionStatus
from tests.conftest import Cast


@pytest.fixture
def sipas_2017(cast: Cast) -> Method:
    services.methods_load_builtin()
    return Method.objects.get(owner=None, code="sipas-2017")


def test_copying_makes_a_ward_method_with_a_draft_version_1(cast: Cast, sipas_2017: Method) -> None:
    copy = services.method_copy(actor=cast.alice, method=sipas_2017, unit=cast.ngoc_ha)
    assert (copy.owner, copy.code, copy.copied_from) == (cast.ngoc_ha, "sipas-2017", sipas_2017)
    (version,) = copy.versions.all()
    assert (version.number, version.status) == (1, VersionStatus.DRAFT)
    assert len(version.definition["items"]) == 22


def test_a_second_copy_in_the_same_ward_gets_a_new_code(cast: Cast, sipas_2017: Method) -> None:
    services.method_copy(actor=cast.alice, method=sipas_2017, unit=cast.ngoc_ha)
    second = services.method_copy(actor=cast.alice, method=sipas_2017, unit=cast.ngoc_ha)
    assert second.code == "sipas-2017-2"
    assert second.versions.get().definition["code"] == "sipas-2017-2"


def test_publishing_then_editing_creates_version_2(cast: Cast, sipas_2017: Method) -> None:
    copy = services.method_copy(actor=cast.alice, method=sipas_2017, unit=cast.ngoc_ha)
    v1 = services.method_version_publish(actor=cast.alice, version=copy.versions.get())
    assert v1.status == VersionStatus.PUBLISHED
    assert v1.published_by == cast.alice

    data = dict(v1.definition)
    data["name"] = {"vi": "SIPAS của phường Ngọc Hà", "en": ""}
    v2 = services.method_draft_save(actor=cast.alice, method=copy, definition=data)
    assert (v2.number, v2.status) == (2, VersionStatus.DRAFT)

    services.method_version_publish(actor=cast.alice, version=v2)
    statuses = dict(copy.versions.values_list("number", "status"))
    assert statuses == {1: VersionStatus.RETIRED, 2: VersionStatus.PUBLISHED}
    copy.refresh_from_db()
    assert copy.name == "SIPAS của phường Ngọc Hà"


def test_publishing_an_unchanged_draft_is_refused(cast: Cast, sipas_2017: Method) -> None:
    copy = services.method_copy(actor=cast.alice, method=sipas_2017, unit=cast.ngoc_ha)
    services.method_version_publish(actor=cast.alice, version=copy.versions.get())
    draft = services.method_draft_start(actor=cast.alice, method=copy)
    with pytest.raises(ServiceError, match="giống hệt"):
        services.method_version_publish(actor=cast.alice, version=draft)


def test_an_invalid_draft_is_refused_with_the_paths(cast: Cast, sipas_2017: Method) -> None:
    copy = services.method_copy(actor=cast.alice, method=sipas_2017, unit=cast.ngoc_ha)
    data = dict(copy.versions.get().definition)
    data["items"] = [{**data["items"][0], "scale": "s9"}, *data["items"][1:]]
    with pytest.raises(ServiceError) as info:
        services.method_draft_save(actor=cast.alice, method=copy, definition=data)
    assert "items[0].scale: thang đo «s9» không tồn tại" in info.value.message
    assert info.value.field == "definition"


def test_the_draft_must_keep_the_method_code(cast: Cast, sipas_2017: Method) -> None:
    copy = services.method_copy(actor=cast.alice, method=sipas_2017, unit=cast.ngoc_ha)
    data = {**copy.versions.get().definition, "code": "khac"}
    with pytest.raises(ServiceError, match="mã phương pháp phải là «sipas-2017»"):
        services.method_draft_save(actor=cast.alice, method=copy, definition=data)


def test_a_viewer_may_not_copy_or_publish(cast: Cast, sipas_2017: Method) -> None:
    with pytest.raises(PermissionDenied):
        services.method_copy(actor=cast.bob, method=sipas_2017, unit=cast.ngoc_ha)
    copy = services.method_copy(actor=cast.alice, method=sipas_2017, unit=cast.ngoc_ha)
    with pytest.raises(PermissionDenied):
        services.method_version_publish(actor=cast.bob, version=copy.versions.get())


def test_an_outsider_may_not_copy_a_ward_method_to_their_unit(
    cast: Cast, sipas_2017: Method
) -> None:
    copy = services.method_copy(actor=cast.alice, method=sipas_2017, unit=cast.ngoc_ha)
    with pytest.raises(PermissionDenied):
        services.method_copy(actor=cast.charlie, method=copy, unit=cast.kinh_bac)
