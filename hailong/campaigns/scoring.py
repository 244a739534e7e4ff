"""The campaign's source for the emulation ranking of residential groups (thi đua).

``hailong.performance.sources`` is a registry of residential-group scorers; when that app is
present this module registers ``CampaignWork`` in it (a registry entry, made once at start-up
from ``CampaignsConfig.ready``). Without it, ``reporting.campaign_scores`` is the selector to
call.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

    from hailong.units.models import AdministrativeUnit

SOURCE_KEY = "campaign_work"


class CampaignWork:
    key = SOURCE_KEY
    label: StrOrPromise = _("Công tác tuyên truyền khảo sát")
    rules: StrOrPromise = _(
        "Điểm = tỷ lệ phần trăm số việc tuyên truyền được giao cho tổ dân phố (phát tờ rơi, "
        "đăng bài nhóm Zalo, hội nghị) đã thực hiện trên số việc đến hạn trong kỳ, theo kế "
        "hoạch tuyên truyền đã phê duyệt; thang 0–100. Tổ không có việc đến hạn thì không có "
        "điểm (không tính là 0)."
    )

    def scores(self, unit: AdministrativeUnit, start: dt.date, end: dt.date) -> Iterable[Any]:
        from hailong.campaigns.reporting import campaign_scores
        from hailong.performance.ranking import Score
        from hailong.units.models import AdministrativeUnit

        result = campaign_scores(unit, (start, end))
        names = dict(
            AdministrativeUnit.objects.filter(pk__in=list(result.groups)).values_list("pk", "name")
        )
        for pk, score in result.groups.items():
            tally = result.details[("group", pk)]
            detail = f"{tally.done}/{tally.due}"
            yield Score(key=pk, name=names.get(pk, ""), score=score, detail=detail)


def register_emulation_source() -> bool:
    """Register ``CampaignWork`` with the emulation ranking if that app is installed."""
    if importlib.util.find_spec("hailong.performance.sources") is None:
        return False
    from hailong.performance import sources

    sources.register(CampaignWork())
    return True
