"""Staff pages of paper forms (all under ``staff/``)."""

from __future__ import annotations

from django.urls import path

from hailong.paper import views

app_name = "paper"

W = "dot-khao-sat/<int:pk>/phieu-giay"
B = "phieu-giay/lo/<int:pk>"

urlpatterns = [
    path(f"{W}/", views.batch_list, name="batches"),
    path(f"{W}/them-lo/", views.batch_create, name="batch_create"),
    path(f"{W}/han-muc/", views.quota_set, name="quota"),
    path(f"{B}/", views.batch_detail, name="batch"),
    path(f"{B}/nhap/", views.entry, name="entry"),
    path(f"{B}/doi-chieu/", views.conflicts, name="conflicts"),
    path(f"{B}/doi-chieu/<int:number>/", views.resolve, name="resolve"),
    path(f"{B}/dong/", views.batch_close, name="close"),
    path(f"{B}/mo-lai/", views.batch_reopen, name="reopen"),
    path(f"{B}/in/", views.batch_print, name="batch_print"),
    path(f"{B}/phieu/<int:number>/", views.form_record, name="form"),
    path(f"{B}/phieu/<int:number>/sua/", views.form_edit, name="form_edit"),
]
