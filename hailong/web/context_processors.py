from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from hailong.accounts.roles import Perm
from hailong.accounts.scope import units_for_user


def navigation(request: HttpRequest) -> dict[str, Any]:
    """What the staff menu may show to the current user (cheap: evaluated lazily)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"nav_can_manage_staff": lambda: units_for_user(user, Perm.MANAGE_STAFF).exists()}
