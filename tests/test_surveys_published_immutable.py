"""A published version's definition never changes: the service refuses and the model guards."""

from __future__ import annotations

import pytest

from hailong.core.errors import ServiceError
from hailong.surveys import services
from hailong.surveys.models import ImmutableVersionError, MethodVersion
from hailong.surveys.testing import minimal_definition, ward_method
from tests.conftest import Cast


@pytest.fixture
def published(cast: Cast) -> MethodVersion:
    version = ward_method(cast.ngoc_ha).versions.get()
    return services.method_version_publish(actor=cast.alice, version=version)


def test_the_service_refuses_to_update_a_published_version(
    cast: Cast, published: MethodVersion
) -> None:
    data = minimal_definition(name="Tên khác")
    with pytest.raises(ServiceError, match="đã ban hành"):
        services.method_version_update_draft(actor=cast.alice, version=published, definition=data)


def test_the_model_refuses_to_save_a_changed_definition(published: MethodVersion) -> None:
    published.definition = {**published.definition, "name": {"vi": "Sửa lén", "en": ""}}
    with pytest.raises(ImmutableVersionError):
        published.save()
    published.refresh_from_db()
    assert published.definition["name"]["vi"] == "Phiếu thử"


def test_the_model_refuses_to_turn_a_published_version_back_into_a_draft(
    published: MethodVersion,
) -> None:
    published.status = "draft"
    with pytest.raises(ImmutableVersionError):
        published.save()


def test_a_published_version_may_still_be_retired(published: MethodVersion) -> None:
    published.status = "retired"
    published.save()
    published.refresh_from_db()
    assert published.status == "retired"


def test_a_draft_can_be_changed_freely(cast: Cast) -> None:
    version = ward_method(cast.ngoc_ha).versions.get()
    updated = services.method_version_update_draft(
        actor=cast.alice, version=version, definition=minimal_definition(name="Tên mới")
    )
    assert updated.definition["name"]["vi"] == "Tên mới"


def test_builtin_methods_are_read_only_for_everyone(cast: Cast) -> None:
    services.methods_load_builtin()
    version = MethodVersion.objects.get(method__code="sipas-2017")
    with pytest.raises(ServiceError, match="chỉ được xem"):
        services.method_draft_start(actor=cast.root, method=version.method)
