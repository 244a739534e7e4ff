"""Retries with exponential backoff and jitter for ``django.tasks`` tasks.

Declare a task retryable with ``@retrying_task(...)`` in place of ``@task(...)``::

    @retrying_task(max_attempts=5, backoff=Backoff(base=30), queue_name="reports")
    def report_render(report_id: int) -> None: ...

When it raises, ``hailong worker`` puts the *same* task row back to READY with
``run_after = now + backoff``: the row keeps the last traceback, and ``TaskResult.attempts``
(one worker id per claim) counts the attempts. After the last attempt it stays FAILED.

Every task, retryable or not, also has a policy for *interruptions* (the worker was stopped or
killed mid-task): it is run again, up to the same number of attempts. Tasks must be idempotent.
"""

from __future__ import annotations

import datetime as dt
import logging
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, ParamSpec, TypeVar

from django.conf import settings
from django.tasks import DEFAULT_TASK_BACKEND_ALIAS, DEFAULT_TASK_QUEUE_NAME, Task, task
from django.tasks.base import DEFAULT_TASK_PRIORITY, TaskResultStatus
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)

P = ParamSpec("P")
R = TypeVar("R")

# A task interrupted by the worker's own shutdown ends with one of these.
INTERRUPTIONS = frozenset({"builtins.SystemExit", "builtins.KeyboardInterrupt"})


def _uniform() -> float:
    return random.random()  # noqa: S311 (jitter, not a secret)


@dataclass(frozen=True, kw_only=True)
class Backoff:
    """Delay before the next attempt: ``base * factor**(attempt-1)``, capped, with jitter.

    ``jitter`` is the random share of the delay: 0.5 waits between half and all of it, so
    tasks that failed together do not all come back at the same second.
    """

    base: float = 10.0
    factor: float = 2.0
    cap: float = 3600.0
    jitter: float = 0.5

    def delay(self, attempt: int, rng: Callable[[], float] = _uniform) -> float:
        """Seconds to wait after failed attempt number ``attempt`` (1-based)."""
        exponent = min(max(attempt - 1, 0), 64)
        full = min(self.cap, self.base * self.factor**exponent)
        return full * (1 - self.jitter) + full * self.jitter * rng()


@dataclass(frozen=True, kw_only=True)
class RetryPolicy:
    max_attempts: int | None = None  # None: settings.HAILONG_TASK_MAX_ATTEMPTS
    backoff: Backoff = field(default_factory=Backoff)
    retry_on: tuple[type[BaseException], ...] = (Exception,)

    def attempts_allowed(self) -> int:
        return self.max_attempts or int(settings.HAILONG_TASK_MAX_ATTEMPTS)

    def retries(self, exception_class_path: str) -> bool:
        """Whether a failure with this exception deserves another attempt."""
        if exception_class_path in INTERRUPTIONS:
            return True
        try:
            exc_class = import_string(exception_class_path)
        except ImportError:
            return False
        return isinstance(exc_class, type) and issubclass(exc_class, self.retry_on)


# Tasks that did not ask for retries are still run again after an interruption.
INTERRUPTION_ONLY = RetryPolicy(retry_on=())

_POLICIES: dict[str, RetryPolicy] = {}


def retrying_task(
    *,
    max_attempts: int | None = None,
    backoff: Backoff | None = None,
    retry_on: tuple[type[BaseException], ...] = (Exception,),
    priority: int = DEFAULT_TASK_PRIORITY,
    queue_name: str = DEFAULT_TASK_QUEUE_NAME,
    backend: str = DEFAULT_TASK_BACKEND_ALIAS,
) -> Callable[[Callable[P, R]], Task[P, R]]:
    """``@task`` that is retried with backoff when it raises one of ``retry_on``."""
    policy = RetryPolicy(max_attempts=max_attempts, backoff=backoff or Backoff(), retry_on=retry_on)

    def wrap(func: Callable[P, R]) -> Task[P, R]:
        made: Task[P, R] = task(func, priority=priority, queue_name=queue_name, backend=backend)
        _POLICIES[made.module_path] = policy
        return made

    return wrap


def retry_policy_for(db_result: DBTaskResult[Any, Any]) -> RetryPolicy:
    """The policy of the task a row runs (importing its module registers the policy)."""
    try:
        db_result.task  # noqa: B018 (imports the task's module)
    except (ImportError, AttributeError):
        return INTERRUPTION_ONLY
    return _POLICIES.get(db_result.task_path, INTERRUPTION_ONLY)


def task_result_retry(
    db_result: DBTaskResult[Any, Any],
    *,
    now: dt.datetime | None = None,
    rng: Callable[[], float] = _uniform,
) -> bool:
    """Put a FAILED task row back to READY if its policy allows another attempt.

    1. Find the task's policy; a failure it does not retry, or the last attempt, stays FAILED.
    2. Compute ``run_after`` from the backoff for the attempt that just failed.
    3. Conditional UPDATE FAILED → READY, keeping the traceback as "last error".
    """
    policy = retry_policy_for(db_result)
    attempt = len(db_result.worker_ids)
    if attempt >= policy.attempts_allowed():
        return False
    if not policy.retries(db_result.exception_class_path):
        return False
    now = now or timezone.now()
    run_after = now + dt.timedelta(seconds=policy.backoff.delay(attempt, rng))
    rows = DBTaskResult.objects.filter(pk=db_result.pk, status=TaskResultStatus.FAILED)
    updated = rows.update(status=TaskResultStatus.READY, run_after=run_after, finished_at=None)
    if updated:
        db_result.status, db_result.run_after = TaskResultStatus.READY, run_after
        db_result.finished_at = None
        logger.info(
            "task %s attempt %d failed, retry at %s", db_result.pk, attempt, run_after.isoformat()
        )
    return bool(updated)
