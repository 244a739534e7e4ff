"""The registry of report kinds: one module per kind, the same shape (``base.ReportKind``).

To add a kind:

1. a module here with a ``ReportKind`` subclass (``key``, ``label``, ``slug``, ``formats``,
   ``available_for``, and ``document`` and/or ``table``), reading through selectors only;
2. its instance in ``KINDS`` below;
3. ``tests/test_reports_kind_<key>.py``: it builds for the demo data and every format renders.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hailong.reports.kinds.base import ReportKind
from hailong.reports.kinds.campaign_plan import CampaignPlanKind
from hailong.reports.kinds.emulation_ranking import EmulationRankingKind
from hailong.reports.kinds.sipas_report import SipasReport
from hailong.reports.kinds.survey_responses import SurveyResponses
from hailong.reports.kinds.unit_indices import UnitIndices
from hailong.reports.kinds.unit_roster import UnitRoster
from hailong.reports.kinds.ward_ranking import WardRanking

if TYPE_CHECKING:
    from hailong.units.models import AdministrativeUnit

KINDS: dict[str, ReportKind] = {
    kind.key: kind for kind in (UnitRoster(), SurveyResponses(), UnitIndices(), WardRanking())
}

KINDS.update({kind.key: kind for kind in (SipasReport(), EmulationRankingKind())})
KINDS[CampaignPlanKind.key] = CampaignPlanKind()


def kind_get(key: str) -> ReportKind | None:
    return KINDS.get(key)


def kinds_for(unit: AdministrativeUnit) -> list[ReportKind]:
    """The kinds that make sense for ``unit``, in registry order."""
    return [kind for kind in KINDS.values() if kind.available_for(unit)]
