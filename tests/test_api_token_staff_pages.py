"""Staff pages of API tokens: carol (admin of Hà Nội) creates and revokes; bob and charlie can't."""

from __future__ import annotations

import re

from django.urls import reverse

from hailong.api.models import ApiToken
from hailong.api.services import token_create
from tests.conftest import Cast


def _create_url(cast: Cast) -> str:
    return reverse("api_tokens:token_create", args=[cast.ngoc_ha.pk])


def test_an_admin_creates_a_token_and_sees_its_secret_once(cast: Cast) -> None:
    client = cast.client(cast.carol)
    assert client.get(_create_url(cast)).status_code == 200
    response = client.post(
        _create_url(cast),
        {"name": "Một cửa điện tử", "permissions": ["dossiers.manage"], "expires_on": ""},
    )
    assert response.status_code == 201
    assert response["Cache-Control"] == "no-store"
    token = ApiToken.objects.get()
    body = response.content.decode()
    found = re.search(r'value="(hl_[^"]+)"', body)
    assert found is not None
    secret = found[1]
    assert secret.startswith(f"hl_{token.pk}_")
    listing = client.get(reverse("api_tokens:token_list", args=[cast.ngoc_ha.pk]))
    assert listing.status_code == 200
    page = listing.content.decode()
    assert "Một cửa điện tử" in page
    assert secret not in page


def test_an_expiry_date_ends_with_that_local_day(cast: Cast) -> None:
    response = cast.client(cast.carol).post(
        _create_url(cast),
        {"name": "Ki-ốt", "permissions": ["responses.enter"], "expires_on": "31/12/2099"},
    )
    assert response.status_code == 201
    expires = ApiToken.objects.get().expires_at
    assert expires is not None
    assert expires.isoformat() == "2099-12-31T17:00:00+00:00"


def test_a_read_only_token_needs_no_permission_ticked(cast: Cast) -> None:
    response = cast.client(cast.carol).post(_create_url(cast), {"name": "Đọc phiếu"})
    assert response.status_code == 201
    assert ApiToken.objects.get().permissions == ["units.view"]


def test_a_form_without_a_name_is_shown_again(cast: Cast) -> None:
    response = cast.client(cast.carol).post(_create_url(cast), {"name": "", "permissions": []})
    assert response.status_code == 400
    assert not ApiToken.objects.exists()


def test_an_admin_revokes_a_token(cast: Cast) -> None:
    token, _secret = token_create(actor=cast.carol, unit=cast.ngoc_ha, name="x", permissions=[])
    client = cast.client(cast.carol)
    response = client.post(reverse("api_tokens:token_revoke", args=[token.pk]))
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert token.revoked_by == cast.carol


def test_the_viewer_and_the_leader_are_refused_and_the_outsider_sees_nothing(cast: Cast) -> None:
    token, _secret = token_create(actor=cast.carol, unit=cast.ngoc_ha, name="x", permissions=[])
    urls = [
        reverse("api_tokens:token_list", args=[cast.ngoc_ha.pk]),
        _create_url(cast),
    ]
    revoke = reverse("api_tokens:token_revoke", args=[token.pk])
    for user, status in [(cast.bob, 403), (cast.alice, 403), (cast.charlie, 404)]:
        client = cast.client(user)
        assert [client.get(url).status_code for url in urls] == [status, status]
        assert client.post(revoke).status_code == status
    assert ApiToken.objects.get().revoked_at is None


def test_the_unit_page_links_to_the_tokens_for_an_admin_only(cast: Cast) -> None:
    url = reverse("units:detail", args=[cast.ngoc_ha.pk])
    tokens = reverse("api_tokens:token_list", args=[cast.ngoc_ha.pk])
    assert tokens in cast.client(cast.carol).get(url).content.decode()
    assert tokens not in cast.client(cast.alice).get(url).content.decode()
