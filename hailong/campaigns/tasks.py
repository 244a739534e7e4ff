"""Background tasks of the campaigns app (django.tasks API)."""

from __future__ import annotations

from django.tasks import task


@task(queue_name="default", priority=5)
def send_campaign_digest() -> int:
    """Send today's reminder e-mails (idempotent per person and day)."""
    from hailong.campaigns.services.digest import digest_send

    return digest_send()
