"""A path with a control character is a plain 404 for every page, never a database error."""

from __future__ import annotations

import pytest

from tests.conftest import Cast
from tests.test_responses_factories import open_wave


@pytest.mark.parametrize("junk", ["%00", "%01", "a%0Ab", "%7F"])
def test_a_control_character_in_the_path_is_not_found(cast: Cast, junk: str) -> None:
    wave = open_wave(cast.ngoc_ha)
    client = cast.client(None)
    for path in (
        f"/k/{wave.public_token}/d/{junk}/1/",
        f"/k/{wave.public_token}/{junk}/",
        f"/danh-gia/{junk}/",
        f"/trang/{cast.ngoc_ha.pk}/thu-vien-anh/anh/{junk}",
    ):
        assert client.get(path).status_code == 404, path
        assert client.post(path, {"action": "submit"}).status_code == 404, path


def test_ordinary_vietnamese_paths_still_work(cast: Cast) -> None:
    wave = open_wave(cast.ngoc_ha)
    assert cast.client(None).get(f"/k/{wave.public_token}/").status_code == 200
