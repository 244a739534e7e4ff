"""Settings come from environment variables through small typed helpers."""

from __future__ import annotations

from pathlib import Path

import pytest

from hailong.core.env import ConfigError, database_from_url, env_bool, env_int, env_list, env_str

BASE = Path("/srv/hailong")


def test_it_puts_a_relative_sqlite_path_under_the_base_dir() -> None:
    db = database_from_url("sqlite:///var/hailong.sqlite3", BASE)
    assert db["ENGINE"] == "django.db.backends.sqlite3"
    assert db["NAME"] == "/srv/hailong/var/hailong.sqlite3"


def test_it_keeps_an_absolute_sqlite_path() -> None:
    db = database_from_url("sqlite:////data/hailong.sqlite3", BASE)
    assert db["NAME"] == "/data/hailong.sqlite3"


def test_it_turns_on_wal_and_a_busy_timeout_for_sqlite() -> None:
    options = database_from_url("sqlite:///x.sqlite3", BASE)["OPTIONS"]
    assert "journal_mode=WAL" in options["init_command"]
    assert "busy_timeout=" in options["init_command"]
    assert options["transaction_mode"] == "IMMEDIATE"


def test_it_does_not_share_the_sqlite_options_between_databases() -> None:
    first = database_from_url("sqlite:///a.sqlite3", BASE)
    first["OPTIONS"]["timeout"] = 1
    assert database_from_url("sqlite:///b.sqlite3", BASE)["OPTIONS"]["timeout"] == 20


def test_it_reads_user_password_host_port_and_name_from_a_postgresql_url() -> None:
    db = database_from_url("postgresql://hl:s%40cr%2Ft@db.example:6543/hailong_prod", BASE)
    assert db["ENGINE"] == "django.db.backends.postgresql"
    assert (db["USER"], db["PASSWORD"]) == ("hl", "s@cr/t")
    assert (db["HOST"], db["PORT"], db["NAME"]) == ("db.example", "6543", "hailong_prod")


def test_it_passes_query_parameters_as_postgresql_options() -> None:
    db = database_from_url("postgres://u@h/n?sslmode=require&connect_timeout=5", BASE)
    assert db["OPTIONS"] == {"sslmode": "require", "connect_timeout": "5"}


def test_it_accepts_a_postgresql_url_without_password_or_port() -> None:
    db = database_from_url("postgresql://postgres@127.0.0.1/hailong", BASE)
    assert (db["USER"], db["PASSWORD"], db["PORT"]) == ("postgres", "", "")


def test_it_refuses_an_unknown_database_scheme() -> None:
    with pytest.raises(ConfigError, match="mysql"):
        database_from_url("mysql://u@h/n", BASE)


def test_it_refuses_a_malformed_postgresql_port() -> None:
    with pytest.raises(ConfigError, match="port"):
        database_from_url("postgresql://u@h:notaport/n", BASE)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("1", True), ("true", True), (" Yes ", True), ("on", True), ("0", False), ("off", False)],
)
def test_it_reads_a_boolean(monkeypatch: pytest.MonkeyPatch, raw: str, expected: bool) -> None:
    monkeypatch.setenv("HL_FLAG", raw)
    assert env_bool("HL_FLAG") is expected


def test_it_uses_the_default_for_an_unset_or_empty_boolean(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HL_FLAG", raising=False)
    assert env_bool("HL_FLAG", default=True) is True
    monkeypatch.setenv("HL_FLAG", "")
    assert env_bool("HL_FLAG", default=True) is True


def test_it_refuses_a_boolean_it_cannot_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HL_FLAG", "maybe")
    with pytest.raises(ConfigError, match="HL_FLAG"):
        env_bool("HL_FLAG")


def test_it_reads_an_integer_or_its_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HL_INT", "42")
    assert env_int("HL_INT", 7) == 42
    monkeypatch.delenv("HL_INT")
    assert env_int("HL_INT", 7) == 7


def test_it_refuses_an_integer_it_cannot_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HL_INT", "12abc")
    with pytest.raises(ConfigError, match="HL_INT"):
        env_int("HL_INT", 7)


def test_it_requires_a_string_without_a_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HL_STR", raising=False)
    with pytest.raises(ConfigError, match="HL_STR"):
        env_str("HL_STR")
    assert env_str("HL_STR", "fallback") == "fallback"


def test_it_splits_a_comma_separated_list(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HL_LIST", " a.example, ,b.example ")
    assert env_list("HL_LIST", []) == ["a.example", "b.example"]
