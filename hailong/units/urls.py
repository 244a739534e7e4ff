from __future__ import annotations

from django.urls import path

from hailong.units import views

app_name = "units"

urlpatterns = [
    path("", views.tree, name="tree"),
    path("them/", views.create_root, name="create_root"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/sua/", views.edit, name="edit"),
    path("<int:pk>/them-don-vi/", views.create_child, name="create_child"),
    path("<int:pk>/ke-thua/", views.succession_create, name="succession_create"),
    path("<int:pk>/bo-phan/them/", views.department_create, name="department_create"),
    path("bo-phan/<int:pk>/sua/", views.department_edit, name="department_edit"),
    path("<int:pk>/can-bo/them/", views.officer_create, name="officer_create"),
    path("can-bo/<int:pk>/sua/", views.officer_edit, name="officer_edit"),
    path("<int:pk>/to-chuc/them/", views.organisation_create, name="organisation_create"),
    path("to-chuc/<int:pk>/sua/", views.organisation_edit, name="organisation_edit"),
    path("<int:pk>/nhap/", views.import_start, name="import_start"),
    path("nhap/<int:pk>/", views.import_status, name="import_status"),
]
