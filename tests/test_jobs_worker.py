"""``hailong worker``: runs tasks, keeps a heartbeat while alive, stops cleanly on SIGTERM."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator

import pytest
from django.core.management import call_command
from django.tasks import task
from django.tasks.base import TaskResultStatus

from hailong.jobs.models import WorkerHeartbeat
from hailong.jobs.testing import db_row, worker_drain, worker_make
from hailong.jobs.worker import worker_id_new

pytestmark = pytest.mark.django_db(transaction=True)

SEEN: list[object] = []


@task(queue_name="reports")
def record_heartbeat() -> int:
    SEEN.append(WorkerHeartbeat.objects.get().seen_at)
    time.sleep(0.5)
    SEEN.append(WorkerHeartbeat.objects.get().seen_at)
    return WorkerHeartbeat.objects.count()


@task()
def ask_to_stop() -> str:
    os.kill(os.getpid(), signal.SIGTERM)
    return "finished anyway"


@task()
def noop() -> None:
    return None


@pytest.fixture
def restore_signals() -> Iterator[None]:
    saved = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    yield
    for sig, handler in saved.items():
        signal.signal(sig, handler)


def test_the_worker_runs_a_task_from_the_reports_queue() -> None:
    result = record_heartbeat.enqueue()

    worker_drain(heartbeat_interval=0.1)

    row = db_row(result)
    assert row.status == TaskResultStatus.SUCCESSFUL
    assert row.worker_ids == ["test-worker"]


def test_the_heartbeat_beats_during_a_long_task_and_is_removed_at_exit() -> None:
    SEEN.clear()
    result = record_heartbeat.enqueue()

    worker_drain(heartbeat_interval=0.1)

    assert db_row(result).return_value == 1
    assert SEEN[1] > SEEN[0]  # type: ignore[operator]
    assert not WorkerHeartbeat.objects.exists()


def test_sigterm_lets_the_current_task_finish_then_stops(restore_signals: None) -> None:
    stopping = ask_to_stop.enqueue()
    left = noop.enqueue()
    worker = worker_make()
    worker.configure_signals()

    worker.run()

    assert db_row(stopping).status == TaskResultStatus.SUCCESSFUL
    assert db_row(left).status == TaskResultStatus.READY
    assert not WorkerHeartbeat.objects.exists()


def test_the_worker_command_drains_the_queue_in_batch_mode(restore_signals: None) -> None:
    result = noop.enqueue()

    call_command(
        "worker", "--batch", "--no-startup-delay", "--worker-id", "cmd-worker", verbosity=0
    )

    assert db_row(result).worker_ids == ["cmd-worker"]


def test_worker_ids_name_the_machine_and_process() -> None:
    worker_id = worker_id_new()

    assert f"-{os.getpid()}-" in worker_id
    assert len(worker_id) <= 64
    assert worker_id != worker_id_new()
