from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from hailong.accounts import views

app_name = "accounts"

urlpatterns = [
    path("dang-nhap/", views.LoginView.as_view(), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "doi-mat-khau/",
        auth_views.PasswordChangeView.as_view(
            template_name="accounts/password_change.html",
            success_url=reverse_lazy("web:home"),
        ),
        name="password_change",
    ),
]

staff_urlpatterns = [
    path("", views.staff_list, name="staff_list"),
    path("don-vi/<int:pk>/them/", views.staff_create, name="staff_create"),
    path("don-vi/<int:pk>/phan-quyen/", views.role_add, name="role_add"),
    path("phan-quyen/<int:pk>/go/", views.role_revoke, name="role_revoke"),
]
