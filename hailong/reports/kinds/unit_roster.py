"""``unit_roster``: the departments, officers, residential groups and mass organisations of a
commune-level unit, as a report in the administrative layout (PDF, DOCX) or, for the officers
alone, as a table (XLSX, CSV)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hailong.reports.document import (
    AdminDocument,
    Align,
    Block,
    BulletList,
    Heading,
    Paragraph,
    Table,
)
from hailong.reports.exports import Cell, ExportMeta, TableStream
from hailong.reports.kinds.base import ReportKind
from hailong.reports.letterhead import (
    chair_signer,
    committee_in_text,
    document_day,
    letterhead,
)
from hailong.reports.selectors import Roster, roster
from hailong.units.models import AdministrativeUnit, Officer, UnitLevel

if TYPE_CHECKING:
    from hailong.reports.models import ReportJob


class UnitRoster(ReportKind):
    key = "unit_roster"
    label = gettext_lazy("Danh sách đơn vị, bộ phận và cán bộ")
    slug = "danh-sach-can-bo"
    formats = ("pdf", "docx", "xlsx", "csv")

    def available_for(self, unit: AdministrativeUnit) -> bool:
        return unit.level == UnitLevel.COMMUNE

    def document(self, job: ReportJob) -> AdminDocument:
        unit = job.unit
        day = document_day(job.params, timezone.localdate(job.created_at))
        head = letterhead(unit)
        data = roster(unit, day)
        kind_word = unit.get_kind_display().lower()
        return AdminDocument(
            issuing_body_parent=head.issuing_body_parent,
            issuing_body=head.issuing_body,
            number_symbol="Số:       /BC-UBND",
            place=head.place,
            date=day,
            kind=_("BÁO CÁO"),
            title=_("Danh sách đơn vị, bộ phận và cán bộ, công chức %(unit)s")
            % {"unit": _in_sentence(unit.name)},
            sections=_sections(unit, day.strftime("%d/%m/%Y"), data),
            recipients=_recipients(unit, kind_word),
            signer=chair_signer(unit),
        )

    def table(self, job: ReportJob) -> TableStream:
        unit = job.unit
        day = document_day(job.params, timezone.localdate(job.created_at))
        officers = roster(unit, day).officers
        meta = ExportMeta(
            filters={_("Đơn vị"): unit.name, _("Ngày"): day.strftime("%d/%m/%Y")},
            notes=(_("Chỉ gồm cán bộ, công chức đang công tác."),),
        )
        headers = [_("TT"), _("Họ và tên"), _("Chức danh"), _("Bộ phận"), _("Mã cán bộ")]
        return TableStream(
            headers=headers,
            rows=_officer_rows(officers),
            meta=meta,
            sheet_title=_("Cán bộ, công chức"),
            total=len(officers),
        )


def _sections(unit: AdministrativeUnit, day: str, data: Roster) -> list[Block]:
    name = committee_in_text(unit)
    intro = _(
        "%(name)s báo cáo danh sách các bộ phận chuyên môn, cán bộ, công chức, tổ dân phố và "
        "các tổ chức chính trị – xã hội của đơn vị tính đến ngày %(day)s như sau:"
    ) % {"name": name, "day": day}
    return [
        Paragraph(intro),
        Heading(_("Thông tin chung")),
        BulletList(tuple(_facts(unit, data))),
        Heading(_("Các bộ phận chuyên môn")),
        _department_table(data),
        Heading(_("Cán bộ, công chức")),
        _officer_table(data),
        Heading(_("Tổ dân phố, thôn")),
        _group_table(data),
        Heading(_("Tổ chức chính trị – xã hội")),
        _organisation_table(data),
        Paragraph(
            _("Trên đây là danh sách đơn vị, bộ phận và cán bộ, công chức của %(name)s./.")
            % {"name": name}
        ),
    ]


def _facts(unit: AdministrativeUnit, data: Roster) -> Iterator[str]:
    facts: Sequence[tuple[str, object]] = [
        (_("Trụ sở"), unit.address),
        (_("Điện thoại"), unit.phone),
        (_("Thư điện tử"), unit.email),
        (_("Dân số"), unit.population and _count(unit.population)),
        (_("Số hộ"), unit.households and _count(unit.households)),
    ]
    for label, value in facts:
        if value:
            yield f"{label}: {value};"
    yield _("Số bộ phận chuyên môn: %(n)s; số cán bộ, công chức: %(m)s;") % {
        "n": len(data.departments),
        "m": len(data.officers),
    }
    yield _("Số tổ dân phố, thôn: %(n)s; số tổ chức chính trị – xã hội: %(m)s.") % {
        "n": len(data.groups),
        "m": len(data.organisations),
    }


def _department_table(data: Roster) -> Table | Paragraph:
    rows = tuple(
        (str(i), d.name, str(getattr(d, "officer_count", 0)))
        for i, d in enumerate(data.departments, start=1)
    )
    headers = (_("TT"), _("Tên bộ phận"), _("Số cán bộ, công chức"))
    return _table_or_none(headers, rows, (0.7, 8, 2.4), ("center", "left", "center"))


def _officer_table(data: Roster) -> Table | Paragraph:
    rows = tuple(
        (str(i), o.full_name, o.title, o.department.name if o.department else "")
        for i, o in enumerate(data.officers, start=1)
    )
    headers = (_("TT"), _("Họ và tên"), _("Chức danh"), _("Bộ phận"))
    return _table_or_none(headers, rows, (0.7, 3.6, 4.4, 4.3), ("center",))


def _group_table(data: Roster) -> Table | Paragraph:
    rows = tuple(
        (str(i), g.name, _count(g.households) if g.households else "")
        for i, g in enumerate(data.groups, start=1)
    )
    headers = (_("TT"), _("Tên"), _("Số hộ"))
    return _table_or_none(headers, rows, (0.7, 6, 2), ("center", "left", "right"))


def _organisation_table(data: Roster) -> Table | Paragraph:
    rows = tuple(
        (str(i), o.name, o.leader_name, _count(o.members) if o.members else "")
        for i, o in enumerate(data.organisations, start=1)
    )
    headers = (_("TT"), _("Tên tổ chức"), _("Người đứng đầu"), _("Số hội viên"))
    return _table_or_none(headers, rows, (0.7, 6, 3.6, 1.8), ("center", "left", "left", "right"))


def _table_or_none(
    headers: tuple[str, ...],
    rows: tuple[tuple[str, ...], ...],
    widths: tuple[float, ...],
    align: tuple[Align, ...],
) -> Table | Paragraph:
    if not rows:
        return Paragraph(_("Chưa có số liệu."), italic=True)
    return Table(headers=headers, rows=rows, widths=widths, align=align)


def _officer_rows(officers: list[Officer]) -> Iterator[list[Cell]]:
    for i, officer in enumerate(officers, start=1):
        department = officer.department.name if officer.department else ""
        yield [i, officer.full_name, officer.title, department, officer.code]


def _recipients(unit: AdministrativeUnit, kind_word: str) -> tuple[str, ...]:
    above = (committee_in_text(unit.parent),) if unit.parent is not None else ()
    return (
        *above,
        _("Chủ tịch, các Phó Chủ tịch UBND %(kind)s") % {"kind": kind_word},
        _("Các bộ phận chuyên môn"),
        _("Lưu: VT"),
    )


def _in_sentence(name: str) -> str:
    """``Phường Vĩnh Phúc`` → ``phường Vĩnh Phúc`` (the kind word is lower case mid-sentence)."""
    return f"{name[:1].lower()}{name[1:]}"


def _count(value: int) -> str:
    return f"{value:,}".replace(",", ".")
