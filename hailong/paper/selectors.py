"""Reads of paper-form keying: fetches through the unit scope, counts, next numbers, records."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Count, Q, QuerySet

from hailong.accounts.roles import Perm
from hailong.accounts.scope import get_for_user
from hailong.paper import keying
from hailong.paper.models import FormStatus, PaperBatch, PaperEvent, PaperForm, PaperQuota
from hailong.surveys.models import SurveyWave

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from hailong.accounts.models import User


def batch_get_for_user(user: User | AnonymousUser, perm: Perm, pk: object) -> PaperBatch:
    """A batch to act on with ``perm``: 404 outside the user's units, 403 without ``perm``."""
    rows = PaperBatch.objects.select_related(
        "wave__unit",
        "wave__method_version",
        "collector_officer",
        "residential_group",
        "created_by",
        "closed_by",
    )
    return get_for_user(rows, user, perm, unit_field="wave__unit", pk=pk)


def form_of(batch: PaperBatch, number: object) -> PaperForm | None:
    try:
        value = int(str(number))
    except ValueError:
        return None
    return (
        PaperForm.objects.select_related("response", "resolved_by")
        .prefetch_related("entries__entered_by")
        .filter(batch=batch, number=value)
        .first()
    )


def quota_of(wave: SurveyWave) -> int:
    """The wave's paper-form cap (its target sample until someone sets one)."""
    cap = PaperQuota.objects.filter(wave=wave).values_list("cap", flat=True).first()
    return cap if cap is not None else wave.target_sample


def batches_of(wave: SurveyWave) -> QuerySet[PaperBatch]:
    return (
        PaperBatch.objects.filter(wave=wave)
        .select_related("collector_officer", "residential_group")
        .annotate(
            entered=Count("forms"),
            stored=Count("forms", filter=Q(forms__status=FormStatus.STORED)),
            conflicts=Count("forms", filter=Q(forms__status=FormStatus.CONFLICT)),
        )
        .order_by("number")
    )


@dataclass(frozen=True)
class Counts:
    """Declared (written on the batch), entered (forms keyed at least once), stored (responses)."""

    declared: int
    entered: int
    stored: int
    awaiting_second: int
    conflicts: int

    @property
    def balanced(self) -> bool:
        return self.declared == self.entered == self.stored

    def as_dict(self) -> dict[str, int]:
        return {
            "declared": self.declared,
            "entered": self.entered,
            "stored": self.stored,
            "awaiting_second": self.awaiting_second,
            "conflicts": self.conflicts,
        }


def batch_counts(batch: PaperBatch) -> Counts:
    """One aggregate query."""
    totals = PaperForm.objects.filter(batch=batch).aggregate(
        entered=Count("pk"),
        stored=Count("pk", filter=Q(status=FormStatus.STORED)),
        awaiting=Count("pk", filter=Q(status=FormStatus.AWAITING_SECOND)),
        conflicts=Count("pk", filter=Q(status=FormStatus.CONFLICT)),
    )
    return Counts(
        declared=batch.declared_count,
        entered=totals["entered"],
        stored=totals["stored"],
        awaiting_second=totals["awaiting"],
        conflicts=totals["conflicts"],
    )


def forms_of(batch: PaperBatch) -> QuerySet[PaperForm]:
    return (
        PaperForm.objects.filter(batch=batch)
        .select_related("response", "resolved_by")
        .prefetch_related("entries__entered_by")
        .annotate(edits=Count("events", filter=Q(events__kind="form_edited")))
        .order_by("number")
    )


def next_number(batch: PaperBatch, user: User) -> int | None:
    """The smallest number of the batch that ``user`` can key now, or ``None``.

    A number is free when no form has it; in a double-entry batch a form keyed once by someone
    else is free too (for its second keying).
    """
    taken: set[int] = set()
    rows = PaperForm.objects.filter(batch=batch).values_list(
        "number", "status", "entries__entered_by"
    )
    for number, status, entered_by in rows:
        if not batch.double_entry or status != FormStatus.AWAITING_SECOND or entered_by == user.pk:
            taken.add(number)
    return next(
        (n for n in range(batch.first_number, batch.last_number + 1) if n not in taken), None
    )


def round_for(batch: PaperBatch, number: int | None) -> int:
    """Which keying the number would get now (for the page's heading)."""
    if number is None or not batch.double_entry:
        return 1
    exists = PaperForm.objects.filter(batch=batch, number=number).exists()
    return 2 if exists else 1


@dataclass(frozen=True)
class Disagreement:
    form: PaperForm
    differences: list[keying.Difference]


def disagreements(batch: PaperBatch, sheet: keying.Sheet) -> list[Disagreement]:
    """Each form whose two keyings differ, with the fields that differ (entry 1 vs entry 2)."""
    forms = (
        PaperForm.objects.filter(batch=batch, status=FormStatus.CONFLICT)
        .prefetch_related("entries__entered_by")
        .order_by("number")
    )
    found = []
    for form in forms:
        entries = sorted(form.entries.all(), key=lambda e: e.round)
        if len(entries) == 2:
            diffs = keying.differences(sheet, entries[0].keyed, entries[1].keyed)
            found.append(Disagreement(form, diffs))
    return found


ROUTINE = ("form_entered", "form_stored")


def events_of(
    batch: PaperBatch, form: PaperForm | None = None, *, routine: bool = True
) -> QuerySet[PaperEvent]:
    """The batch's audit trail (or one form's); ``routine=False`` leaves out the keyings and
    storings that the forms table already shows, keeping what needs a second look."""
    rows = PaperEvent.objects.filter(batch=batch).select_related("actor")
    if form is not None:
        rows = rows.filter(form=form)
    if not routine:
        rows = rows.exclude(kind__in=ROUTINE)
    return rows.order_by("at", "pk")
