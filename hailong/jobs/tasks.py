"""Background tasks of the jobs app (django.tasks API)."""

from __future__ import annotations

from django.tasks import task

from hailong.jobs.base import job_load


@task(queue_name="default")
def run_persisted_job(label: str, pk: int) -> bool:
    """Load a persisted job and run it (a no-op if it already ran)."""
    return job_load(label, pk).run()
