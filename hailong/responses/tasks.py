"""Background tasks of the response core (django.tasks API)."""

from __future__ import annotations

from django.tasks import task


@task(queue_name="default", priority=5)
def purge_responses_housekeeping() -> dict[str, int]:
    """Delete expired drafts and spent challenges, and contact requests past their date."""
    from hailong.responses.services import responses_purge

    return responses_purge()
