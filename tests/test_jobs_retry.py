"""Retries: a retryable task that raises comes back later, with backoff, until out of attempts."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.tasks import task
from django.tasks.base import TaskResultStatus
from django.utils import timezone
from pytest_django import Settings

from hailong.jobs.retry import Backoff, retrying_task
from hailong.jobs.testing import db_row, worker_drain

# Tests that drive the worker need real transactions (it commits and checks connections).
WORKER_DB = pytest.mark.django_db(transaction=True)


@retrying_task(max_attempts=3, backoff=Backoff(base=60, jitter=0))
def smtp_send(address: str) -> None:
    raise ConnectionError(f"SMTP down for {address}")


@retrying_task(backoff=Backoff(base=1, jitter=0))
def smtp_send_default_attempts() -> None:
    raise ConnectionError("SMTP down")


@retrying_task(max_attempts=5, retry_on=(ConnectionError,))
def bad_input() -> None:
    raise ValueError("not retryable")


@task()
def plain_failure() -> None:
    raise ConnectionError("plain tasks are not retried")


@task()
def interrupted() -> None:
    raise SystemExit(1)


@pytest.mark.parametrize(
    ("attempt", "rng", "expected"),
    [
        (1, 1.0, 10.0),
        (2, 1.0, 20.0),
        (3, 1.0, 40.0),
        (3, 0.0, 20.0),  # half of the delay is jitter
        (12, 1.0, 3600.0),  # capped
        (10_000, 1.0, 3600.0),  # no overflow
    ],
)
def test_the_backoff_grows_exponentially_with_jitter_and_a_cap(
    attempt: int, rng: float, expected: float
) -> None:
    assert Backoff().delay(attempt, rng=lambda: rng) == pytest.approx(expected)


@WORKER_DB
def test_a_failing_retryable_task_is_put_back_with_backoff_and_its_error_kept() -> None:
    result = smtp_send.enqueue("an@example.vn")
    before = timezone.now()

    worker_drain()

    row = db_row(result)
    assert row.status == TaskResultStatus.READY
    assert row.task_result.attempts == 1
    assert "SMTP down for an@example.vn" in row.traceback
    assert row.exception_class_path == "builtins.ConnectionError"
    assert before + dt.timedelta(seconds=60) <= row.run_after
    assert row.run_after <= timezone.now() + dt.timedelta(seconds=60)


@WORKER_DB
def test_a_retry_waits_for_its_backoff_before_running_again() -> None:
    result = smtp_send.enqueue("an@example.vn")
    worker_drain()

    worker_drain()  # too early: nothing runs

    assert db_row(result).task_result.attempts == 1


@WORKER_DB
def test_it_stops_after_max_attempts_and_the_failure_stays_visible() -> None:
    result = smtp_send.enqueue("an@example.vn")
    for minutes in (0, 2, 5):
        with time_machine.travel(timezone.now() + dt.timedelta(minutes=minutes), tick=True):
            worker_drain()

    row = db_row(result)
    assert row.status == TaskResultStatus.FAILED
    assert row.task_result.attempts == 3
    assert row.finished_at is not None
    assert "SMTP down" in row.task_result.errors[0].traceback


@WORKER_DB
def test_the_default_number_of_attempts_comes_from_settings(settings: Settings) -> None:
    settings.HAILONG_TASK_MAX_ATTEMPTS = 2
    result = smtp_send_default_attempts.enqueue()
    for minutes in (0, 1, 2):
        with time_machine.travel(timezone.now() + dt.timedelta(minutes=minutes), tick=True):
            worker_drain()

    row = db_row(result)
    assert (row.status, row.task_result.attempts) == (TaskResultStatus.FAILED, 2)


@WORKER_DB
def test_an_error_outside_retry_on_fails_at_once() -> None:
    result = bad_input.enqueue()

    worker_drain()

    row = db_row(result)
    assert (row.status, row.task_result.attempts) == (TaskResultStatus.FAILED, 1)


@WORKER_DB
def test_a_plain_task_is_not_retried() -> None:
    result = plain_failure.enqueue()

    worker_drain()

    assert db_row(result).status == TaskResultStatus.FAILED


@WORKER_DB
def test_a_task_interrupted_by_the_worker_shutting_down_is_run_again() -> None:
    result = interrupted.enqueue()

    worker_drain()

    row = db_row(result)
    assert row.status == TaskResultStatus.READY
    assert row.exception_class_path == "builtins.SystemExit"
