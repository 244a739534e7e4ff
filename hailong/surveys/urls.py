"""Staff pages of methods and survey waves (included under ``staff/``)."""

from __future__ import annotations

from django.urls import path

from hailong.surveys import views, wave_views

app_name = "surveys"

urlpatterns = [
    path("phuong-phap/", views.method_list, name="method_list"),
    path("phuong-phap/<int:pk>/", views.method_detail, name="method_detail"),
    path("phuong-phap/<int:pk>/xem-truoc/", views.method_preview, name="method_preview"),
    path("phuong-phap/<int:pk>/sao-chep/", views.method_copy, name="method_copy"),
    path("phuong-phap/<int:pk>/sua/", views.method_edit, name="method_edit"),
    path("phuong-phap/<int:pk>/ban-hanh/", views.method_publish, name="method_publish"),
    path("don-vi/<int:pk>/dot-khao-sat/", wave_views.wave_list, name="wave_list"),
    path("don-vi/<int:pk>/dot-khao-sat/them/", wave_views.wave_create, name="wave_create"),
    path("dot-khao-sat/<int:pk>/", wave_views.wave_detail, name="wave_detail"),
    path("dot-khao-sat/<int:pk>/sua/", wave_views.wave_edit, name="wave_edit"),
]
