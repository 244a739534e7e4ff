"""Only leaders (and administrators) publish; viewers preview; outsiders see no staff page."""

from __future__ import annotations

import pytest
from django.test import override_settings
from django.urls import reverse

from hailong.core.errors import PermissionDenied
from hailong.publication import services
from hailong.publication.models import Snapshot
from tests.conftest import Cast
from tests.publication_data import scope_key, ward_wave

pytestmark = pytest.mark.usefixtures("fresh_cache")

STAFF = ["overview", "preview", "comments", "embed_codes"]


def _publish(client, cast: Cast, key: str):  # type: ignore[no-untyped-def]
    return client.post(
        reverse("publication:publish", args=[cast.ngoc_ha.pk]), {"pham_vi": key, "ly_do": ""}
    )


@override_settings(HAILONG_SMALL_CELL_THRESHOLD=3)
def test_the_viewer_previews_the_draft_but_cannot_publish(cast: Cast) -> None:
    wave = ward_wave(cast.ngoc_ha)
    bob = cast.client(cast.bob)
    for name in ["overview", "preview", "embed_codes"]:
        assert bob.get(reverse(f"publication:{name}", args=[cast.ngoc_ha.pk])).status_code == 200
    assert bob.get(reverse("publication:comments", args=[cast.ngoc_ha.pk])).status_code == 403
    assert _publish(bob, cast, scope_key(wave)).status_code == 403
    assert _publish(cast.client(cast.cindy), cast, scope_key(wave)).status_code == 403
    with pytest.raises(PermissionDenied):
        services.snapshot_publish(actor=cast.bob, unit=cast.ngoc_ha, scope_key=scope_key(wave))
    assert not Snapshot.objects.exists()


@override_settings(HAILONG_SMALL_CELL_THRESHOLD=3)
def test_the_leader_and_the_city_administrator_publish(cast: Cast) -> None:
    wave = ward_wave(cast.ngoc_ha)
    response = _publish(cast.client(cast.alice), cast, scope_key(wave))
    assert response.status_code == 302
    snapshot = Snapshot.objects.get()
    assert (snapshot.published_by, snapshot.publisher_name) == (cast.alice, "Alice")
    correction = cast.client(cast.carol).post(
        reverse("publication:publish", args=[cast.ngoc_ha.pk]),
        {"pham_vi": scope_key(wave), "ly_do": "Sửa nhầm lẫn."},
    )
    assert correction.status_code == 302
    assert Snapshot.objects.filter(corrects=snapshot).exists()


def test_the_outsider_gets_404_on_every_staff_page(cast: Cast) -> None:
    ward_wave(cast.ngoc_ha)
    charlie = cast.client(cast.charlie)
    for name in STAFF:
        assert (
            charlie.get(reverse(f"publication:{name}", args=[cast.ngoc_ha.pk])).status_code == 404
        )
    assert _publish(charlie, cast, "dot-1").status_code == 404


def test_an_unknown_scope_is_refused_with_a_message_not_a_500(cast: Cast) -> None:
    ward_wave(cast.ngoc_ha)
    response = _publish(cast.client(cast.alice), cast, "dot-999999")
    assert response.status_code == 302
    assert not Snapshot.objects.exists()
    preview = cast.client(cast.alice).get(
        reverse("publication:preview", args=[cast.ngoc_ha.pk]) + "?pham_vi=x%00y"
    )
    assert preview.status_code == 404
