"""Free-text answers reach the public only as a staff member redacted and included them."""

from __future__ import annotations

import pytest
from django.test import override_settings
from django.urls import reverse

from hailong.publication import services
from hailong.publication.models import SelectedComment
from tests.conftest import Cast
from tests.publication_data import add_responses, scope_key
from tests.test_responses_factories import open_wave

pytestmark = pytest.mark.usefixtures("fresh_cache")
ORIGINAL = "Chị Lan ở số 12 ngõ 5 làm rất nhanh, gọi 0912345678"
REDACTED = "Cán bộ một cửa làm rất nhanh."


@override_settings(HAILONG_SMALL_CELL_THRESHOLD=1)
def test_only_the_redacted_and_included_wording_is_published(cast: Cast) -> None:
    wave = open_wave(cast.ngoc_ha)
    add_responses(wave, (5, 4), text=ORIGINAL)
    key = scope_key(wave)
    first = services.snapshot_publish(actor=cast.alice, unit=cast.ngoc_ha, scope_key=key)
    assert ORIGINAL not in str(first.figures)
    assert first.figures["comments"] == []

    alice = cast.client(cast.alice)
    listing = alice.get(reverse("publication:comments", args=[cast.ngoc_ha.pk]) + f"?pham_vi={key}")
    assert ORIGINAL in listing.content.decode()  # staff read the original to choose
    response = wave.responses.order_by("pk").first()
    assert response is not None
    picked = alice.post(
        reverse("publication:comments", args=[cast.ngoc_ha.pk]) + f"?pham_vi={key}",
        {"response": response.pk, "item": "LV"},
    )
    comment = SelectedComment.objects.get()
    assert picked["Location"] == reverse("publication:comment_edit", args=[comment.pk])
    second = services.snapshot_publish(
        actor=cast.alice, unit=cast.ngoc_ha, scope_key=key, note="Thêm ý kiến."
    )
    assert second.figures["comments"] == []  # picked but not yet redacted and included

    saved = alice.post(
        reverse("publication:comment_edit", args=[comment.pk]),
        {"text": REDACTED, "included": "on"},
    )
    assert saved.status_code == 302
    third = services.snapshot_publish(
        actor=cast.alice, unit=cast.ngoc_ha, scope_key=key, note="Thêm ý kiến đã biên tập."
    )
    assert third.figures["comments"] == [{"item": "LV", "text": REDACTED}]
    page = cast.client(None).get(reverse("publication:results", args=[cast.ngoc_ha.pk]))
    assert REDACTED in page.content.decode()
    assert "0912345678" not in page.content.decode()


def test_the_viewer_cannot_read_or_pick_free_text(cast: Cast) -> None:
    wave = open_wave(cast.ngoc_ha)
    add_responses(wave, (5,), text=ORIGINAL)
    url = reverse("publication:comments", args=[cast.ngoc_ha.pk]) + f"?pham_vi={scope_key(wave)}"
    bob = cast.client(cast.bob)
    assert bob.get(url).status_code == 403
    assert bob.post(url, {"response": wave.responses.get().pk, "item": "LV"}).status_code == 403
    assert not SelectedComment.objects.exists()
