"""Staff dossier pages: the one-stop officer and the leader import, the viewer only reads,
the outsider sees nothing; the list page's query count does not grow with its rows."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from hailong.dossiers.models import Dossier, DossierContact, Procedure
from hailong.dossiers.ratings import rating_submit
from tests.conftest import Cast
from tests.test_dossiers_factories import catalogue, make_dossier, media  # noqa: F401

pytestmark = pytest.mark.usefixtures("media")


@pytest.fixture
def dossiers(cast: Cast, catalogue: dict[str, Procedure]) -> list[Dossier]:  # noqa: F811
    made = []
    for n in range(1, 31):
        late = n % 10 == 0
        made.append(
            make_dossier(
                cast.ngoc_ha,
                f"H26-{n:04d}",
                catalogue["2.000815" if n % 2 else "1.001193"],
                received=dt.date(2026, 3, n % 28 + 1),
                due=dt.date(2026, 3, n % 28 + 1),
                returned=dt.date(2026, 3, n % 28 + 1) + dt.timedelta(days=2 * late),
                officer=cast.officer,
            )
        )
    for dossier in made[:5]:
        rating_submit(dossier=dossier, level="khong_hai_long", reason="Phải đi lại nhiều lần")
    DossierContact.objects.create(
        dossier=made[0],
        name="Nguyễn Thị Bí Mật",
        phone="0912000111",
        purge_after=dt.date(2027, 1, 1),
    )
    return made


def _list(cast: Cast) -> str:
    return reverse("dossiers:list", args=[cast.ngoc_ha.pk])


@pytest.mark.parametrize("who", ["oscar", "alice", "bob", "carol"])
def test_staff_of_the_ward_and_above_see_the_list_and_the_detail(
    cast: Cast, dossiers: list[Dossier], who: str
) -> None:
    client = cast.client(getattr(cast, who))
    page = client.get(_list(cast))
    assert page.status_code == 200
    assert "H26-0030" in page.content.decode()
    detail = client.get(reverse("dossiers:detail", args=[cast.ngoc_ha.pk, dossiers[0].pk]))
    body = detail.content.decode()
    assert detail.status_code == 200
    assert "Không hài lòng" in body
    assert "Phải đi lại nhiều lần" in body
    assert "<svg" in body  # the QR code of the rating link
    assert "Bí Mật" not in body
    assert "0912000111" not in body


def test_the_outsider_gets_404_everywhere(cast: Cast, dossiers: list[Dossier]) -> None:
    client = cast.client(cast.charlie)
    assert client.get(_list(cast)).status_code == 404
    detail = reverse("dossiers:detail", args=[cast.ngoc_ha.pk, dossiers[0].pk])
    assert client.get(detail).status_code == 404
    kinh_bac_url = reverse("dossiers:detail", args=[cast.kinh_bac.pk, dossiers[0].pk])
    assert client.get(kinh_bac_url).status_code == 404


@pytest.mark.parametrize(("who", "status"), [("oscar", 200), ("alice", 200), ("bob", 403)])
def test_only_the_one_stop_officer_and_the_leader_may_import(
    cast: Cast, who: str, status: int
) -> None:
    client = cast.client(getattr(cast, who))
    assert (
        client.get(reverse("dossiers:import_upload", args=[cast.ngoc_ha.pk])).status_code == status
    )
    shows_button = "Nhập hồ sơ từ tệp" in client.get(_list(cast)).content.decode()
    assert shows_button is (status == 200)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, 30),
        ({"timeliness": "tre_han"}, 3),
        ({"timeliness": "dung_han"}, 27),
        ({"rated": "co"}, 5),
        ({"rated": "chua"}, 25),
        ({"field": "CT"}, 15),
        ({"returned_from": "10/03/2026", "returned_to": "12/03/2026"}, 2),
        ({"code": "h26-001"}, 10),
    ],
)
def test_the_list_filters(
    cast: Cast, dossiers: list[Dossier], query: dict[str, str], expected: int
) -> None:
    if "field" in query:
        query = {"field": str(Procedure.objects.get(code="2.000815").field_id)}
    page = cast.client(cast.bob).get(_list(cast), query)
    assert page.context["page"].paginator.count == expected


def test_the_list_page_query_count_is_pinned(
    cast: Cast, dossiers: list[Dossier], django_assert_num_queries: object
) -> None:
    client = cast.client(cast.bob)
    client.get(_list(cast))  # warm the session
    # session, user, view scope, unit, count, page rows, field choices, import scope, and the
    # menu's staff-management scope: the same for 1 row or 50.
    with django_assert_num_queries(9):  # type: ignore[operator]
        client.get(_list(cast), {"rated": "co", "timeliness": "dung_han"})


def test_the_receipt_slip_is_printable_with_the_qr_and_the_link(
    cast: Cast, dossiers: list[Dossier]
) -> None:
    page = cast.client(cast.oscar).get(
        reverse("dossiers:receipt", args=[cast.ngoc_ha.pk, dossiers[0].pk])
    )
    body = page.content.decode()
    assert page.status_code == 200
    assert "<svg" in body
    assert f"/danh-gia/{cast.ngoc_ha.dossier_rating_point.token}/H26-0001/" in body
    assert "staff.css" not in body


def test_the_procedure_catalogue_is_readable_by_all_staff(
    cast: Cast,
    catalogue: dict[str, Procedure],  # noqa: F811
) -> None:
    client = cast.client(cast.charlie)
    page = client.get(reverse("dossiers:procedures"), {"q": "khai sinh"})
    body = page.content.decode()
    assert page.status_code == 200
    assert "1.001193" in body
    assert "Đăng ký khai sinh" in body
    assert "2.000815" not in body
    assert "import-procedures" not in body
    assert (
        "import-procedures"
        in cast.client(cast.root).get(reverse("dossiers:procedures")).content.decode()
    )


def test_the_unit_page_links_to_the_dossiers_of_a_commune(cast: Cast) -> None:
    client = cast.client(cast.bob)
    page = client.get(reverse("units:detail", args=[cast.ngoc_ha.pk])).content.decode()
    assert _list(cast) in page
    hanoi = cast.client(cast.carol).get(reverse("units:detail", args=[cast.hanoi.pk]))
    assert "/ho-so/" not in hanoi.content.decode()
