"""Staff URLs of the indices (mounted under ``staff/``)."""

from __future__ import annotations

from django.urls import path

from hailong.indices.views import dashboard, ranking

app_name = "indices"

urlpatterns = [
    path("don-vi/<int:pk>/chi-so/", dashboard.ward_dashboard, name="dashboard"),
    path("don-vi/<int:pk>/chi-so/phieu/", dashboard.ward_drilldown, name="drilldown"),
    path("don-vi/<int:pk>/chi-so/xuat/", dashboard.ward_export, name="export"),
    path("don-vi/<int:pk>/xep-hang/", ranking.city_ranking, name="ranking"),
    path("don-vi/<int:pk>/xep-hang/xuat/", ranking.city_ranking_export, name="ranking_export"),
]
