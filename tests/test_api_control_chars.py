"""A control character in a path parameter is a 404, never a 500 (PostgreSQL refuses NUL)."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.conftest import Cast


@pytest.mark.parametrize("token", ["%00", "abc%00def", "%0A", "%1F"])
def test_a_control_character_in_a_wave_token_is_not_found(cast: Cast, token: str) -> None:
    response = Client().post(
        f"/api/v1/waves/{token}/responses",
        data="{}",
        content_type="application/json",
        HTTP_AUTHORIZATION="Bearer hl_1_x",
        HTTP_IDEMPOTENCY_KEY="k",
    )
    assert response.status_code in {401, 404}
    response = Client().get(f"/api/v1/waves/{token}", HTTP_AUTHORIZATION="Bearer hl_1_x")
    assert response.status_code in {401, 404}
