"""token_create / token_revoke: the secret is shown once, only its hash is kept, no escalation."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from hailong.api.models import ApiToken
from hailong.api.services import secret_hash, token_create, token_revoke
from hailong.core.errors import PermissionDenied, ServiceError
from tests.conftest import Cast


def test_the_secret_is_returned_once_and_only_its_hash_is_stored(cast: Cast) -> None:
    token, secret = token_create(
        actor=cast.carol, unit=cast.ngoc_ha, name=" Một  cửa ", permissions=["dossiers.manage"]
    )
    match = re.fullmatch(r"hl_(\d+)_([A-Za-z0-9_-]+)", secret)
    assert match is not None
    assert int(match[1]) == token.pk
    assert len(match[2]) >= 40
    stored = ApiToken.objects.get()
    assert stored.secret_hash == secret_hash(match[2])
    assert match[2] not in str(ApiToken.objects.values().get())
    assert stored.name == "Một cửa"
    assert stored.permissions == ["units.view", "dossiers.manage"]
    assert stored.created_by == cast.carol


def test_two_tokens_never_share_a_secret(cast: Cast) -> None:
    secrets = {
        token_create(actor=cast.carol, unit=cast.ngoc_ha, name="x", permissions=[])[1]
        for _ in range(5)
    }
    assert len(secrets) == 5


def test_only_someone_who_manages_staff_on_the_unit_creates_one(cast: Cast) -> None:
    for actor in (cast.alice, cast.bob, cast.charlie):
        with pytest.raises(PermissionDenied):
            token_create(actor=actor, unit=cast.ngoc_ha, name="x", permissions=[])


def test_a_token_gets_only_api_permissions_the_creator_holds(cast: Cast) -> None:
    with pytest.raises(ServiceError) as refused:
        token_create(actor=cast.carol, unit=cast.ngoc_ha, name="x", permissions=["accounts.manage"])
    assert refused.value.field == "permissions"
    assert not ApiToken.objects.exists()


def test_the_name_is_required_and_an_expiry_must_lie_ahead(cast: Cast) -> None:
    with pytest.raises(ServiceError) as blank:
        token_create(actor=cast.carol, unit=cast.ngoc_ha, name="  ", permissions=[])
    assert blank.value.field == "name"
    past = timezone.now() - dt.timedelta(minutes=1)
    with pytest.raises(ServiceError) as expired:
        token_create(actor=cast.carol, unit=cast.ngoc_ha, name="x", permissions=[], expires_at=past)
    assert expired.value.field == "expires_at"


def test_revoking_twice_keeps_the_first_revocation(cast: Cast) -> None:
    token, _secret = token_create(actor=cast.carol, unit=cast.ngoc_ha, name="x", permissions=[])
    first = token_revoke(actor=cast.carol, token=token).revoked_at
    assert first is not None
    assert token_revoke(actor=cast.root, token=token).revoked_at == first
    assert ApiToken.objects.get().revoked_by == cast.carol
    with pytest.raises(PermissionDenied):
        token_revoke(actor=cast.alice, token=token)
