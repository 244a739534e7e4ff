"""URLs of the kiosk: the tablet (under ``kiosk/``) and staff pages (under ``staff/``)."""

from __future__ import annotations

from django.urls import path

from hailong.kiosk.views import staff, tablet

public_urlpatterns = [
    path("<str:token>/", tablet.kiosk_page, name="page"),
    path("<str:token>/cau-truc.json", tablet.kiosk_structure, name="structure"),
    path("<str:token>/gui/", tablet.kiosk_submit, name="submit"),
]

W = "dot-khao-sat/<int:pk>/may-tinh-bang"

staff_urlpatterns = [
    path(f"{W}/", staff.kiosk_list, name="list"),
    path(f"{W}/them/", staff.kiosk_create, name="create"),
    path(f"{W}/<int:kiosk_pk>/sua/", staff.kiosk_edit, name="edit"),
    path(f"{W}/can-xem-xet/", staff.flag_list, name="flags"),
    path(f"{W}/can-xem-xet/<int:response_pk>/", staff.flag_review, name="review"),
]
