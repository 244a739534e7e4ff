"""Staff pages of the dossier import: upload, map and preview, follow the job."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from hailong.accounts.roles import Perm
from hailong.accounts.scope import get_for_user
from hailong.core.errors import ServiceError
from hailong.core.forms import add_service_error
from hailong.core.http import AuthedHttpRequest
from hailong.dossiers import imports, selectors
from hailong.dossiers.forms import MappingForm, UploadForm
from hailong.dossiers.models import DossierImport
from hailong.dossiers.views.staff import commune_for_user


@login_required
def import_upload(request: AuthedHttpRequest, unit_pk: int) -> HttpResponse:
    unit = commune_for_user(request, Perm.MANAGE_DOSSIERS, unit_pk)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            upload = imports.dossier_upload_store(unit=unit, file=form.cleaned_data["file"])
        except ServiceError as error:
            add_service_error(form, error)
        else:
            token = imports.upload_sign(upload, unit=unit, user=request.user)
            url = reverse("dossiers:import_map", args=[unit.pk])
            return redirect(f"{url}?{urlencode({'t': token})}")
    context = {"unit": unit, "form": form, "imports": selectors.import_list(unit=unit)}
    status = 400 if request.method == "POST" else 200
    return render(request, "dossiers/import_upload.html", context, status=status)


@login_required
def import_map(request: AuthedHttpRequest, unit_pk: int) -> HttpResponse:
    """Choose the column of each field; "Xem trước" shows the first rows, "Bắt đầu" runs."""
    unit = commune_for_user(request, Perm.MANAGE_DOSSIERS, unit_pk)
    token = request.POST.get("t") or request.GET.get("t") or ""
    try:
        upload = imports.upload_unsign(token, unit=unit, user=request.user)
    except ServiceError as error:
        messages.error(request, error.message)
        return redirect("dossiers:import_upload", unit.pk)
    initial = imports.guess_mapping(upload.header)
    data = request.POST if request.method == "POST" else {k: str(v) for k, v in initial.items()}
    form = MappingForm(data, header=upload.header)
    context: dict[str, Any] = {"unit": unit, "form": form, "upload": upload, "token": token}
    if form.is_valid():
        mapping = form.mapping()
        if request.method == "POST" and "start" in request.POST:
            return _start(request, unit, upload, mapping, form, context)
        context.update(_preview(unit, upload, mapping, form))
    return render(request, "dossiers/import_map.html", context)


def _preview(
    unit: Any, upload: imports.Upload, mapping: dict[str, int], form: MappingForm
) -> dict[str, Any]:
    try:
        rows = imports.dossier_import_preview(unit=unit, upload=upload, mapping=mapping)
    except ServiceError as error:
        add_service_error(form, error)
        return {}
    labels = [imports.TARGET_BY_KEY[key].label for key in mapping]
    return {"preview": rows, "preview_labels": labels}


def _start(
    request: AuthedHttpRequest,
    unit: Any,
    upload: imports.Upload,
    mapping: dict[str, int],
    form: MappingForm,
    context: dict[str, Any],
) -> HttpResponse:
    try:
        job = imports.dossier_import_start(
            unit=unit, user=request.user, upload=upload, mapping=mapping
        )
    except ServiceError as error:
        add_service_error(form, error)
        return render(request, "dossiers/import_map.html", context, status=400)
    messages.success(request, _("Đã bắt đầu nhập tệp %(name)s.") % {"name": job.original_name})
    return redirect("dossiers:import_status", unit.pk, job.pk)


@login_required
def import_status(request: AuthedHttpRequest, unit_pk: int, pk: int) -> HttpResponse:
    job = get_for_user(
        DossierImport.objects.select_related("unit", "created_by"),
        request.user,
        Perm.MANAGE_DOSSIERS,
        unit_id=unit_pk,
        pk=pk,
    )
    return render(request, "dossiers/import_status.html", {"unit": job.unit, "job": job})
