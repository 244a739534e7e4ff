"""Login and the staff-account pages."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hailong.accounts import services
from hailong.accounts.forms import RoleForm, StaffAccountForm
from hailong.accounts.models import RoleAssignment, User
from hailong.accounts.roles import Perm
from hailong.accounts.scope import get_for_user, get_unit_for_user, scoped
from hailong.core.errors import ServiceError
from hailong.core.http import AuthedHttpRequest
from hailong.core.views import form_page


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


@login_required
def staff_list(request: AuthedHttpRequest) -> HttpResponse:
    assignments = scoped(
        RoleAssignment.objects.select_related("user", "unit"), request.user, Perm.MANAGE_STAFF
    ).order_by("user__username", "unit__path")
    return render(request, "accounts/staff_list.html", {"assignments": assignments})


@login_required
def staff_create(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    unit = get_unit_for_user(request.user, Perm.MANAGE_STAFF, pk)
    form = StaffAccountForm(request.POST or None)
    url = reverse("units:detail", args=[unit.pk])
    return form_page(
        request,
        form,
        lambda data: services.staff_account_create(actor=request.user, unit=unit, **data),
        template="units/form.html",
        success_url=url,
        success_message=_("Đã tạo tài khoản."),
        context={"title": _("Tài khoản mới cho %(unit)s") % {"unit": unit.name}, "unit": unit},
    )


@login_required
def role_add(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    unit = get_unit_for_user(request.user, Perm.MANAGE_STAFF, pk)
    form = RoleForm(request.POST or None)

    def save(data: dict[str, str]) -> RoleAssignment:
        user = User.objects.filter(username__iexact=data["username"].strip()).first()
        if user is None:
            raise ServiceError(_("Không có tài khoản này."), field="username")
        return services.role_assign(actor=request.user, user=user, unit=unit, role=data["role"])

    return form_page(
        request,
        form,
        save,
        template="units/form.html",
        success_url=reverse("units:detail", args=[unit.pk]),
        success_message=_("Đã phân quyền."),
        context={"title": _("Phân quyền trên %(unit)s") % {"unit": unit.name}, "unit": unit},
    )


@require_POST
@login_required
def role_revoke(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    assignment = get_for_user(
        RoleAssignment.objects.select_related("unit", "user"),
        request.user,
        Perm.MANAGE_STAFF,
        pk=pk,
    )
    try:
        services.role_revoke(actor=request.user, assignment=assignment)
    except ServiceError as error:
        messages.error(request, error.message)
    except PermissionDenied:
        raise
    else:
        messages.success(request, _("Đã gỡ quyền."))
    return redirect("units:detail", pk=assignment.unit_id)
