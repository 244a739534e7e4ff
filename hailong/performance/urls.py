"""Staff URLs: SIPAS points and their rules, emulation ranking, improvement actions, report."""

from __future__ import annotations

from django.urls import path

from hailong.performance.views import actions, emulation, points, rules, sipas

app_name = "performance"

urlpatterns = [
    path("don-vi/<int:unit_pk>/diem-cchc/", points.unit_points, name="points"),
    path("don-vi/<int:unit_pk>/quy-tac-diem/", rules.rule_list, name="rule_list"),
    path("don-vi/<int:unit_pk>/quy-tac-diem/them/", rules.rule_create, name="rule_create"),
    path("quy-tac-diem/<int:pk>/", rules.rule_detail, name="rule_detail"),
    path("quy-tac-diem/<int:pk>/sua/", rules.rule_edit, name="rule_edit"),
    path("quy-tac-diem/<int:pk>/ban-hanh/", rules.rule_publish, name="rule_publish"),
    path("quy-tac-diem/<int:pk>/phien-ban-moi/", rules.rule_new_version, name="rule_new_version"),
    path("don-vi/<int:unit_pk>/thi-dua/", emulation.ranking_page, name="emulation"),
    path("don-vi/<int:unit_pk>/thi-dua/xuat/", emulation.ranking_export, name="emulation_export"),
    path("don-vi/<int:unit_pk>/cai-thien/", actions.action_list, name="actions"),
    path("don-vi/<int:unit_pk>/cai-thien/them/", actions.action_create, name="action_create"),
    path("don-vi/<int:unit_pk>/cai-thien/<int:pk>/", actions.action_detail, name="action_detail"),
    path("don-vi/<int:unit_pk>/cai-thien/<int:pk>/sua/", actions.action_edit, name="action_edit"),
    path(
        "don-vi/<int:unit_pk>/cai-thien/<int:pk>/trang-thai/",
        actions.action_status,
        name="action_status",
    ),
    path("don-vi/<int:unit_pk>/bao-cao-sipas/", sipas.report_start, name="sipas_report"),
]
