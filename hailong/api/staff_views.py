"""Staff pages of API tokens: a unit's tokens, create one (its secret shown once), revoke one."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hailong.accounts.roles import Perm
from hailong.accounts.scope import get_for_user, get_unit_for_user
from hailong.api import selectors, services
from hailong.api.forms import TokenForm
from hailong.api.models import ApiToken
from hailong.core.errors import ServiceError
from hailong.core.forms import add_service_error
from hailong.core.http import AuthedHttpRequest


@login_required
def token_list(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    unit = get_unit_for_user(request.user, Perm.MANAGE_STAFF, pk)
    context = {"unit": unit, "tokens": selectors.tokens_of_unit(unit), "now": timezone.now()}
    return render(request, "api/tokens.html", context)


@login_required
def token_create(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    """On success the page shows the full token once (never stored, never cached)."""
    unit = get_unit_for_user(request.user, Perm.MANAGE_STAFF, pk)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            token, secret = services.token_create(
                actor=request.user, unit=unit, **form.service_arguments()
            )
        except ServiceError as error:
            add_service_error(form, error)
        else:
            context = {"unit": unit, "token": token, "secret": secret}
            response = render(request, "api/token_created.html", context, status=201)
            response["Cache-Control"] = "no-store"
            return response
    status = 400 if request.method == "POST" else 200
    context = {"unit": unit, "form": form, "title": _("Mã truy cập API mới")}
    return render(request, "units/form.html", context, status=status)


@require_POST
@login_required
def token_revoke(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    token = get_for_user(
        ApiToken.objects.select_related("unit"), request.user, Perm.MANAGE_STAFF, pk=pk
    )
    services.token_revoke(actor=request.user, token=token)
    messages.success(request, _("Đã thu hồi mã truy cập «%(name)s».") % {"name": token.name})
    return redirect("api_tokens:token_list", pk=token.unit_id)
