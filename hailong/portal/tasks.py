"""Background tasks of the public site (django.tasks API)."""

from __future__ import annotations

from django.tasks import task


@task(queue_name="default", priority=5)
def flush_visits() -> int:
    """Move pending visit counts from the cache into the daily table (safe to repeat)."""
    from hailong.portal.visitors import flush

    return flush()
