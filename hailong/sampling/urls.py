"""URLs of sampling: staff pages under ``staff/`` and the public short invitation link."""

from __future__ import annotations

from django.urls import path

from hailong.sampling.views import phone, public, staff

W = "dot-khao-sat/<int:pk>"

staff_urlpatterns = [
    path(f"{W}/mau/", staff.sample_page, name="sample"),
    path(f"{W}/mau/rut/", staff.sample_draw, name="draw"),
    path(f"{W}/mau/phieu-moi/", staff.slips, name="slips"),
    path(f"{W}/mau/tin-nhan/", staff.message_texts, name="messages"),
    path(f"{W}/goi-dien/", phone.call_list, name="calls"),
    path(f"{W}/goi-dien/phan-cong/", phone.assign, name="assign"),
    path(f"{W}/goi-dien/<int:member_pk>/", phone.call, name="call"),
    path(f"{W}/goi-dien/<int:member_pk>/phong-van/", phone.interview_page, name="interview"),
]

public_urlpatterns = [
    path("<str:code>", public.invitation_open, name="open"),
    path("<str:code>/", public.invitation_open, name="open_slash"),
]
