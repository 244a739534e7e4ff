"""Reads of API tokens."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from hailong.api.models import ApiToken

if TYPE_CHECKING:
    from hailong.units.models import AdministrativeUnit


def tokens_of_unit(unit: AdministrativeUnit) -> QuerySet[ApiToken]:
    """The unit's own tokens, newest first, with who created and revoked them."""
    return (
        ApiToken.objects.filter(unit=unit)
        .select_related("created_by", "revoked_by")
        .order_by("-created_at", "-pk")
    )
