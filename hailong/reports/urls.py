from __future__ import annotations

from django.urls import path

from hailong.reports import views

app_name = "reports"

urlpatterns = [
    path("don-vi/<int:unit_pk>/bao-cao/", views.report_list, name="list"),
    path("don-vi/<int:unit_pk>/bao-cao/<int:pk>/", views.report_status, name="status"),
    path("don-vi/<int:unit_pk>/bao-cao/<int:pk>/tai-ve/", views.report_download, name="download"),
]
