"""Background tasks of sampling (django.tasks API)."""

from __future__ import annotations

from django.tasks import task


@task(queue_name="default", priority=5)
def purge_sample_contacts() -> dict[str, int]:
    """Delete the applicant contacts of samples whose wave closed long enough ago."""
    from hailong.sampling.services import sample_contacts_purge

    return sample_contacts_purge()
