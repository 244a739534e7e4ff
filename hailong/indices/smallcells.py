"""Small-cell suppression: who counts as a ward's own staff, and what outsiders may see.

A figure computed from fewer than ``HAILONG_SMALL_CELL_THRESHOLD`` answers (default 10) can point
at a handful of people and is easily over-read, so it is not shown outside the ward's own staff:
on the city ranking for wards other than the viewer's own, and in exports marked public. The
ward's own staff (a role on the ward or on something inside it) see every figure.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.utils.translation import gettext as _

from hailong.accounts.roles import Perm
from hailong.accounts.scope import scope_roots
from hailong.units.models import UnitLevel

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from hailong.accounts.models import User
    from hailong.units.models import AdministrativeUnit


def threshold() -> int:
    """The smallest n whose figures outsiders may see (read per call: tests override it)."""
    return int(getattr(settings, "HAILONG_SMALL_CELL_THRESHOLD", 10))


def suppressed_note() -> str:
    """What a suppressed cell says instead of its figure."""
    return _("Dưới %(n)s phiếu: không công bố") % {"n": threshold()}


def is_small(n: float) -> bool:
    return n < threshold()


def own_paths(user: User | AnonymousUser) -> tuple[str, ...]:
    """Paths of the units whose results ``user`` reads as their own staff.

    1. Take the topmost units where the user may read results (``scope.scope_roots``).
    2. Keep those at commune level or below: a role on a province or a district (a city
       reviewer, an administrator) reads every ward, but as an outsider to each of them.
    """
    roots = scope_roots(user, Perm.VIEW_RESULTS)
    return tuple(r.path for r in roots if r.level >= UnitLevel.COMMUNE)


def is_own(unit: AdministrativeUnit, paths: tuple[str, ...]) -> bool:
    """Whether ``unit`` is one of the viewer's own (a role on it, or on something inside it)."""
    return any(path.startswith(unit.path) or unit.path.startswith(path) for path in paths)
