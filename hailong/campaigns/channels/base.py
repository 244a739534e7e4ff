"""The interface every campaign channel implements (one module per channel kind).

A channel says what its activities need besides the common fields (its form fields and how
they become the activity's ``data``), checks that data against the ward (services call
``clean_data``), says whom one scheduled moment reaches (``targets``: one occurrence per target
per moment, e.g. one per Zalo group), what the person who marks it done records
(``outcome_fields``) and which coverage column of a residential group it counts in.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from django import forms
from django.utils.translation import gettext as _

from hailong.campaigns.recurrence import Recurrence
from hailong.core.errors import ServiceError

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

    from hailong.campaigns.models import CampaignActivity, CampaignPlan


@dataclass(frozen=True)
class Target:
    """Whom one scheduled moment reaches. ``key`` is stable (it keys idempotent regeneration);
    ``group_id`` assigns the occurrence to a residential group (its volunteer marks it)."""

    key: str = ""
    label: str = ""
    group_id: int | None = None
    organisation_id: int | None = None


@dataclass(frozen=True)
class OutcomeField:
    """A figure recorded when an occurrence is done (attendance, leaflets delivered)."""

    name: str
    label: StrOrPromise
    maximum: int = 100_000


class Channel:
    key: ClassVar[str]
    label: ClassVar[StrOrPromise]
    count_word: ClassVar[StrOrPromise]  # "buổi", "bài" … as in "58/62 buổi"
    default_title: ClassVar[StrOrPromise]
    coverage: ClassVar[str | None] = None  # "leaflets" | "meetings" | "zalo"
    outcome_fields: ClassVar[tuple[OutcomeField, ...]] = ()

    def default_recurrence(self, plan: CampaignPlan) -> Recurrence:
        return Recurrence(kind="once", times=(dt.time(8, 0),), on=plan.period_start)

    def form_fields(self, plan: CampaignPlan) -> dict[str, forms.Field]:
        """Extra fields of the activity form (names without prefix)."""
        return {}

    def data_from_form(self, cleaned: dict[str, Any]) -> dict[str, Any]:
        """The activity's ``data`` from the extra fields' cleaned values."""
        return {}

    def initial(self, data: dict[str, Any]) -> dict[str, Any]:
        """Initial values of the extra fields for an existing activity's ``data``."""
        return {}

    def clean_data(self, data: dict[str, Any], plan: CampaignPlan) -> dict[str, Any]:
        """Check ``data`` against the plan's unit; return it normalised or raise ServiceError."""
        return {}

    def targets(self, activity: CampaignActivity) -> list[Target]:
        return [Target()]

    def summary(self, activity: CampaignActivity) -> str:
        """A short line about the channel-specific settings, for lists."""
        return ""

    def clean_outcome(self, raw: dict[str, Any]) -> dict[str, int]:
        """Keep the declared outcome figures that were given (whole numbers in range)."""
        outcome: dict[str, int] = {}
        for spec in self.outcome_fields:
            value = raw.get(spec.name)
            if value in (None, ""):
                continue
            number = _whole(value, spec)
            outcome[spec.name] = number
        return outcome


def _whole(value: object, spec: OutcomeField) -> int:
    try:
        number = int(str(value))
    except ValueError as exc:
        raise ServiceError(_("Hãy nhập một số nguyên."), field=spec.name) from exc
    if not 0 <= number <= spec.maximum:
        raise ServiceError(_("Số phải từ 0 đến %(max)s.") % {"max": spec.maximum}, field=spec.name)
    return number


def ids_in(data: dict[str, Any], name: str) -> list[int]:
    """The list of integer ids ``data[name]`` (empty when absent); malformed → ServiceError."""
    raw = data.get(name) or []
    if not isinstance(raw, list):
        raise ServiceError(_("Dữ liệu của hoạt động không hợp lệ."), field=name)
    try:
        return sorted({int(x) for x in raw})
    except (TypeError, ValueError) as exc:
        raise ServiceError(_("Dữ liệu của hoạt động không hợp lệ."), field=name) from exc


def optional_id(data: dict[str, Any], name: str) -> int | None:
    value = data.get(name)
    if value in (None, ""):
        return None
    try:
        return int(str(value))
    except ValueError as exc:
        raise ServiceError(_("Dữ liệu của hoạt động không hợp lệ."), field=name) from exc


def pks(values: object) -> list[int]:
    """Primary keys of a cleaned ModelMultipleChoiceField value (a queryset or list)."""
    return sorted(int(obj.pk) for obj in (values or []))  # type: ignore[attr-defined]
