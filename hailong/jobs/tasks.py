"""Background tasks of the jobs app (django.tasks API)."""

from __future__ import annotations

from typing import Any

from django.tasks import task

from hailong.jobs.base import job_load


@task(queue_name="default")
def run_persisted_job(label: str, pk: int) -> bool:
    """Load a persisted job and run it (a no-op if it already ran)."""
    return job_load(label, pk).run()


@task(queue_name="default", priority=10)
def run_maintenance(kind: str) -> dict[str, Any]:
    """Run one housekeeping kind (``reap``, ``prune``) and return what it did."""
    from hailong.jobs.maintenance import maintenance_run

    job = maintenance_run(kind)
    return {"status": job.status, "result": job.result}
