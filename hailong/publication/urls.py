"""Publication URLs: public ones under ``trang/<unit>/`` and staff ones under ``staff/``."""

from __future__ import annotations

from django.urls import path

from hailong.publication.views import public, staff

app_name = "publication"

urlpatterns = [
    path("trang/<int:pk>/ket-qua/", public.results, name="results"),
    path(
        "trang/<int:pk>/ket-qua/<int:snapshot_id>/",
        public.results_snapshot,
        name="results_snapshot",
    ),
    path("trang/<int:pk>/ket-qua.json", public.results_json, name="results_json"),
    path(
        "trang/<int:pk>/ket-qua/<int:snapshot_id>.json",
        public.results_json_snapshot,
        name="results_json_snapshot",
    ),
    path("trang/<int:pk>/ket-qua.png", public.results_png, name="results_png"),
    path(
        "trang/<int:pk>/ket-qua/<int:snapshot_id>.png",
        public.results_png_snapshot,
        name="results_png_snapshot",
    ),
    path("trang/<int:pk>/nhung/ket-qua/", public.embed, name="embed"),
    path("trang/<int:pk>/xep-hang/", public.province_ranking, name="ranking"),
    path("staff/don-vi/<int:pk>/cong-bo/", staff.overview, name="overview"),
    path("staff/don-vi/<int:pk>/cong-bo/ban-nhap/", staff.preview, name="preview"),
    path("staff/don-vi/<int:pk>/cong-bo/cong-bo/", staff.publish, name="publish"),
    path("staff/don-vi/<int:pk>/cong-bo/y-kien/", staff.comments, name="comments"),
    path("staff/y-kien-cong-bo/<int:pk>/", staff.comment_edit, name="comment_edit"),
    path("staff/don-vi/<int:pk>/cong-bo/nhung/", staff.embed_codes, name="embed_codes"),
]
