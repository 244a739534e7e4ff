"""The public rating pages: code → three big choices → thank you, in Vietnamese, without JS."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from hailong.dossiers.models import Dossier, DossierRating, Procedure, RatingChannel
from hailong.dossiers.ratings import rating_point_for
from hailong.dossiers.views.public import CODE_MISSES
from tests.conftest import Cast
from tests.test_dossiers_factories import catalogue, fresh_cache, make_dossier  # noqa: F401

pytestmark = pytest.mark.usefixtures("fresh_cache")


@pytest.fixture
def dossier(cast: Cast, catalogue: dict[str, Procedure]) -> Dossier:  # noqa: F811
    return make_dossier(cast.ngoc_ha, "000.04.01.H26-260302-0007", catalogue["1.001193"])


def _token(cast: Cast) -> str:
    return rating_point_for(cast.ngoc_ha).token


def test_a_citizen_types_the_code_rates_and_is_thanked(cast: Cast, dossier: Dossier) -> None:
    client = cast.client(None)
    start = reverse("dossier_rating:start", args=[_token(cast)])
    page = client.get(start)
    assert page.status_code == 200
    assert "Phường Ngọc Hà" in page.content.decode()
    response = client.post(start, {"code": " 000.04.01.h26-260302-0007"})
    assert response.status_code == 302
    rate = client.get(response["Location"])
    body = rate.content.decode()
    for words in ("Rất hài lòng", "Hài lòng", "Không hài lòng", "Đăng ký khai sinh"):
        assert words in body
    done = client.post(response["Location"], {"level": "hai_long", "channel": "web"})
    assert done["Location"] == reverse("dossier_rating:thanks", args=[_token(cast)])
    assert "Cảm ơn" in client.get(done["Location"]).content.decode()
    rating = DossierRating.objects.get()
    assert (rating.level, rating.channel) == ("hai_long", RatingChannel.WEB)


def test_the_receipt_qr_link_rates_directly_and_records_the_qr_channel(
    cast: Cast, dossier: Dossier
) -> None:
    url = reverse("dossier_rating:dossier", args=[_token(cast), dossier.code])
    response = cast.client(None).post(url, {"level": "rat_hai_long"})
    assert response.status_code == 302
    assert DossierRating.objects.get().channel == RatingChannel.QR


def test_not_satisfied_without_a_reason_asks_for_one_and_stores_nothing(
    cast: Cast, dossier: Dossier
) -> None:
    url = reverse("dossier_rating:dossier", args=[_token(cast), dossier.code])
    response = cast.client(None).post(url, {"level": "khong_hai_long", "reason": " "})
    assert response.status_code == 400
    assert "cho biết lý do" in response.content.decode()
    assert 'value="khong_hai_long" id="id_level_2" checked' in response.content.decode()
    assert not DossierRating.objects.exists()


def test_a_second_rating_is_refused_with_a_clear_message(cast: Cast, dossier: Dossier) -> None:
    url = reverse("dossier_rating:dossier", args=[_token(cast), dossier.code])
    client = cast.client(None)
    client.post(url, {"level": "hai_long"})
    again = client.post(url, {"level": "khong_hai_long", "reason": "Thử lại"})
    assert "Hồ sơ này đã được đánh giá" in again.content.decode()
    assert "Hồ sơ này đã được đánh giá" in client.get(url).content.decode()
    assert DossierRating.objects.get().level == "hai_long"


def test_an_unknown_code_and_an_unreturned_dossier_get_a_clear_message(
    cast: Cast,
    catalogue: dict[str, Procedure],  # noqa: F811
) -> None:
    make_dossier(cast.ngoc_ha, "OPEN-1", catalogue["1.001193"], returned=None)
    client = cast.client(None)
    unknown = client.get(reverse("dossier_rating:dossier", args=[_token(cast), "NOPE-1"]))
    assert unknown.status_code == 404
    assert "Không tìm thấy hồ sơ có mã «NOPE-1»" in unknown.content.decode()
    pending = client.post(reverse("dossier_rating:start", args=[_token(cast)]), {"code": "open-1"})
    assert "chưa được trả kết quả" in pending.content.decode()


def test_an_unknown_rating_point_is_a_vietnamese_404(cast: Cast) -> None:
    response = cast.client(None).get(reverse("dossier_rating:start", args=["khong-co-that"]))
    assert response.status_code == 404
    assert "Không tìm thấy trang đánh giá" in response.content.decode()


def test_guessing_codes_is_rate_limited_per_client_with_a_429_page(
    cast: Cast, dossier: Dossier
) -> None:
    client = cast.client(None)
    start = reverse("dossier_rating:start", args=[_token(cast)])
    for n in range(CODE_MISSES.limit):
        assert client.post(start, {"code": f"GUESS-{n}"}).status_code == 400
    blocked = client.post(start, {"code": dossier.code})
    assert blocked.status_code == 429
    assert int(blocked["Retry-After"]) > 0
    assert "quá nhiều lần" in blocked.content.decode()
    rate = reverse("dossier_rating:dossier", args=[_token(cast), dossier.code])
    assert client.get(rate).status_code == 429
    other = cast.client(None)
    other.defaults["REMOTE_ADDR"] = "10.0.0.2"
    assert other.post(start, {"code": dossier.code}).status_code == 302


def test_the_public_pages_load_nothing_from_third_parties_and_need_no_script(
    cast: Cast, dossier: Dossier
) -> None:
    client = cast.client(None)
    token = _token(cast)
    urls = [
        reverse("dossier_rating:start", args=[token]),
        reverse("dossier_rating:dossier", args=[token, dossier.code]),
        reverse("dossier_rating:dossier", args=[token, "NOPE"]),
        reverse("dossier_rating:thanks", args=[token]),
    ]
    for url in urls:
        body = client.get(url).content.decode()
        assert re.findall(r"(?:src|href|action)=\"(?:https?:)?//", body) == [], url
        assert "<script" not in body
        assert '<html lang="vi">' in body
        assert "staff.css" not in body


def test_the_rating_page_is_small(cast: Cast, dossier: Dossier) -> None:
    url = reverse("dossier_rating:dossier", args=[_token(cast), dossier.code])
    assert len(cast.client(None).get(url).content) < 8_000


def test_ratings_only_open_for_returned_dossiers_of_today_or_before(
    cast: Cast,
    catalogue: dict[str, Procedure],  # noqa: F811
) -> None:
    future = timezone.localdate() + dt.timedelta(days=5)
    make_dossier(
        cast.ngoc_ha, "FUTURE-1", catalogue["1.001193"], received=future, due=future, returned=None
    )
    url = reverse("dossier_rating:dossier", args=[_token(cast), "FUTURE-1"])
    response = cast.client(None).post(url, {"level": "hai_long"})
    assert "chưa được trả kết quả" in response.content.decode()
    assert not DossierRating.objects.exists()
