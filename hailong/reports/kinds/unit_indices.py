"""``unit_indices``: the overall index, parts, elements and items of one wave (XLSX, CSV).

Marked public (``params["public"]``), figures from fewer answers than the small-cell threshold
are left empty and say why.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hailong.indices import smallcells
from hailong.indices.dashboard import ward_figures
from hailong.indices.exporting import filters_from_params, index_headers, index_rows
from hailong.reports.exports import TableStream
from hailong.reports.kinds.base import ReportKind
from hailong.reports.kinds.survey_responses import meta_for, wave_for
from hailong.units.models import AdministrativeUnit, UnitLevel

if TYPE_CHECKING:
    from hailong.reports.models import ReportJob


class UnitIndices(ReportKind):
    key = "unit_indices"
    label = gettext_lazy("Chỉ số hài lòng của đợt khảo sát")
    slug = "chi-so-hai-long"
    formats = ("xlsx", "csv")

    def available_for(self, unit: AdministrativeUnit) -> bool:
        return unit.level == UnitLevel.COMMUNE

    def table(self, job: ReportJob) -> TableStream:
        wave = wave_for(job)
        public = bool(job.params.get("public"))
        figures = ward_figures(unit=job.unit, wave=wave, filters=filters_from_params(job.params))
        notes = [_("Tỷ lệ hài lòng = số ý kiến Hài lòng và Rất hài lòng / số ý kiến hợp lệ.")]
        if public:
            notes.append(_("Bản công bố: %(note)s.") % {"note": smallcells.suppressed_note()})
        rows = list(index_rows(figures, public=public))
        return TableStream(
            headers=index_headers(),
            rows=rows,
            meta=meta_for(job, wave, *notes),
            sheet_title=_("Chỉ số"),
            total=len(rows),
        )
