"""Request types for views behind ``login_required`` (``request.user`` is a ``User``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest

if TYPE_CHECKING:
    from hailong.accounts.models import User


class AuthedHttpRequest(HttpRequest):
    user: User
