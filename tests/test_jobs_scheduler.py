"""The scheduler: each periodic job is enqueued once per slot, however many schedulers tick."""

from __future__ import annotations

import datetime as dt
import threading
import time
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import OperationalError, connection
from django_tasks_db.models import DBTaskResult

from hailong.jobs.models import ScheduledRun
from hailong.jobs.schedule import SCHEDULE, DailyAt, Every, PeriodicJob
from hailong.jobs.scheduler import schedule_tick
from hailong.jobs.tasks import run_maintenance

UTC = dt.UTC
NOW = dt.datetime(2026, 3, 5, 8, 0, 42, tzinfo=UTC)  # 15:00:42 in Hà Nội


def utc(day: int, hour: int, minute: int = 0, second: int = 0) -> dt.datetime:
    return dt.datetime(2026, 3, day, hour, minute, second, tzinfo=UTC)


REAP = PeriodicJob("test.reap", run_maintenance, Every(60), ("reap",))


@pytest.mark.parametrize(
    ("when", "now", "slot"),
    [
        (Every(60), NOW, utc(5, 8)),
        (Every(3600), NOW, utc(5, 8)),
        (Every(300), utc(5, 8, 9, 59), utc(5, 8, 5)),
        # 02:30 in Hà Nội is 19:30 UTC the day before.
        (DailyAt(2, 30), NOW, utc(4, 19, 30)),
        (DailyAt(2, 30), utc(4, 19, 29), utc(3, 19, 30)),
        (DailyAt(16), NOW, utc(4, 9)),
        (DailyAt(15), NOW, utc(5, 8)),
    ],
)
def test_a_slot_starts_at_the_last_due_time(
    when: Every | DailyAt, now: dt.datetime, slot: dt.datetime
) -> None:
    assert when.slot_start(now) == slot


def test_the_schedule_reaps_every_minute_and_prunes_daily() -> None:
    by_name = {job.name: job for job in SCHEDULE}
    assert by_name["jobs.reap"].when == Every(60)
    assert isinstance(by_name["jobs.prune"].when, DailyAt)
    assert len(by_name) == len(SCHEDULE)


@pytest.mark.django_db
def test_ticking_twice_in_the_same_slot_enqueues_once() -> None:
    first = schedule_tick(now=NOW, jobs=[REAP])
    second = schedule_tick(now=NOW + dt.timedelta(seconds=10), jobs=[REAP])

    assert [run.name for run in first] == ["test.reap"]
    assert second == []
    assert ScheduledRun.objects.count() == 1
    assert DBTaskResult.objects.filter(task_path=run_maintenance.module_path).count() == 1
    assert first[0].task_result_id == str(DBTaskResult.objects.get().pk)


@pytest.mark.django_db
def test_the_next_slot_is_enqueued_again() -> None:
    schedule_tick(now=NOW, jobs=[REAP])
    schedule_tick(now=NOW + dt.timedelta(minutes=1), jobs=[REAP])

    assert ScheduledRun.objects.count() == 2


@pytest.mark.django_db
def test_a_scheduler_that_was_down_catches_up_with_the_latest_slot_only() -> None:
    schedule_tick(now=NOW, jobs=SCHEDULE)
    schedule_tick(now=NOW + dt.timedelta(days=3), jobs=SCHEDULE)

    prunes = ScheduledRun.objects.filter(name="jobs.prune")
    assert prunes.count() == 2


@pytest.mark.django_db(transaction=True)
def test_schedulers_ticking_at_the_same_moment_enqueue_exactly_once() -> None:
    """Four threads, each with its own connection, race for the same slot.

    The in-memory SQLite test database answers "table is locked" instead of waiting; the
    real scheduler logs that and ticks again, and so does each thread here.
    """
    barrier = threading.Barrier(4)
    outcomes: list[str] = []

    def scheduler() -> None:
        barrier.wait()
        try:
            for _ in range(200):
                try:
                    started = schedule_tick(now=NOW, jobs=[REAP])
                except OperationalError:
                    time.sleep(0.01)
                    continue
                outcomes.append("started" if started else "skipped")
                return
        finally:
            connection.close()

    threads = [threading.Thread(target=scheduler) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["skipped", "skipped", "skipped", "started"]
    assert ScheduledRun.objects.count() == 1
    assert DBTaskResult.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_scheduler_command_runs_one_tick_with_once() -> None:
    out = StringIO()
    call_command("scheduler", "--once", stdout=out)
    again = StringIO()
    call_command("scheduler", "--once", stdout=again)

    assert "jobs.reap" in out.getvalue()
    assert "jobs.prune" in out.getvalue()
    assert again.getvalue() == ""
