"""Background tasks of the indices (django.tasks API)."""

from __future__ import annotations

from django.tasks import task


@task(queue_name="default", priority=5)
def compact_aggregates() -> dict[str, int]:
    """Fold the shards of the running aggregates back into one row per cell."""
    from hailong.indices.aggregates import compact

    return {"folded": compact()}
