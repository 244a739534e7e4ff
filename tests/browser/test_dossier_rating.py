"""A citizen rates their dossier on a phone (390x844), then tries again and is refused."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from hailong.dossiers.models import DossierRating, Procedure
from hailong.dossiers.ratings import rating_point_for
from tests.browser.helpers import assert_no_axe_violations
from tests.conftest import Cast
from tests.test_dossiers_factories import catalogue, fresh_cache, make_dossier  # noqa: F401

pytestmark = pytest.mark.usefixtures("fresh_cache")
Shot = Callable[[Page, str], Path]
CODE = "000.04.01.H26-260302-0007"


def test_a_dossier_is_rated_once_and_the_second_rating_is_refused(
    phone_page: Page,
    cast: Cast,
    catalogue: dict[str, Procedure],  # noqa: F811
    shot: Shot,
) -> None:
    page = phone_page
    make_dossier(cast.ngoc_ha, CODE, catalogue["1.001193"])
    start = f"/danh-gia/{rating_point_for(cast.ngoc_ha).token}/"

    page.goto(start)
    expect(page.get_by_text("Phường Ngọc Hà").first).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_label("Mã hồ sơ").fill(CODE.lower())
    page.get_by_role("button", name="Tiếp tục").click()
    expect(page.get_by_text("Đăng ký khai sinh").first).to_be_visible()
    shot(page, "dossier-rate")
    assert_no_axe_violations(page)
    page.get_by_text("Hài lòng", exact=True).click()
    page.get_by_role("button", name="Gửi đánh giá").click()
    expect(page.locator("h1")).to_contain_text("Cảm ơn")
    assert DossierRating.objects.get().level == "hai_long"

    # The same phone (or another) comes back with the same code: refused, nothing changes.
    page.goto(start)
    page.get_by_label("Mã hồ sơ").fill(CODE)
    page.get_by_role("button", name="Tiếp tục").click()
    expect(page.get_by_text("Hồ sơ này đã được đánh giá").first).to_be_visible()
    shot(page, "dossier-rated-twice")
    assert_no_axe_violations(page)
    assert page.get_by_role("button", name="Gửi đánh giá").count() == 0
    assert DossierRating.objects.count() == 1
