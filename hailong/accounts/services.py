"""Writes to staff accounts and roles."""

from __future__ import annotations

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from hailong.accounts.models import RoleAssignment, User
from hailong.accounts.roles import Perm, Role
from hailong.accounts.scope import user_can
from hailong.core.errors import PermissionDenied, ServiceError
from hailong.core.text import clean_line
from hailong.units.models import AdministrativeUnit


def role_assign(
    *, actor: User | None, user: User, unit: AdministrativeUnit, role: str
) -> RoleAssignment:
    """Give ``user`` ``role`` on ``unit``. The actor must manage staff on that unit."""
    if role not in Role.values:
        raise ServiceError(_("Vai trò không hợp lệ."), field="role")
    if actor is not None and not user_can(actor, Perm.MANAGE_STAFF, unit):
        raise PermissionDenied(_("Bạn không có quyền phân quyền trên đơn vị này."))
    try:
        with transaction.atomic():
            return RoleAssignment.objects.create(user=user, unit=unit, role=role, created_by=actor)
    except IntegrityError as exc:
        raise ServiceError(_("Tài khoản đã có vai trò này trên đơn vị này.")) from exc


def role_revoke(*, actor: User, assignment: RoleAssignment) -> None:
    """Remove a role. Nobody removes their own last administrator role."""
    if not user_can(actor, Perm.MANAGE_STAFF, assignment.unit):
        raise PermissionDenied(_("Bạn không có quyền phân quyền trên đơn vị này."))
    if (
        assignment.user_id == actor.pk
        and assignment.role == Role.ADMIN
        and not actor.role_assignments.filter(role=Role.ADMIN).exclude(pk=assignment.pk).exists()
        and not actor.is_superuser
    ):
        raise ServiceError(_("Không thể tự gỡ quyền quản trị cuối cùng của mình."))
    assignment.delete()


@transaction.atomic
def staff_account_create(
    *,
    actor: User | None,
    unit: AdministrativeUnit,
    username: str,
    full_name: str,
    password: str,
    role: str,
    email: str = "",
    phone: str = "",
) -> User:
    """Create a staff account holding ``role`` on ``unit``."""
    username = clean_line(username).lower()
    if not username:
        raise ServiceError(_("Tên đăng nhập không được để trống."), field="username")
    if User.objects.filter(username__iexact=username).exists():
        raise ServiceError(
            _("Tên đăng nhập «%(name)s» đã được dùng.") % {"name": username}, field="username"
        )
    user = User(
        username=username,
        full_name=clean_line(full_name),
        email=clean_line(email),
        phone=clean_line(phone),
    )
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise ServiceError(" ".join(_password_messages(exc)), field="password") from exc
    user.set_password(password)
    user.save()
    role_assign(actor=actor, user=user, unit=unit, role=role)
    return user


def _password_messages(error: ValidationError) -> list[str]:
    """The validators' messages; "too short" in our words (Django 6.1's vi catalogue lacks it)."""
    messages: list[str] = []
    for item in error.error_list:
        if item.code == "password_too_short" and item.params:
            messages.append(_("Mật khẩu quá ngắn: cần ít nhất %(min_length)d ký tự.") % item.params)
        else:
            messages.extend(item.messages)
    return messages
