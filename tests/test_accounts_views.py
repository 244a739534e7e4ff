"""Logging in and out, and the pages that create staff accounts and hand out roles."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.test import Client, override_settings
from django.urls import reverse

from hailong.accounts.models import RoleAssignment, User
from hailong.accounts.roles import Role
from tests.conftest import PASSWORD, Cast

LOGIN = reverse("accounts:login")


def _body(response: Any) -> str:
    return str(response.content.decode())


def _login(client: Client, username: str, password: str) -> Any:
    return client.post(LOGIN, {"username": username, "password": password})


def _messages(response: Any) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


# Logging in and out --------------------------------------------------------------------------


def test_the_login_page_is_in_vietnamese_by_default(db: None) -> None:
    response = Client().get(LOGIN)
    assert response.status_code == 200
    assert '<html lang="vi">' in _body(response)
    assert "Đăng nhập cán bộ" in _body(response)


def test_the_login_page_switches_to_english(db: None) -> None:
    client = Client()
    response = client.post(reverse("set_language"), {"language": "en", "next": LOGIN})
    assert response.status_code == 302
    assert '<html lang="en">' in _body(client.get(LOGIN))
    client.post(reverse("set_language"), {"language": "vi", "next": LOGIN})
    assert '<html lang="vi">' in _body(client.get(LOGIN))


def test_a_staff_member_logs_in_and_lands_on_the_home_page(cast: Cast) -> None:
    client = Client()
    response = _login(client, "alice", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("web:home")
    assert "Phường Ngọc Hà" in _body(client.get(reverse("web:home")))


def test_a_wrong_password_shows_the_vietnamese_error(cast: Cast) -> None:
    response = _login(Client(), "alice", "not-her-password")
    assert response.status_code == 200
    assert "Tên đăng nhập hoặc mật khẩu không đúng." in _body(response)
    assert "_auth_user_id" not in response.wsgi_request.session


def test_an_inactive_account_cannot_log_in(cast: Cast) -> None:
    cast.bob.is_active = False
    cast.bob.save()
    response = _login(Client(), "bob", PASSWORD)
    assert response.status_code == 200
    assert "Tên đăng nhập hoặc mật khẩu không đúng." in _body(response)


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=3)
def test_too_many_failures_lock_the_account_out(cast: Cast) -> None:
    client = Client()
    for _ in range(2):
        assert _login(client, "alice", "wrong").status_code == 200
    locked = _login(client, "alice", "wrong")
    assert locked.status_code == 429
    assert "Tạm khóa đăng nhập" in _body(locked)
    again = _login(client, "alice", PASSWORD)
    assert again.status_code == 429
    assert "_auth_user_id" not in again.wsgi_request.session
    assert _login(Client(), "bob", PASSWORD).status_code == 302


def test_logging_out_needs_a_post(cast: Cast) -> None:
    client = cast.client(cast.alice)
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert client.get(reverse("web:home")).status_code == 200
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert response["Location"] == LOGIN
    assert client.get(reverse("web:home")).status_code == 302


# Staff accounts ------------------------------------------------------------------------------


def _new_account(**overrides: str) -> dict[str, str]:
    return {
        "full_name": "Trần Văn Nam",
        "username": "ngocha.vanthu",
        "role": Role.VIEWER,
        "password": PASSWORD,
    } | overrides


def _create_staff(cast: Cast, data: dict[str, str]) -> Any:
    url = reverse("staff_accounts:staff_create", args=[cast.ngoc_ha.pk])
    return cast.client(cast.carol).post(url, data)


def test_a_city_admin_creates_a_staff_account_that_can_log_in(cast: Cast) -> None:
    response = _create_staff(cast, _new_account(username="NgocHa.VanThu"))
    assert response.status_code == 302
    user = User.objects.get(username="ngocha.vanthu")
    assert user.role_assignments.get().unit == cast.ngoc_ha
    assert _login(Client(), "ngocha.vanthu", PASSWORD).status_code == 302


@pytest.mark.parametrize("username", ["alice", "ALICE"])
def test_it_refuses_a_username_already_taken(cast: Cast, username: str) -> None:
    response = _create_staff(cast, _new_account(username=username))
    assert response.status_code == 400
    assert "Tên đăng nhập «alice» đã được dùng." in _body(response)
    assert User.objects.filter(username__iexact="alice").count() == 1


def test_it_refuses_a_username_with_diacritics(cast: Cast) -> None:
    response = _create_staff(cast, _new_account(username="nguyễn.văn.nam"))
    assert response.status_code == 400
    assert "Chỉ dùng chữ không dấu" in _body(response)


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("12345678", "Mật khẩu này quá phổ biến, dễ bị đoán."),
        ("83920571", "Mật khẩu không được chỉ gồm chữ số."),
        ("ngắn", "Mật khẩu quá ngắn: cần ít nhất 8 ký tự."),
        ("ngocha.vanthu", "Mật khẩu quá giống với"),
    ],
)
def test_it_refuses_a_weak_password_with_a_vietnamese_message(
    cast: Cast, password: str, message: str
) -> None:
    before = User.objects.count(), RoleAssignment.objects.count()
    response = _create_staff(cast, _new_account(password=password))
    assert response.status_code == 400
    assert message in _body(response)
    assert (User.objects.count(), RoleAssignment.objects.count()) == before


def test_it_refuses_an_email_longer_than_the_column(cast: Cast) -> None:
    email = "a" * 60 + "@" + ".".join(["b" * 60] * 4) + ".vn"
    response = _create_staff(cast, _new_account(email=email))
    assert response.status_code == 400
    assert not User.objects.filter(username="ngocha.vanthu").exists()


def test_the_staff_list_shows_only_accounts_in_scope(cast: Cast) -> None:
    page = _body(cast.client(cast.carol).get(reverse("staff_accounts:staff_list")))
    assert "(alice)" in page
    assert "(charlie)" not in page
    empty = _body(cast.client(cast.alice).get(reverse("staff_accounts:staff_list")))
    assert "(bob)" not in empty
    assert "Không có tài khoản nào trong phạm vi của bạn." in empty


# Roles ---------------------------------------------------------------------------------------


def _add_role(cast: Cast, username: str, role: str) -> Any:
    url = reverse("staff_accounts:role_add", args=[cast.ngoc_ha.pk])
    return cast.client(cast.carol).post(url, {"username": username, "role": role})


def test_a_city_admin_gives_an_existing_account_a_role(cast: Cast) -> None:
    assert _add_role(cast, " Ron ", Role.VIEWER).status_code == 302
    assert cast.ron.role_assignments.filter(unit=cast.ngoc_ha, role=Role.VIEWER).exists()


def test_it_refuses_a_role_for_an_unknown_account(cast: Cast) -> None:
    response = _add_role(cast, "nobody", Role.VIEWER)
    assert response.status_code == 400
    assert "Không có tài khoản này." in _body(response)


def test_it_refuses_the_same_role_twice(cast: Cast) -> None:
    response = _add_role(cast, "alice", Role.LEADER)
    assert response.status_code == 400
    assert "Tài khoản đã có vai trò này trên đơn vị này." in _body(response)
    assert cast.alice.role_assignments.count() == 1


def test_a_city_admin_revokes_a_ward_leaders_role(cast: Cast) -> None:
    assignment = cast.alice.role_assignments.get()
    url = reverse("staff_accounts:role_revoke", args=[assignment.pk])
    response = cast.client(cast.carol).post(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("units:detail", args=[cast.ngoc_ha.pk])
    assert _messages(response) == ["Đã gỡ quyền."]
    assert not cast.alice.role_assignments.exists()
    tree = _body(cast.client(cast.alice).get(reverse("units:tree")))
    assert "Không có đơn vị nào trong phạm vi của bạn." in tree


def test_nobody_removes_their_own_last_admin_role(cast: Cast) -> None:
    assignment = cast.carol.role_assignments.get()
    url = reverse("staff_accounts:role_revoke", args=[assignment.pk])
    response = cast.client(cast.carol).post(url)
    assert response.status_code == 302
    assert _messages(response) == ["Không thể tự gỡ quyền quản trị cuối cùng của mình."]
    assert RoleAssignment.objects.filter(pk=assignment.pk).exists()


def test_revoking_a_role_needs_a_post(cast: Cast) -> None:
    assignment = cast.alice.role_assignments.get()
    url = reverse("staff_accounts:role_revoke", args=[assignment.pk])
    assert cast.client(cast.carol).get(url).status_code == 405
    assert RoleAssignment.objects.filter(pk=assignment.pk).exists()


def test_a_ward_leader_cannot_revoke_a_role_in_her_ward(cast: Cast) -> None:
    assignment = cast.bob.role_assignments.get()
    url = reverse("staff_accounts:role_revoke", args=[assignment.pk])
    assert cast.client(cast.alice).post(url).status_code == 403
    assert cast.client(cast.charlie).post(url).status_code == 404
    assert RoleAssignment.objects.filter(pk=assignment.pk).exists()
