"""The home page shows the latest published snapshot's summary card, and nothing before one."""

from __future__ import annotations

from hailong.publication.services import snapshot_publish
from tests.conftest import Cast
from tests.publication_data import scope_key, ward_wave


def test_no_card_before_publication_and_the_card_after(cast: Cast) -> None:
    wave = ward_wave(cast.ngoc_ha, (5,) * 12)
    client = cast.client(None)
    before = client.get(f"/trang/{cast.ngoc_ha.pk}/").content.decode()
    assert "r-summary" not in before
    snapshot_publish(actor=cast.alice, unit=cast.ngoc_ha, scope_key=scope_key(wave))
    after = client.get(f"/trang/{cast.ngoc_ha.pk}/").content.decode()
    assert "r-summary" in after
    assert f"/trang/{cast.ngoc_ha.pk}/ket-qua/" in after
    assert "publication/results.css" in after
