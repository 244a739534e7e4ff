"""URLs of the dossiers app: staff pages (under ``staff/``) and the public rating pages."""

from __future__ import annotations

from django.urls import path

from hailong.dossiers.views import imports, public, staff

staff_urlpatterns = [
    path("don-vi/<int:unit_pk>/ho-so/", staff.dossier_list, name="list"),
    path("don-vi/<int:unit_pk>/ho-so/<int:pk>/", staff.dossier_detail, name="detail"),
    path("don-vi/<int:unit_pk>/ho-so/<int:pk>/phieu/", staff.dossier_receipt, name="receipt"),
    path("don-vi/<int:unit_pk>/ho-so/nhap/", imports.import_upload, name="import_upload"),
    path("don-vi/<int:unit_pk>/ho-so/nhap/cot/", imports.import_map, name="import_map"),
    path("don-vi/<int:unit_pk>/ho-so/nhap/<int:pk>/", imports.import_status, name="import_status"),
    path("thu-tuc/", staff.procedure_list, name="procedures"),
]

public_urlpatterns = [
    path("<str:token>/", public.rate_start, name="start"),
    path("<str:token>/cam-on/", public.rate_thanks, name="thanks"),
    path("<str:token>/<str:code>/", public.rate_dossier, name="dossier"),
]
