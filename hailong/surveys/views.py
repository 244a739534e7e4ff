"""Staff pages of methods: list, a version as a readable questionnaire, copy, edit, publish."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hailong.accounts.roles import Perm
from hailong.accounts.scope import units_for_user, user_can
from hailong.core.errors import ServiceError
from hailong.core.forms import add_service_error
from hailong.core.http import AuthedHttpRequest
from hailong.core.views import form_page
from hailong.surveys import selectors, services
from hailong.surveys.forms import CopyForm, DefinitionForm
from hailong.surveys.models import Method, MethodVersion
from hailong.surveys.presenters import questionnaire
from hailong.units.models import AdministrativeUnit, UnitLevel


def _copy_targets(request: AuthedHttpRequest) -> QuerySet[AdministrativeUnit]:
    return units_for_user(request.user, Perm.MANAGE_SURVEYS).exclude(level=UnitLevel.HAMLET)


def _method_url(method: object) -> str:
    assert isinstance(method, Method)
    return reverse("surveys:method_detail", args=[method.pk])


def _chosen_version(request: AuthedHttpRequest, method: Method) -> MethodVersion:
    """``?phien-ban=N`` or the latest version; 404 if there is none."""
    versions = method.versions.all()
    number = request.GET.get("phien-ban", "")
    version = (
        versions.filter(number=int(number)).first()
        if number.isdigit()
        else versions.order_by("-number").first()
    )
    if version is None:
        raise Http404
    return version


@login_required
def method_list(request: AuthedHttpRequest) -> HttpResponse:
    latest_first = MethodVersion.objects.order_by("-number")
    methods = selectors.methods_visible_to(request.user).prefetch_related(
        Prefetch("versions", queryset=latest_first)
    )
    return render(request, "surveys/methods/list.html", {"methods": methods})


@login_required
def method_detail(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    method = selectors.method_get_for_user(request.user, Perm.VIEW_UNITS, pk)
    version = _chosen_version(request, method)
    definition = version.parsed()
    context: dict[str, Any] = {
        "method": method,
        "version": version,
        "definition": definition,
        "versions": selectors.method_versions(method),
        "sections": questionnaire(definition, get_language() or "vi"),
        "can_edit": method.owner is not None
        and user_can(request.user, Perm.MANAGE_SURVEYS, method.owner),
        "can_copy": _copy_targets(request).exists(),
    }
    return render(request, "surveys/methods/detail.html", context)


@login_required
def method_preview(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    method = selectors.method_get_for_user(request.user, Perm.VIEW_UNITS, pk)
    version = _chosen_version(request, method)
    sections = questionnaire(version.parsed(), get_language() or "vi", widgets=True)
    return render(
        request,
        "surveys/methods/preview.html",
        {"method": method, "version": version, "sections": sections},
    )


@login_required
def method_copy(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    method = selectors.method_get_for_user(request.user, Perm.VIEW_UNITS, pk)
    targets = _copy_targets(request)
    if not targets.exists():
        raise PermissionDenied
    form = CopyForm(request.POST or None, units=targets)
    return form_page(
        request,
        form,
        lambda data: services.method_copy(actor=request.user, method=method, unit=data["unit"]),
        template="surveys/methods/copy.html",
        success_url=_method_url,
        success_message=_("Đã sao chép; hãy sửa bản nháp rồi ban hành."),
        context={"method": method, "title": _("Sao chép «%(m)s»") % {"m": method.name}},
    )


@login_required
def method_edit(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    method = selectors.method_get_for_user(request.user, Perm.MANAGE_SURVEYS, pk)
    base = selectors.method_draft(method) or selectors.method_latest(method)
    if base is None:
        raise Http404
    text = json.dumps(base.definition, ensure_ascii=False, indent=2)
    form = DefinitionForm(request.POST or None, initial={"definition": text})
    context: dict[str, Any] = {"method": method, "base": base, "preview": None}
    if request.method == "POST" and request.POST.get("action") == "preview":
        context["preview"] = _preview(form)
        return render(request, "surveys/methods/edit.html", {"form": form, **context})
    return form_page(
        request,
        form,
        lambda data: services.method_draft_save(
            actor=request.user, method=method, definition=data["definition"], note=data["note"]
        ),
        template="surveys/methods/edit.html",
        success_url=_method_url(method),
        success_message=_("Đã lưu bản nháp."),
        context=context,
    )


def _preview(form: DefinitionForm) -> list[Any] | None:
    """The posted definition rendered as a form, or its problems put on the form."""
    if not form.is_valid():
        return None
    try:
        definition = services.definition_parse(form.cleaned_data["definition"])
    except ServiceError as error:
        add_service_error(form, error)
        return None
    return questionnaire(definition, get_language() or "vi", widgets=True)


@login_required
@require_POST
def method_publish(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    method = selectors.method_get_for_user(request.user, Perm.MANAGE_SURVEYS, pk)
    draft = selectors.method_draft(method)
    if draft is None:
        messages.error(request, _("Phương pháp không có bản nháp để ban hành."))
        return redirect(_method_url(method))
    try:
        services.method_version_publish(actor=request.user, version=draft)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Đã ban hành phiên bản %(n)d.") % {"n": draft.number})
    return redirect(_method_url(method))
