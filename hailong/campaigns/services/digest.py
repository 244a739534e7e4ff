"""The daily reminder: one e-mail a day to each responsible person with something to do.

Who gets an item: the officer responsible for it (through their account's e-mail address) and,
for an item assigned to a residential group, the people who hold a marking role directly on that
group (its volunteers). What: the items of the day still unmarked, and those left overdue in the
last ``LOOKBACK_DAYS`` days. Idempotent per day: a ``DigestSent`` row per (person, day) is taken
before sending and released if sending fails, so a rerun sends only what was not sent.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from hailong.accounts.models import RoleAssignment, User
from hailong.accounts.roles import Perm, roles_with
from hailong.campaigns.models import DigestSent, Occurrence, OccurrenceStatus, PlanStatus
from hailong.campaigns.recurrence import local_bounds

logger = logging.getLogger(__name__)
LOOKBACK_DAYS = 7
LANGUAGE = "vi"


@dataclass
class Digest:
    user: User
    today: list[Occurrence]
    overdue: list[Occurrence]

    @property
    def count(self) -> int:
        return len(self.today) + len(self.overdue)


def digest_items(day: dt.date) -> list[Digest]:
    """What each person has to do on ``day`` and left undone in the days before.

    1. Unmarked occurrences of plans in force, from ``LOOKBACK_DAYS`` before ``day`` to its end.
    2. Their recipients: the responsible officer's account, the group's volunteers.
    3. One digest per person with an e-mail address, items in time order.
    """
    first, _after_first = local_bounds(day - dt.timedelta(days=LOOKBACK_DAYS), day)
    today_start, after = local_bounds(day, day)
    rows = list(
        Occurrence.objects.filter(
            status=OccurrenceStatus.PLANNED,
            scheduled_at__gte=first,
            scheduled_at__lt=after,
            plan__approved_at__isnull=False,
        )
        .exclude(plan__status=PlanStatus.SUPERSEDED)
        .select_related("activity", "unit", "plan__unit", "responsible_officer__user")
        .order_by("scheduled_at", "pk")
    )
    volunteers = _volunteers({o.unit_id for o in rows if o.unit_id != o.plan.unit_id})
    by_user: dict[int, Digest] = {}
    for occurrence in rows:
        for user in _recipients(occurrence, volunteers):
            digest = by_user.setdefault(user.pk, Digest(user, [], []))
            target = digest.today if occurrence.scheduled_at >= today_start else digest.overdue
            target.append(occurrence)
    return sorted(by_user.values(), key=lambda d: d.user.pk)


def _volunteers(unit_ids: set[int]) -> dict[int, list[User]]:
    """Active users with an e-mail who hold a marking role directly on each of these units."""
    assignments = (
        RoleAssignment.objects.filter(
            unit_id__in=unit_ids,
            role__in=roles_with(Perm.MARK_OCCURRENCES),
            user__is_active=True,
        )
        .exclude(Q(user__email=""))
        .select_related("user")
    )
    found: dict[int, list[User]] = defaultdict(list)
    for assignment in assignments:
        found[assignment.unit_id].append(assignment.user)
    return found


def _recipients(occurrence: Occurrence, volunteers: dict[int, list[User]]) -> list[User]:
    people = list(volunteers.get(occurrence.unit_id, []))
    officer = occurrence.responsible_officer
    user = officer.user if officer is not None else None
    if user is not None and user.is_active and user.email:
        people.append(user)
    return list({p.pk: p for p in people}.values())


def digest_send(*, day: dt.date | None = None) -> int:
    """Send ``day``'s digests (default today, Vietnam time); return how many were sent."""
    day = day or timezone.localdate()
    sent = 0
    for digest in digest_items(day):
        if _send_once(digest, day):
            sent += 1
    return sent


def _send_once(digest: Digest, day: dt.date) -> bool:
    """Take the (person, day) row, send, release the row if sending failed."""
    try:
        with transaction.atomic():
            row = DigestSent.objects.create(
                user=digest.user, day=day, items=digest.count, sent_at=timezone.now()
            )
    except IntegrityError:
        return False
    try:
        digest_message(digest, day).send()
    except Exception:
        logger.exception("campaign digest to user %s failed", digest.user.pk)
        row.delete()
        return False
    return True


def digest_message(digest: Digest, day: dt.date) -> EmailMessage:
    with translation.override(LANGUAGE):
        context = {
            "digest": digest,
            "day": day,
            "site": settings.SITE_URL.rstrip("/"),
            "links": _today_links(digest),
        }
        subject = render_to_string("campaigns/email/digest_subject.txt", context)
        body = render_to_string("campaigns/email/digest.txt", context)
    return EmailMessage(
        subject=" ".join(subject.split()),
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[digest.user.email],
    )


def _today_links(digest: Digest) -> list[str]:
    """The "Hôm nay" page of every unit the items are assigned to (a ward, a group)."""
    units = {o.unit_id for o in [*digest.today, *digest.overdue]}
    return [reverse("campaigns:today", args=[pk]) for pk in sorted(units)]
