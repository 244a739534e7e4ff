"""Reads of methods and waves that carry permission rules (through ``hailong.accounts.scope``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet

from hailong.accounts.roles import Perm
from hailong.accounts.scope import get_for_user, unit_filter
from hailong.surveys.models import Method, MethodVersion, SurveyWave, VersionStatus
from hailong.units.models import AdministrativeUnit

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from hailong.accounts.models import User


def methods_visible_to(user: User | AnonymousUser) -> QuerySet[Method]:
    """Built-in methods and those owned by units the user may see."""
    own = unit_filter(user, Perm.VIEW_UNITS, prefix="owner__")
    return (
        Method.objects.filter(Q(owner__isnull=True) | (Q(owner__isnull=False) & own))
        .select_related("owner")
        .order_by("owner__path", "code")
    )


def method_get_for_user(user: User | AnonymousUser, perm: Perm, pk: object) -> Method:
    """A method to act on with ``perm``: built-ins are visible to all and writable by none.

    1. A built-in method: returned for reading; any other permission is refused (403).
    2. A unit's method: the unit scope decides (404 outside it, 403 without ``perm``).
    """
    builtin = Method.objects.filter(owner__isnull=True, pk=_int(pk)).first()
    if builtin is not None:
        if perm is not Perm.VIEW_UNITS:
            raise PermissionDenied
        return builtin
    return get_for_user(
        Method.objects.select_related("owner"), user, perm, unit_field="owner", pk=pk
    )


def _int(value: object) -> int:
    try:
        return int(str(value))
    except ValueError:
        return 0


def method_versions(method: Method) -> QuerySet[MethodVersion]:
    return method.versions.select_related("published_by", "created_by").order_by("-number")


def method_draft(method: Method) -> MethodVersion | None:
    return method.versions.filter(status=VersionStatus.DRAFT).first()


def method_latest(method: Method, *, published_only: bool = False) -> MethodVersion | None:
    versions = method.versions.all()
    if published_only:
        versions = versions.filter(status=VersionStatus.PUBLISHED)
    return versions.order_by("-number").first()


def unit_lineage_pks(unit: AdministrativeUnit) -> list[int]:
    """The unit and its ancestors, from the materialised path ``/1/5/9/``."""
    return [int(part) for part in unit.path.strip("/").split("/") if part]


def versions_usable_by(unit: AdministrativeUnit) -> QuerySet[MethodVersion]:
    """Published versions a wave of ``unit`` may use: built-in, or owned by it or an ancestor."""
    return (
        MethodVersion.objects.filter(status=VersionStatus.PUBLISHED)
        .filter(Q(method__owner__isnull=True) | Q(method__owner__in=unit_lineage_pks(unit)))
        .select_related("method", "method__owner")
        .order_by("method__owner__path", "method__code", "-number")
    )


def waves_for_unit(unit: AdministrativeUnit) -> QuerySet[SurveyWave]:
    return unit.survey_waves.select_related("method_version__method").order_by("-opens_on", "name")


def wave_get_for_user(user: User | AnonymousUser, perm: Perm, pk: object) -> SurveyWave:
    return get_for_user(
        SurveyWave.objects.select_related("unit", "method_version__method"), user, perm, pk=pk
    )
