"""Roles and the permissions each grants. The one table every permission check reads.

To add a permission: add it to ``Perm``, give it to the roles that need it in ``ROLE_PERMS``,
and check it through ``hailong.accounts.scope`` (never ``if user.role == ...`` in a view).
"""

from __future__ import annotations

from enum import StrEnum

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "admin", _("Quản trị hệ thống")
    REVIEWER = "reviewer", _("Chuyên viên theo dõi, tổng hợp (tỉnh/thành phố)")
    LEADER = "leader", _("Lãnh đạo UBND (phê duyệt công bố)")
    ONE_STOP = "one_stop", _("Công chức một cửa")
    COMMUNICATION = "communication", _("Công chức văn hóa – thông tin")
    VOLUNTEER = "volunteer", _("Tình nguyện viên / tổ trưởng tổ dân phố")
    VIEWER = "viewer", _("Chỉ xem")


class Perm(StrEnum):
    VIEW_UNITS = "units.view"
    MANAGE_UNITS = "units.manage"
    MANAGE_STAFF = "accounts.manage"
    VIEW_RESULTS = "results.view"
    PUBLISH_RESULTS = "results.publish"
    MANAGE_SURVEYS = "surveys.manage"
    ENTER_RESPONSES = "responses.enter"
    MANAGE_DOSSIERS = "dossiers.manage"
    MANAGE_CAMPAIGNS = "campaigns.manage"
    APPROVE_CAMPAIGNS = "campaigns.approve"
    MANAGE_ARTICLES = "articles.manage"
    VIEW_CONTACTS = "responses.contacts"
    MARK_OCCURRENCES = "campaigns.mark"


_READ = frozenset({Perm.VIEW_UNITS, Perm.VIEW_RESULTS})

ROLE_PERMS: dict[str, frozenset[Perm]] = {
    Role.ADMIN: frozenset(Perm),
    Role.REVIEWER: _READ,
    Role.LEADER: _READ
    | {
        Perm.PUBLISH_RESULTS,
        Perm.MANAGE_SURVEYS,
        Perm.APPROVE_CAMPAIGNS,
        Perm.MANAGE_CAMPAIGNS,
        Perm.MARK_OCCURRENCES,
        Perm.MANAGE_ARTICLES,
        Perm.MANAGE_DOSSIERS,
        Perm.VIEW_CONTACTS,
    },
    Role.ONE_STOP: _READ | {Perm.ENTER_RESPONSES, Perm.MANAGE_DOSSIERS},
    Role.COMMUNICATION: _READ
    | {Perm.MANAGE_CAMPAIGNS, Perm.MANAGE_ARTICLES, Perm.MARK_OCCURRENCES},
    # Held on a residential group: marks the campaign items assigned to that group only.
    Role.VOLUNTEER: frozenset({Perm.VIEW_UNITS, Perm.MARK_OCCURRENCES}),
    Role.VIEWER: _READ,
}


def roles_with(perm: Perm) -> list[str]:
    """The roles that grant ``perm``."""
    return [role for role, perms in ROLE_PERMS.items() if perm in perms]
