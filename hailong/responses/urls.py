"""URLs of the response core: the public form (under ``k/``) and staff pages (under ``staff/``)."""

from __future__ import annotations

from django.urls import path

from hailong.responses.views import public, staff

public_urlpatterns = [
    path("<str:wave_token>/", public.form_start, name="start"),
    path("<str:wave_token>/pow/", public.form_pow, name="pow"),
    path("<str:wave_token>/cam-on/", public.form_thanks, name="thanks"),
    path("<str:wave_token>/d/<str:key>/<int:step>/", public.form_page, name="page"),
    path("<str:wave_token>/<str:source_token>/", public.form_start, name="start_source"),
]

W = "dot-khao-sat/<int:pk>"

staff_urlpatterns = [
    path(f"{W}/nguon/", staff.source_list, name="sources"),
    path(f"{W}/nguon/them/", staff.source_create, name="source_create"),
    path(f"{W}/nguon/<int:source_pk>/qr.svg", staff.source_qr, name="source_qr"),
    path(f"{W}/nguon/<int:source_pk>/ap-phich.pdf", staff.source_poster, name="source_poster"),
    path(f"{W}/nguon/<int:source_pk>/the-ban.pdf", staff.source_card, name="source_card"),
    path(f"{W}/nguon/<int:source_pk>/trang-thai/", staff.source_toggle, name="source_toggle"),
    path(f"{W}/phieu/", staff.response_list, name="responses"),
    path(f"{W}/phieu/<int:response_pk>/trang-thai/", staff.response_status, name="response_status"),
    path(f"{W}/lien-he/", staff.contact_list, name="contacts"),
    path(f"{W}/lien-he/<int:request_pk>/da-lien-he/", staff.contact_handle, name="contact_handle"),
]
