"""The staff home page and small site-wide endpoints."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from hailong.accounts.roles import Role
from hailong.accounts.scope import scope_roots
from hailong.core.http import AuthedHttpRequest


def index(request: HttpRequest) -> HttpResponse:
    return redirect("web:home" if request.user.is_authenticated else "accounts:login")


@login_required
def home(request: AuthedHttpRequest) -> HttpResponse:
    roles = request.user.role_assignments.select_related("unit").order_by("unit__path")
    return render(
        request,
        "web/home.html",
        {
            "roots": scope_roots(request.user),
            "assignments": roles,
            "Role": Role,
        },
    )


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok", "database": connection.vendor})
