"""``ward_ranking``: the commune-level units of a province or city ranked by their overall index
(XLSX, CSV), with the method version, year, map view and filters written in the file.

Small cells are suppressed as on the page for the person who asked (other wards than their own),
and for every ward when the file is marked public.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hailong.indices import smallcells
from hailong.indices.exporting import pct
from hailong.indices.ranking import (
    SORTS,
    RankingQuery,
    RankRow,
    default_query,
    ranking,
    ranking_options,
    version_label,
)
from hailong.jobs.base import JobFailed
from hailong.reports.exports import Cell, ExportMeta, TableStream
from hailong.reports.kinds.base import ReportKind
from hailong.units.models import AdministrativeUnit, UnitLevel

if TYPE_CHECKING:
    from hailong.reports.models import ReportJob


def query_params(query: RankingQuery) -> dict[str, Any]:
    return {
        "version": query.version_id,
        "year": query.year,
        "mapped": query.mapped,
        "district": query.district_id,
        "min_n": query.min_n,
        "sort": query.sort,
    }


def query_from(job: ReportJob) -> RankingQuery:
    params = job.params
    if not isinstance(params.get("version"), int) or not isinstance(params.get("year"), int):
        default = default_query(job.unit, ranking_options(job.unit))
        if default is None:
            raise JobFailed(_("Chưa có đợt khảo sát nào trong địa bàn này."))
        return default
    district = params.get("district")
    return RankingQuery(
        version_id=params["version"],
        year=params["year"],
        mapped=bool(params.get("mapped", True)),
        district_id=district if isinstance(district, int) else None,
        min_n=max(0, int(params.get("min_n") or 0)),
        sort=params["sort"] if params.get("sort") in SORTS else "hang",
    )


class WardRanking(ReportKind):
    key = "ward_ranking"
    label = gettext_lazy("Xếp hạng chỉ số hài lòng của các xã, phường")
    slug = "xep-hang-chi-so"
    formats = ("xlsx", "csv")

    def available_for(self, unit: AdministrativeUnit) -> bool:
        return unit.level == UnitLevel.PROVINCE

    def table(self, job: ReportJob) -> TableStream:
        query = query_from(job)
        public = bool(job.params.get("public"))
        own = () if public or job.created_by is None else smallcells.own_paths(job.created_by)
        rows = ranking(job.unit, query, own_paths=own)
        view = (
            _("đơn vị hiện nay, gộp đơn vị cũ theo tỷ trọng")
            if query.mapped
            else _("đơn vị như tại thời điểm khảo sát")
        )
        filters = {_("Địa bàn"): job.unit.name, _("Năm"): str(query.year), _("Địa giới"): view}
        filters.update(job.params.get("labels") or {})
        notes = [
            _("Xếp hạng theo chỉ số làm tròn 2 chữ số thập phân; bằng nhau cùng hạng."),
            smallcells.suppressed_note() + ".",
        ]
        return TableStream(
            headers=[
                _("Hạng"),
                _("Đơn vị"),
                _("Quận, huyện (cũ)"),
                _("Số phiếu hợp lệ"),
                _("Chỉ số hài lòng (%)"),
                _("Cận dưới KTC 95% (%)"),
                _("Cận trên KTC 95% (%)"),
                _("Gồm số liệu của"),
                _("Ghi chú"),
            ],
            rows=_rows(rows),
            meta=ExportMeta(
                method=version_label(query.version_id), filters=filters, notes=tuple(notes)
            ),
            sheet_title=_("Xếp hạng"),
            total=len(rows),
        )


def _rows(rows: list[RankRow]) -> Iterator[list[Cell]]:
    note = smallcells.suppressed_note()
    for row in rows:
        yield [
            row.rank,
            row.unit.name,
            row.district,
            None if row.suppressed else round(row.n, 2),
            pct(row.overall),
            pct(row.ci[0]) if row.ci else None,
            pct(row.ci[1]) if row.ci else None,
            "; ".join(row.sources),
            note if row.suppressed else ("" if row.overall is not None else _("Chưa có số liệu")),
        ]
