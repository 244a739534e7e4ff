"""The one recipe staff form views share: bind, call a service, redirect or re-render."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from hailong.core.errors import ServiceError
from hailong.core.forms import add_service_error


def form_page(
    request: HttpRequest,
    form: forms.BaseForm,
    save: Callable[[dict[str, Any]], object],
    *,
    template: str,
    success_url: str | Callable[[object], str],
    success_message: str,
    context: dict[str, Any] | None = None,
) -> HttpResponse:
    """On a valid POST call ``save(cleaned_data)``; a ``ServiceError`` goes back on the form."""
    if request.method == "POST" and form.is_valid():
        try:
            result = save(form.cleaned_data)
        except ServiceError as error:
            add_service_error(form, error)
        else:
            messages.success(request, success_message)
            url = success_url(result) if callable(success_url) else success_url
            return redirect(url)
    status = 400 if request.method == "POST" else 200
    return render(request, template, {"form": form, **(context or {})}, status=status)
