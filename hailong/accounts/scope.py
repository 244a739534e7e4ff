"""The permission check: which units a user may act on, and fetches that enforce it.

Every staff view and API call goes through these helpers. A role held on a unit applies to that
unit and every unit below it (the materialised ``path`` prefix). Outside a user's scope an object
does not exist (404); inside the scope but without the permission, the answer is 403.

Besides users, a ``Grant`` can act: fixed permissions on one unit's subtree, held by something
that is not a user account (an API token, ``hailong.api``). Every helper treats it exactly like a
user holding those permissions on that unit, so the API and the staff pages share one rule set.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import reduce
from operator import or_
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db.models import Model, Q, QuerySet
from django.http import Http404

from hailong.accounts.roles import Perm, roles_with
from hailong.units.models import AdministrativeUnit


@dataclass(frozen=True)
class Grant:
    """``perms`` held on the unit at ``path`` and every unit below it, by a non-user principal."""

    path: str
    perms: frozenset[Perm]


if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from hailong.accounts.models import User

    Actor = User | AnonymousUser | Grant

_NOTHING = Q(pk__in=[])


def _scope_paths(user: Actor, perm: Perm) -> list[str] | None:
    """Paths of the units on which ``user`` holds ``perm``; ``None`` means everywhere."""
    if isinstance(user, Grant):
        return [user.path] if user.path and perm in user.perms else []
    if not user.is_authenticated or not user.is_active:
        return []
    if user.is_superuser:
        return None
    cache: dict[Perm, list[str]] = user.__dict__.setdefault("_hailong_scope_cache", {})
    if perm not in cache:
        cache[perm] = list(
            user.role_assignments.filter(role__in=roles_with(perm)).values_list(
                "unit__path", flat=True
            )
        )
    return cache[perm]


def unit_filter(user: Actor, perm: Perm, *, prefix: str = "") -> Q:
    """A ``Q`` matching rows whose unit (reached through ``prefix``) is inside the scope."""
    paths = _scope_paths(user, perm)
    if paths is None:
        return Q()
    if not paths:
        return _NOTHING
    lookup = f"{prefix}path__startswith"
    return reduce(or_, (Q(**{lookup: path}) for path in paths))


def units_for_user(user: Actor, perm: Perm) -> QuerySet[AdministrativeUnit]:
    """All units on which ``user`` holds ``perm`` (inherited down the tree)."""
    return AdministrativeUnit.objects.filter(unit_filter(user, perm))


def scoped[M: Model](
    queryset: QuerySet[M], user: Actor, perm: Perm, *, unit_field: str = "unit"
) -> QuerySet[M]:
    """Restrict any queryset of objects that belong to a unit to the user's scope."""
    return queryset.filter(unit_filter(user, perm, prefix=f"{unit_field}__"))


def user_can(user: Actor, perm: Perm, unit: AdministrativeUnit) -> bool:
    """Whether ``user`` holds ``perm`` on ``unit``."""
    paths = _scope_paths(user, perm)
    if paths is None:
        return True
    return any(unit.path.startswith(path) for path in paths)


def get_for_user[M: Model](
    queryset: QuerySet[M],
    user: Actor,
    perm: Perm,
    *,
    unit_field: str = "unit",
    **lookup: Any,
) -> M:
    """Fetch one object for ``user`` to act on with ``perm``.

    1. Outside everything the user may see (``units.view``): 404, as if it did not exist.
    2. Visible but ``perm`` not held on its unit: 403.
    """
    visible = queryset.filter(unit_filter(user, Perm.VIEW_UNITS, prefix=_prefix(unit_field)))
    try:
        obj = visible.get(**lookup)
    except (ObjectDoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc
    if perm is not Perm.VIEW_UNITS:
        allowed = queryset.filter(unit_filter(user, perm, prefix=_prefix(unit_field)))
        if not allowed.filter(pk=obj.pk).exists():
            raise PermissionDenied
    return obj


def get_unit_for_user(user: Actor, perm: Perm, pk: object) -> AdministrativeUnit:
    """Fetch a unit by primary key for ``user`` to act on with ``perm`` (404 / 403)."""
    return get_for_user(AdministrativeUnit.objects.all(), user, perm, unit_field="", pk=pk)


def _prefix(unit_field: str) -> str:
    return f"{unit_field}__" if unit_field else ""


def scope_roots(user: Actor, perm: Perm = Perm.VIEW_UNITS) -> list[AdministrativeUnit]:
    """The topmost units of the user's scope (no root lies below another)."""
    paths = _scope_paths(user, perm)
    if paths is None:
        return list(AdministrativeUnit.objects.filter(parent__isnull=True))
    top = sorted(set(paths), key=len)
    roots: list[str] = []
    for path in top:
        if not any(path.startswith(r) for r in roots):
            roots.append(path)
    return list(AdministrativeUnit.objects.filter(path__in=roots))
