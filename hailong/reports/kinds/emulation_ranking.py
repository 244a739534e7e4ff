"""``emulation_ranking``: the thi đua ranking of a ward for its emulation council.

PDF/DOCX: a BÁO CÁO with the rules, then departments, officers and residential groups ranked.
XLSX/CSV: one table (group, rank, name, rated, satisfied, share, interval, standing) with the
period, the minimum and the rules in the file's meta. Only aggregates, never a dossier.

Params: ``start``/``end`` (dd/mm/yyyy, default: the year of the latest rating), ``min_n``
(default ``emulation.DEFAULT_MIN_N``, never under the small-cell threshold).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hailong.indices.engine import format_pct, round_pct
from hailong.performance import ranking
from hailong.performance.emulation import (
    DEFAULT_MIN_N,
    EmulationRanking,
    Period,
    default_period,
    emulation_ranking,
    min_n_floor,
    rules_text,
)
from hailong.reports.document import AdminDocument, Block, BulletList, Heading, Paragraph, Table
from hailong.reports.exports import Cell, ExportMeta, TableStream
from hailong.reports.kinds.base import ReportKind
from hailong.reports.letterhead import chair_signer, committee_in_text, document_day, letterhead
from hailong.units.models import AdministrativeUnit, UnitLevel

if TYPE_CHECKING:
    from hailong.reports.models import ReportJob


class EmulationRankingKind(ReportKind):
    key = "emulation_ranking"
    label = gettext_lazy("Xếp hạng thi đua theo mức độ hài lòng")
    slug = "xep-hang-thi-dua"
    formats = ("pdf", "docx", "xlsx", "csv")

    def available_for(self, unit: AdministrativeUnit) -> bool:
        return unit.level == UnitLevel.COMMUNE

    def document(self, job: ReportJob) -> AdminDocument:
        data = ranking_for(job)
        head = letterhead(job.unit)
        return AdminDocument(
            issuing_body_parent=head.issuing_body_parent,
            issuing_body=head.issuing_body,
            number_symbol="Số:       /BC-UBND",
            place=head.place,
            date=document_day(job.params, timezone.localdate(job.created_at)),
            kind=_("BÁO CÁO"),
            title=_(
                "Kết quả xếp hạng mức độ hài lòng của người dân, tổ chức đối với các bộ phận, "
                "cán bộ, công chức (phục vụ bình xét thi đua, khen thưởng), kỳ %(period)s"
            )
            % {"period": data.period.label},
            sections=_sections(data),
            recipients=(
                _("Hội đồng Thi đua – Khen thưởng %(kind)s")
                % {"kind": job.unit.get_kind_display().lower()},
                _("Các bộ phận chuyên môn"),
                _("Lưu: VT"),
            ),
            signer=chair_signer(job.unit),
        )

    def table(self, job: ReportJob) -> TableStream:
        data = ranking_for(job)
        meta = ExportMeta(
            filters={
                _("Đơn vị"): job.unit.name,
                _("Kỳ"): data.period.label,
                _("Số đánh giá tối thiểu"): str(data.min_n),
            },
            notes=tuple(rules_text(data.min_n)),
        )
        rows = list(_rows(data))
        return TableStream(
            headers=[
                _("Nhóm"),
                _("Hạng"),
                _("Tên"),
                _("Số hồ sơ được đánh giá"),
                _("Số hài lòng"),
                _("Tỷ lệ hài lòng (%)"),
                _("KTC 95% từ"),
                _("KTC 95% đến"),
                _("Ghi chú"),
            ],
            rows=rows,
            meta=meta,
            sheet_title=_("Xếp hạng thi đua"),
            total=len(rows),
        )


def period_from(params: dict[str, Any], unit: AdministrativeUnit) -> Period:
    start, end = _day(params.get("start")), _day(params.get("end"))
    if start is None or end is None or end < start:
        return default_period(unit)
    return Period(start, end)


def min_n_from(params: dict[str, Any]) -> int:
    value = params.get("min_n")
    number = value if isinstance(value, int) and not isinstance(value, bool) else DEFAULT_MIN_N
    return max(number, min_n_floor())


def ranking_for(job: ReportJob) -> EmulationRanking:
    return emulation_ranking(job.unit, period_from(job.params, job.unit), min_n_from(job.params))


def _day(value: object) -> dt.date | None:
    if not isinstance(value, str):
        return None
    try:
        return dt.datetime.strptime(value, "%d/%m/%Y").date()  # noqa: DTZ007
    except ValueError:
        return None


def standing_label(row: ranking.Ranked) -> str:
    labels = {
        "ranked": "",
        "too_few": _("chưa đủ số đánh giá"),
        "none": _("chưa có đánh giá"),
    }
    return labels[row.standing]


def _rows(data: EmulationRanking) -> Iterator[list[Cell]]:
    for group, rows in ((_("Bộ phận"), data.departments), (_("Cán bộ, công chức"), data.officers)):
        for row in rows:
            ranked = row.standing == "ranked"
            yield [
                group,
                row.rank,
                row.name,
                row.rated,
                row.satisfied if ranked else None,
                round_pct(row.share) if ranked else None,
                round_pct(row.ci_low) if ranked else None,
                round_pct(row.ci_high) if ranked else None,
                standing_label(row),
            ]
    for source in data.groups:
        for score in source.rows:
            yield [
                f"{_('Tổ dân phố')} – {source.label}",
                score.rank,
                score.name,
                None,
                None,
                round_pct(score.score),
                None,
                None,
                "" if score.score is not None else _("chưa có điểm"),
            ]


def _sections(data: EmulationRanking) -> list[Block]:
    unit = committee_in_text(data.unit)
    blocks: list[Block] = [
        Paragraph(
            _(
                "%(unit)s báo cáo kết quả xếp hạng mức độ hài lòng của người dân, tổ chức đối "
                "với các bộ phận, cán bộ, công chức qua đánh giá từng hồ sơ thủ tục hành chính "
                "trong kỳ %(period)s (%(n)s hồ sơ được đánh giá, tỷ lệ hài lòng chung %(pct)s%%), "
                "làm căn cứ để Hội đồng Thi đua – Khen thưởng bình xét như sau:"
            )
            % {
                "unit": unit,
                "period": data.period.label,
                "n": data.rated,
                "pct": format_pct(data.share),
            }
        ),
        Heading(_("Cách tính và xếp hạng")),
        BulletList(tuple(rules_text(data.min_n))),
        Heading(_("Xếp hạng các bộ phận")),
        _table(data.departments, _("Bộ phận")),
        Heading(_("Xếp hạng cán bộ, công chức")),
        _table(data.officers, _("Cán bộ, công chức")),
    ]
    unassigned = [
        (data.unassigned_department, _("chưa ghi bộ phận")),
        (data.unassigned_officer, _("chưa ghi cán bộ xử lý")),
    ]
    for count, what in unassigned:
        if count:
            blocks.append(
                Paragraph(
                    _("%(n)s hồ sơ được đánh giá %(what)s nên không tính cho ai.")
                    % {"n": count, "what": what},
                    italic=True,
                )
            )
    blocks += [Heading(_("Xếp hạng tổ dân phố")), *_group_blocks(data)]
    blocks.append(
        Paragraph(
            _("Trên đây là kết quả xếp hạng phục vụ bình xét thi đua, khen thưởng của %(unit)s./.")
            % {"unit": unit}
        )
    )
    return blocks


def _table(rows: list[ranking.Ranked], header: str) -> Table | Paragraph:
    if not rows:
        return Paragraph(_("Chưa có số liệu."), italic=True)
    body = tuple(
        (
            str(row.rank) if row.rank is not None else "–",
            row.name,
            str(row.rated),
            format_pct(row.share) if row.standing == "ranked" else standing_label(row),
            (
                f"{format_pct(row.ci_low)}–{format_pct(row.ci_high)}"
                if row.standing == "ranked"
                else ""
            ),
        )
        for row in rows
    )
    return Table(
        headers=(
            _("Hạng"),
            header,
            _("Số hồ sơ được đánh giá"),
            _("Tỷ lệ hài lòng (%)"),
            _("KTC 95% (%)"),
        ),
        rows=body,
        widths=(1.2, 6.8, 2.4, 2.6, 3.0),
        align=("center", "left", "right", "right", "center"),
    )


def _group_blocks(data: EmulationRanking) -> list[Block]:
    if not data.groups:
        return [
            Paragraph(
                _(
                    "Chưa có nguồn điểm nào cho tổ dân phố: điểm công tác tuyên truyền, vận động "
                    "sẽ được tính khi triển khai chiến dịch truyền thông."
                ),
                italic=True,
            )
        ]
    blocks: list[Block] = []
    for source in data.groups:
        blocks += [
            Heading(str(source.label), level=2),
            Paragraph(source.rules),
            Table(
                headers=(_("Hạng"), _("Tổ dân phố"), _("Điểm")),
                rows=tuple(
                    (
                        str(s.rank) if s.rank is not None else "–",
                        s.name,
                        format_pct(s.score) if s.score is not None else _("chưa có điểm"),
                    )
                    for s in source.rows
                ),
                widths=(1.2, 10.0, 4.0),
                align=("center", "left", "right"),
            ),
        ]
    return blocks
