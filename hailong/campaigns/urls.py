"""Staff pages of the communication campaign (included under ``staff/``)."""

from __future__ import annotations

from django.urls import path

from hailong.campaigns.views import execution, materials, plans, schedule

app_name = "campaigns"

UNIT = "don-vi/<int:unit_pk>/tuyen-truyen/"
PLAN = "tuyen-truyen/<int:pk>/"
MATERIAL = "tuyen-truyen/tai-lieu/<int:pk>/"

urlpatterns = [
    path(UNIT, plans.plan_list, name="plan_list"),
    path(f"{UNIT}lap-ke-hoach/", plans.plan_create, name="plan_create"),
    path(f"{UNIT}hom-nay/", execution.today, name="today"),
    path(f"{UNIT}qua-han/", execution.overdue, name="overdue"),
    path(f"{UNIT}cum-loa/", schedule.loudspeaker_areas, name="loudspeaker_areas"),
    path(f"{UNIT}nhom-zalo/", schedule.zalo_groups, name="zalo_groups"),
    path(PLAN, plans.plan_detail, name="plan_detail"),
    path(f"{PLAN}sua/", plans.plan_edit, name="plan_edit"),
    path(f"{PLAN}trinh/", plans.plan_submit, name="plan_submit"),
    path(f"{PLAN}phe-duyet/", plans.plan_decide, name="plan_decide"),
    path(f"{PLAN}sua-doi/", plans.plan_revise, name="plan_revise"),
    path(f"{PLAN}phien-ban/<int:number>/", plans.plan_version, name="plan_version"),
    path(f"{PLAN}in/", plans.plan_print, name="plan_print"),
    path(f"{PLAN}lich/", schedule.plan_calendar, name="calendar"),
    path(f"{PLAN}tien-do/", execution.compliance, name="compliance"),
    path(f"{PLAN}ket-qua/", materials.attribution, name="attribution"),
    path(f"{PLAN}tai-lieu/", materials.material_list, name="materials"),
    path(f"{PLAN}tai-lieu/tao/", materials.material_create, name="material_create"),
    path(f"{MATERIAL}", materials.material_detail, name="material"),
    path(f"{MATERIAL}viet-lai/", materials.material_regenerate, name="material_regenerate"),
    path(f"{MATERIAL}doc/", materials.material_speak, name="material_speak"),
    path(f"{MATERIAL}thu-am/", materials.material_upload, name="material_upload"),
    path(f"{MATERIAL}gan/", materials.material_attach, name="material_attach"),
    path(f"{MATERIAL}am-thanh/", materials.material_audio, name="material_audio"),
    path(f"{MATERIAL}tep/<slug:slug>/", materials.material_file, name="material_file"),
    path(f"{PLAN}hoat-dong/them/<slug:channel>/", schedule.activity_create, name="activity_create"),
    path("tuyen-truyen/hoat-dong/<int:pk>/", schedule.activity_edit, name="activity_edit"),
    path("tuyen-truyen/hoat-dong/<int:pk>/xoa/", schedule.activity_delete, name="activity_delete"),
    path("tuyen-truyen/viec/<int:pk>/", execution.occurrence_detail, name="occurrence"),
    path("tuyen-truyen/viec/<int:pk>/minh-chung/", execution.evidence_add, name="evidence_add"),
    path("tuyen-truyen/minh-chung/<int:pk>/", execution.evidence_file, name="evidence_file"),
]
