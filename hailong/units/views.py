"""Staff pages of the unit tree. Every fetch goes through ``hailong.accounts.scope``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from hailong.accounts.roles import Perm
from hailong.accounts.scope import (
    get_for_user,
    get_unit_for_user,
    scope_roots,
    units_for_user,
    user_can,
)
from hailong.core.http import AuthedHttpRequest
from hailong.core.views import form_page
from hailong.units import selectors, services
from hailong.units.forms import (
    DepartmentForm,
    MassOrganisationForm,
    OfficerForm,
    SuccessionForm,
    UnitForm,
    UnitImportForm,
)
from hailong.units.importing import unit_import_start
from hailong.units.importing.parsing import COLUMN_ALIASES, REQUIRED
from hailong.units.models import (
    AdministrativeUnit,
    Department,
    MassOrganisation,
    Officer,
    UnitImport,
)


def _parse_day(value: str | None) -> dt.date | None:
    if not value:
        return None
    for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(value, fmt).date()  # noqa: DTZ007
        except ValueError:
            continue
    return None


@login_required
def tree(request: AuthedHttpRequest) -> HttpResponse:
    as_of = _parse_day(request.GET.get("ngay"))
    show_all = request.GET.get("tat_ca") == "1"
    day = None if show_all else (as_of or timezone.localdate())
    roots = scope_roots(request.user)
    nodes = selectors.unit_tree(roots, as_of=day)
    return render(
        request,
        "units/tree.html",
        {
            "nodes": nodes,
            "as_of": day,
            "show_all": show_all,
            "can_add_root": request.user.is_superuser,
        },
    )


@login_required
def detail(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    unit = get_unit_for_user(request.user, Perm.VIEW_UNITS, pk)
    can = {
        "manage": user_can(request.user, Perm.MANAGE_UNITS, unit),
        "staff": user_can(request.user, Perm.MANAGE_STAFF, unit),
    }
    context: dict[str, Any] = {
        "unit": unit,
        "can": can,
        "ancestors": selectors.ancestors(unit),
        "children": selectors.sorted_units(list(unit.children.all())),
        "successors": unit.successor_links.select_related("successor"),
        "predecessors": unit.predecessor_links.select_related("predecessor"),
        "departments": unit.departments.all(),
        "officers": unit.officers.select_related("department"),
        "organisations": unit.mass_organisations.all(),
        "assignments": unit.role_assignments.select_related("user") if can["staff"] else [],
    }
    return render(request, "units/detail.html", context)


def _unit_url(unit: object) -> str:
    assert isinstance(unit, AdministrativeUnit)
    return reverse("units:detail", args=[unit.pk])


@login_required
def create_root(request: AuthedHttpRequest) -> HttpResponse:
    if not request.user.is_superuser:
        raise PermissionDenied
    form = UnitForm(request.POST or None, creating_root=True)
    return form_page(
        request,
        form,
        lambda data: services.unit_create(parent=None, **data),
        template="units/form.html",
        success_url=_unit_url,
        success_message=_("Đã thêm đơn vị."),
        context={"title": _("Thêm tỉnh / thành phố")},
    )


@login_required
def create_child(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    parent = get_unit_for_user(request.user, Perm.MANAGE_UNITS, pk)
    form = UnitForm(request.POST or None, parent=parent, initial={"valid_from": parent.valid_from})
    return form_page(
        request,
        form,
        lambda data: services.unit_create(parent=parent, **data),
        template="units/form.html",
        success_url=_unit_url,
        success_message=_("Đã thêm đơn vị."),
        context={
            "title": _("Thêm đơn vị trực thuộc %(unit)s") % {"unit": parent.name},
            "unit": parent,
        },
    )


@login_required
def edit(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    unit = get_unit_for_user(request.user, Perm.MANAGE_UNITS, pk)
    fields = list(UnitForm.base_fields)
    form = UnitForm(
        request.POST or None, parent=unit.parent, initial={f: getattr(unit, f) for f in fields}
    )
    return form_page(
        request,
        form,
        lambda data: services.unit_update(unit=unit, **data),
        template="units/form.html",
        success_url=_unit_url,
        success_message=_("Đã lưu thay đổi."),
        context={"title": _("Sửa %(unit)s") % {"unit": unit.name}, "unit": unit},
    )


@login_required
def succession_create(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    unit = get_unit_for_user(request.user, Perm.MANAGE_UNITS, pk)
    candidates = (
        units_for_user(request.user, Perm.MANAGE_UNITS).filter(level=unit.level).exclude(pk=unit.pk)
    )
    form = SuccessionForm(
        request.POST or None, candidates=candidates, initial={"effective_date": dt.date(2025, 7, 1)}
    )
    return form_page(
        request,
        form,
        lambda data: services.succession_create(predecessor=unit, **data),
        template="units/form.html",
        success_url=_unit_url(unit),
        success_message=_("Đã ghi liên kết kế thừa."),
        context={"title": _("Đơn vị kế thừa của %(unit)s") % {"unit": unit.name}, "unit": unit},
    )


@login_required
def department_create(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    unit = get_unit_for_user(request.user, Perm.MANAGE_UNITS, pk)
    return _department_page(request, unit, None)


@login_required
def department_edit(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    department = get_for_user(Department.objects.all(), request.user, Perm.MANAGE_UNITS, pk=pk)
    return _department_page(request, department.unit, department)


def _department_page(
    request: AuthedHttpRequest, unit: AdministrativeUnit, instance: Department | None
) -> HttpResponse:
    initial = (
        {
            "kind": instance.kind,
            "name": instance.name,
            "code": instance.code,
            "active": instance.active,
        }
        if instance
        else {"active": True}
    )
    form = DepartmentForm(request.POST or None, initial=initial)
    return form_page(
        request,
        form,
        lambda data: services.department_save(unit=unit, instance=instance, **data),
        template="units/form.html",
        success_url=_unit_url(unit),
        success_message=_("Đã lưu bộ phận."),
        context={"title": _("Bộ phận của %(unit)s") % {"unit": unit.name}, "unit": unit},
    )


@login_required
def officer_create(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    unit = get_unit_for_user(request.user, Perm.MANAGE_UNITS, pk)
    return _officer_page(request, unit, None)


@login_required
def officer_edit(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    officer = get_for_user(Officer.objects.all(), request.user, Perm.MANAGE_UNITS, pk=pk)
    return _officer_page(request, officer.unit, officer)


def _officer_page(
    request: AuthedHttpRequest, unit: AdministrativeUnit, instance: Officer | None
) -> HttpResponse:
    initial = (
        {
            "full_name": instance.full_name,
            "title": instance.title,
            "department": instance.department_id,
            "code": instance.code,
            "active": instance.active,
        }
        if instance
        else {"active": True}
    )
    form = OfficerForm(request.POST or None, unit=unit, initial=initial)
    return form_page(
        request,
        form,
        lambda data: services.officer_save(unit=unit, instance=instance, **data),
        template="units/form.html",
        success_url=_unit_url(unit),
        success_message=_("Đã lưu cán bộ, công chức."),
        context={"title": _("Cán bộ, công chức của %(unit)s") % {"unit": unit.name}, "unit": unit},
    )


@login_required
def organisation_create(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    unit = get_unit_for_user(request.user, Perm.MANAGE_UNITS, pk)
    return _organisation_page(request, unit, None)


@login_required
def organisation_edit(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    org = get_for_user(MassOrganisation.objects.all(), request.user, Perm.MANAGE_UNITS, pk=pk)
    return _organisation_page(request, org.unit, org)


def _organisation_page(
    request: AuthedHttpRequest, unit: AdministrativeUnit, instance: MassOrganisation | None
) -> HttpResponse:
    initial = (
        {
            "kind": instance.kind,
            "name": instance.name,
            "leader_name": instance.leader_name,
            "phone": instance.phone,
            "members": instance.members,
        }
        if instance
        else {}
    )
    form = MassOrganisationForm(request.POST or None, initial=initial)
    return form_page(
        request,
        form,
        lambda data: services.mass_organisation_save(unit=unit, instance=instance, **data),
        template="units/form.html",
        success_url=_unit_url(unit),
        success_message=_("Đã lưu tổ chức."),
        context={
            "title": _("Tổ chức chính trị – xã hội của %(unit)s") % {"unit": unit.name},
            "unit": unit,
        },
    )


def _import_url(job: object) -> str:
    assert isinstance(job, UnitImport)
    return reverse("units:import_status", args=[job.pk])


@login_required
def import_start(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    unit = get_unit_for_user(request.user, Perm.MANAGE_UNITS, pk)
    posted = request.method == "POST"
    form = UnitImportForm(request.POST if posted else None, request.FILES if posted else None)
    return form_page(
        request,
        form,
        lambda data: unit_import_start(actor=request.user, root=unit, **data),
        template="units/import_form.html",
        success_url=_import_url,
        success_message=_("Đã nhận tệp. Hệ thống đang kiểm tra và nhập."),
        context={
            "unit": unit,
            "columns": [
                (name, aliases, name in REQUIRED) for name, aliases in COLUMN_ALIASES.items()
            ],
            "recent": UnitImport.objects.filter(root=unit).select_related("created_by")[:5],
        },
    )


@login_required
def import_status(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    jobs = UnitImport.objects.select_related("root", "created_by")
    job = get_for_user(jobs, request.user, Perm.MANAGE_UNITS, unit_field="root", pk=pk)
    # A job's own refusal is for the user; an unexpected crash stores a traceback, never shown.
    failure = "" if job.error.startswith("Traceback") else job.error
    context = {"job": job, "unit": job.root, "failure": failure}
    return render(request, "units/import_status.html", context)
