"""``sipas_report``: the ward's report on a survey wave (or a year), PDF and DOCX.

"BÁO CÁO Kết quả khảo sát, đo lường sự hài lòng của người dân, tổ chức đối với sự phục vụ
hành chính năm …", issued by the ward's People's Committee in the Nghị định 30/2020 layout:
narrative sections (prefilled from the figures by ``performance.narrative`` and edited by the
officer before the job starts; kept in ``params["narrative"]``), charts (elements, the weakest
items, the distribution of answers), the method version and its legal basis, and annexes with
every item's figures and the respondents' profile. Every percentage goes through
``format_pct``.

Params: ``scope`` (``dot-<wave pk>`` or ``nam-<year>-<version pk>``; default: the newest
wave), ``narrative`` {section key: text}, ``date`` (dd/mm/yyyy), ``number`` ("125/BC-UBND").
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hailong.campaigns.report_section import campaign_blocks
from hailong.core.text import clean_line
from hailong.indices.engine import format_pct
from hailong.jobs.base import JobFailed
from hailong.performance import narrative
from hailong.performance.report_data import (
    ReportScope,
    SipasReportData,
    report_scope_get,
    report_scopes,
    sipas_report_data,
)
from hailong.performance.selectors import province_pk
from hailong.reports import charts
from hailong.reports.document import (
    AdminDocument,
    Block,
    BulletList,
    ChartBlock,
    Heading,
    Paragraph,
    Table,
)
from hailong.reports.kinds.base import ReportKind
from hailong.reports.letterhead import chair_signer, committee_in_text, document_day, letterhead
from hailong.units.models import AdministrativeUnit, UnitLevel

if TYPE_CHECKING:
    from hailong.reports.models import ReportJob

CHART_ITEMS = 15  # the items chart shows the weakest 15; the annex lists them all
LABEL_CHARS = 60


class SipasReport(ReportKind):
    key = "sipas_report"
    label = gettext_lazy("Báo cáo kết quả khảo sát sự hài lòng (SIPAS)")
    slug = "bao-cao-sipas"
    formats = ("pdf", "docx")

    def available_for(self, unit: AdministrativeUnit) -> bool:
        return unit.level == UnitLevel.COMMUNE

    def document(self, job: ReportJob) -> AdminDocument:
        unit = job.unit
        scope = scope_for(unit, job.params)
        data = sipas_report_data(unit, scope)
        texts = {**narrative.prefill(data), **_edited(job.params)}
        head = letterhead(unit)
        return AdminDocument(
            issuing_body_parent=head.issuing_body_parent,
            issuing_body=head.issuing_body,
            number_symbol=_number(job.params),
            place=head.place,
            date=document_day(job.params, timezone.localdate(job.created_at)),
            kind=_("BÁO CÁO"),
            title=title_for(scope),
            sections=_sections(data, texts),
            recipients=_recipients(unit),
            signer=chair_signer(unit),
            annexes=_annexes(data),
        )


def title_for(scope: ReportScope) -> str:
    return _(
        "Kết quả khảo sát, đo lường sự hài lòng của người dân, tổ chức đối với sự phục vụ "
        "hành chính năm %(year)s"
    ) % {"year": scope.year}


def scope_for(unit: AdministrativeUnit, params: dict[str, Any]) -> ReportScope:
    """The scope the params name, else the newest wave; a unit without waves fails the job."""
    key = params.get("scope")
    scope = report_scope_get(unit, key) if isinstance(key, str) else None
    if scope is None:
        scopes = report_scopes(unit)
        if not scopes:
            raise JobFailed(_("Đơn vị chưa có đợt khảo sát nào để báo cáo."))
        scope = scopes[0]
    return scope


def _edited(params: dict[str, Any]) -> dict[str, str]:
    given = params.get("narrative")
    if not isinstance(given, dict):
        return {}
    return {
        key: str(value)[: narrative.MAX_LENGTH]
        for key, value in given.items()
        if key in narrative.KEYS and isinstance(value, str) and value.strip()
    }


def _number(params: dict[str, Any]) -> str:
    number = clean_line(str(params.get("number") or ""))
    return number or "Số:       /BC-UBND"


def text_blocks(text: str) -> list[Block]:
    """An edited section as blocks: a blank line separates paragraphs; "- " lines are bullets."""
    blocks: list[Block] = []
    bullets: list[str] = []
    for raw in text.replace("\r\n", "\n").split("\n"):
        line = raw.strip()
        if line.startswith(("- ", "+ ", "• ")):
            bullets.append(line[2:].strip())
            continue
        if bullets:
            blocks.append(BulletList(tuple(bullets)))
            bullets = []
        if line:
            blocks.append(Paragraph(line))
    if bullets:
        blocks.append(BulletList(tuple(bullets)))
    return blocks


def _sections(data: SipasReportData, texts: dict[str, str]) -> list[Block]:
    results = data.results
    blocks: list[Block] = [Heading(_("Mục đích, yêu cầu")), *text_blocks(texts["purpose"])]
    blocks += [Heading(_("Phương pháp và mẫu khảo sát")), *text_blocks(texts["method"])]
    blocks += [Heading(_("Kết quả khảo sát")), Heading(_("Kết quả chung"), level=2)]
    blocks += text_blocks(texts["results"])
    if results.overall is not None:
        blocks += [
            ChartBlock(_elements_chart(data)),
            Heading(_("Kết quả theo từng tiêu chí"), level=2),
            ChartBlock(_items_chart(data)),
            Paragraph(_("Số liệu đầy đủ của từng tiêu chí tại Phụ lục 1."), italic=True),
            Heading(_("Phân bố mức độ hài lòng"), level=2),
            ChartBlock(_distribution_chart(data)),
        ]
    blocks += [Heading(_("Ưu điểm"), level=2), *text_blocks(texts["strengths"])]
    blocks += [Heading(_("Hạn chế"), level=2), *text_blocks(texts["weaknesses"])]
    blocks += campaign_blocks(data.unit, data.scope.year, data.scope.waves)
    blocks += [Heading(_("Nguyên nhân")), *text_blocks(texts["causes"])]
    blocks += [Heading(_("Giải pháp, kiến nghị")), *text_blocks(texts["solutions"])]
    blocks.append(
        Paragraph(
            _(
                "Trên đây là báo cáo kết quả khảo sát, đo lường sự hài lòng của người dân, tổ "
                "chức đối với sự phục vụ hành chính năm %(year)s của %(unit)s./."
            )
            % {"year": data.scope.year, "unit": committee_in_text(data.unit)}
        )
    )
    return blocks


def _short(text: str) -> str:
    text = text.rstrip(".")
    return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1].rstrip() + "…"


def _elements_chart(data: SipasReportData) -> charts.Chart:
    results = data.results
    return charts.bar_chart(
        _("Chỉ số hài lòng theo yếu tố"),
        [(e.name, e.index) for e in results.elements],
        reference=results.overall,
        reference_label=_("Chỉ số chung"),
        label_header=_("Yếu tố"),
        value_header=_("Chỉ số (%)"),
    )


def _items_chart(data: SipasReportData) -> charts.Chart:
    weakest = data.results.weakest()
    shown = weakest[:CHART_ITEMS]
    title = (
        _("%(n)s tiêu chí có tỷ lệ hài lòng thấp nhất") % {"n": len(shown)}
        if len(weakest) > CHART_ITEMS
        else _("Tỷ lệ hài lòng theo tiêu chí, thấp nhất trước")
    )
    return charts.bar_chart(
        title,
        [(f"{i.code} {_short(i.text)}", i.satisfied_pct) for i in shown],
        label_header=_("Tiêu chí"),
        value_header=_("Tỷ lệ hài lòng (%)"),
    )


def _distribution_chart(data: SipasReportData) -> charts.Chart:
    results = data.results
    rows = []
    for element in results.elements:
        totals = [0.0] * len(results.scale_labels)
        for item in results.items:
            if item.element == element.code:
                for position, value in enumerate(sorted(item.distribution)):
                    if position < len(totals):
                        totals[position] += item.distribution[value]
        rows.append((element.name, [round(t) for t in totals]))
    return charts.stacked_distribution(
        _("Phân bố ý kiến theo mức độ hài lòng, từng yếu tố"),
        rows,
        level_labels=results.scale_labels,
        label_header=_("Yếu tố"),
    )


def _annexes(data: SipasReportData) -> list[Block]:
    reference = _("(Kèm theo Báo cáo kết quả khảo sát sự hài lòng năm %(year)s của %(unit)s)") % {
        "year": data.scope.year,
        "unit": committee_in_text(data.unit),
    }
    version = data.results.wave.method_version
    method = _("Phương pháp: %(name)s, mã %(code)s phiên bản %(v)s; căn cứ %(basis)s.") % {
        "name": data.definition.name.get("vi"),
        "code": version.method.code,
        "v": version.number,
        "basis": data.definition.legal_basis or "–",
    }
    return [
        Heading(_("Phụ lục 1. Kết quả từng tiêu chí"), numbered=False),
        Paragraph(reference, indent=False, italic=True),
        Paragraph(method, indent=False, italic=True),
        _items_table(data),
        Paragraph(
            _(
                "n: số ý kiến hợp lệ; 1–5: số ý kiến ở từng mức, từ «%(low)s» đến «%(high)s»; "
                "TB: điểm trung bình (1–5); KTC 95%%: khoảng tin cậy 95%% (Wilson) của tỷ lệ hài "
                "lòng."
            )
            % {
                "low": data.results.scale_labels[0] if data.results.scale_labels else "1",
                "high": data.results.scale_labels[-1] if data.results.scale_labels else "5",
            },
            indent=False,
            italic=True,
        ),
        Heading(_("Phụ lục 2. Thông tin người trả lời"), numbered=False),
        Paragraph(reference, indent=False, italic=True),
        _profile_table(data),
    ]


def _items_table(data: SipasReportData) -> Table | Paragraph:
    results = data.results
    levels = len(results.scale_labels) or 5
    rows = []
    for item in results.items:
        counts = [item.distribution.get(v, 0) for v in sorted(item.distribution)][:levels]
        interval = (
            f"{format_pct(item.ci_low)}–{format_pct(item.ci_high)}"
            if item.ci_low is not None
            else "–"
        )
        rows.append(
            (
                item.code,
                item.text,
                _count(item.n),
                *(_count(c) for c in counts),
                format_pct(item.satisfied_pct),
                format_pct(item.mean),
                interval,
            )
        )
    if not rows:
        return Paragraph(_("Chưa có số liệu."), italic=True)
    headers = (
        _("Mã"),
        _("Tiêu chí"),
        "n",
        *(str(i) for i in range(1, levels + 1)),
        _("Tỷ lệ hài lòng (%)"),
        _("TB"),
        _("KTC 95%"),
    )
    widths = (1.35, 4.6, 1.0, *([0.85] * levels), 1.55, 1.05, 2.2)
    align = ("left", "left", *(["right"] * (levels + 3)), "center")
    return Table(headers=headers, rows=tuple(rows), widths=widths, align=align)  # type: ignore[arg-type]


def _profile_table(data: SipasReportData) -> Table | Paragraph:
    rows = tuple(
        (
            row.field if i == 0 or data.profile[i - 1].field != row.field else "",
            row.group,
            _count(row.count),
            format_pct(row.share),
        )
        for i, row in enumerate(data.profile)
    )
    if not rows:
        return Paragraph(_("Chưa có số liệu."), italic=True)
    return Table(
        headers=(_("Đặc điểm"), _("Nhóm"), _("Số người"), _("Tỷ lệ (%)")),
        rows=rows,
        widths=(4.2, 7.5, 2.2, 2.2),
        align=("left", "left", "right", "right"),
    )


def _recipients(unit: AdministrativeUnit) -> tuple[str, ...]:
    parent = unit.parent
    above = (
        (_("%(parent)s (để báo cáo)") % {"parent": committee_in_text(parent)},)
        if parent is not None
        else ()
    )
    kind_word = unit.get_kind_display().lower()
    province = AdministrativeUnit.objects.filter(pk=province_pk(unit)).first()
    home_affairs = (
        (_("Sở Nội vụ %(p)s") % {"p": f"{province.name[:1].lower()}{province.name[1:]}"},)
        if province is not None and province.pk != unit.pk
        else ()
    )
    return (
        *above,
        *home_affairs,
        _("Thường trực Đảng ủy, HĐND %(kind)s") % {"kind": kind_word},
        _("Chủ tịch, các Phó Chủ tịch UBND %(kind)s") % {"kind": kind_word},
        _("Các bộ phận chuyên môn"),
        _("Lưu: VT"),
    )


def _count(value: float) -> str:
    return f"{round(value):,}".replace(",", ".")
