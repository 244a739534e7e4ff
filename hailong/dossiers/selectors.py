"""Reads of the dossier registry and the catalogue for the staff pages."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from hailong.core.text import search_key
from hailong.dossiers.models import Dossier, DossierImport, Procedure, ProcedureField
from hailong.dossiers.values import dossier_code_clean
from hailong.units.models import AdministrativeUnit

_TIMELINESS: dict[str, Q] = {
    "dung_han": Q(on_time=True),
    "tre_han": Q(on_time=False),
    "chua_tra": Q(returned_on__isnull=True),
}
_RATED: dict[str, Q] = {"co": Q(rating__isnull=False), "chua": Q(rating__isnull=True)}


def dossier_list(*, unit: AdministrativeUnit, filters: dict[str, Any]) -> QuerySet[Dossier]:
    """The unit's dossiers, newest first, narrowed by the list page's filters."""
    rows = Dossier.objects.filter(unit=unit).select_related(
        "procedure__field", "officer", "department", "rating"
    )
    if filters.get("returned_from"):
        rows = rows.filter(returned_on__gte=filters["returned_from"])
    if filters.get("returned_to"):
        rows = rows.filter(returned_on__lte=filters["returned_to"])
    if filters.get("field"):
        rows = rows.filter(procedure__field=filters["field"])
    if filters.get("timeliness") in _TIMELINESS:
        rows = rows.filter(_TIMELINESS[filters["timeliness"]])
    if filters.get("rated") in _RATED:
        rows = rows.filter(_RATED[filters["rated"]])
    if code := dossier_code_clean(filters.get("code") or ""):
        rows = rows.filter(code__startswith=code)
    return rows.order_by("-received_on", "-id")


def dossier_detail_queryset() -> QuerySet[Dossier]:
    return Dossier.objects.select_related(
        "unit", "procedure__field", "officer", "department", "rating"
    )


def procedure_list(*, query: str = "", field: ProcedureField | None = None) -> QuerySet[Procedure]:
    rows = Procedure.objects.select_related("field")
    if field:
        rows = rows.filter(field=field)
    if query.strip():
        rows = rows.filter(Q(search_key__contains=search_key(query)) | Q(code__startswith=query))
    return rows.order_by("field__name", "code")


def import_list(*, unit: AdministrativeUnit, limit: int = 10) -> QuerySet[DossierImport]:
    rows = DossierImport.objects.filter(unit=unit).select_related("created_by")
    return rows.defer("errors", "header", "mapping")[:limit]
