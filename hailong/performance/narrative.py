"""The SIPAS report's narrative sections, prefilled from the figures for the officer to edit.

Every figure is written through ``format_pct`` (two decimals, half up, decimal comma), the one
rounding of the project, so the words agree with the charts and annex tables to the last digit.
A line starting with "- " becomes a bullet in the document; a blank line separates paragraphs.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hailong.indices.engine import format_pct
from hailong.performance.models import ActionStatus
from hailong.performance.points import format_points
from hailong.performance.report_data import SipasReportData
from hailong.reports.letterhead import committee_in_text

TOP = 3


@dataclass(frozen=True)
class Section:
    key: str
    heading: object  # lazy text
    rows: int = 6


SECTIONS: tuple[Section, ...] = (
    Section("purpose", gettext_lazy("Mục đích, yêu cầu"), 5),
    Section("method", gettext_lazy("Phương pháp và mẫu khảo sát"), 7),
    Section("results", gettext_lazy("Kết quả chung"), 7),
    Section("strengths", gettext_lazy("Ưu điểm"), 5),
    Section("weaknesses", gettext_lazy("Hạn chế"), 5),
    Section("causes", gettext_lazy("Nguyên nhân"), 5),
    Section("solutions", gettext_lazy("Giải pháp, kiến nghị"), 8),
)
KEYS = tuple(s.key for s in SECTIONS)
MAX_LENGTH = 6000


def pct(value: float | None) -> str:
    return f"{format_pct(value)}%"


def prefill(data: SipasReportData) -> dict[str, str]:
    """Each section's text, in Vietnamese (documents are Vietnamese whatever the UI language)."""
    with translation.override("vi"):
        return {
            "purpose": _purpose(data),
            "method": _method(data),
            "results": _results(data),
            "strengths": _strengths(data),
            "weaknesses": _weaknesses(data),
            "causes": _causes(data),
            "solutions": _solutions(data),
        }


def _unit_text(data: SipasReportData) -> str:
    return committee_in_text(data.unit)


def _purpose(data: SipasReportData) -> str:
    return _(
        "Thực hiện %(basis)s, %(unit)s tổ chức khảo sát, đo lường sự hài lòng của người dân, "
        "tổ chức đối với sự phục vụ hành chính năm %(year)s nhằm đánh giá khách quan chất lượng "
        "phục vụ của cơ quan hành chính; xác định những mặt được người dân, tổ chức đánh giá cao "
        "và những hạn chế cần khắc phục, làm căn cứ đề ra giải pháp nâng cao chất lượng phục vụ."
        "\n\nViệc khảo sát bảo đảm khách quan, đúng phương pháp; thông tin cá nhân của người trả "
        "lời được giữ bí mật và chỉ dùng cho mục đích thống kê."
    ) % {
        "basis": data.definition.legal_basis or _("kế hoạch cải cách hành chính"),
        "unit": _unit_text(data),
        "year": data.scope.year,
    }


def _method(data: SipasReportData) -> str:
    results, waves = data.results, data.scope.waves
    version = results.wave.method_version
    channels = sorted({_lower_first(c) for w in waves for c in w.get_channels_display()})
    types = sorted({_lower_first(t) for w in waves for t in w.get_respondent_types_display()})
    done = 100 * results.n / data.target_sample if data.target_sample else None
    text = _(
        "Khảo sát áp dụng phương pháp «%(name)s» (mã %(code)s, phiên bản %(v)s), căn cứ %(basis)s."
        "\n\n- Thời gian khảo sát: từ %(a)s đến %(b)s;"
        "\n- Đối tượng: %(types)s;"
        "\n- Hình thức thu thập: %(channels)s;"
        "\n- Số phiếu hợp lệ: %(n)s/%(target)s phiếu theo kế hoạch (đạt %(done)s)."
    ) % {
        "name": results.definition.name.get("vi"),
        "code": version.method.code,
        "v": version.number,
        "basis": results.definition.legal_basis or "–",
        "a": f"{min(w.opens_on for w in waves):%d/%m/%Y}",
        "b": f"{max(w.closes_on for w in waves):%d/%m/%Y}",
        "types": ", ".join(types) or "–",
        "channels": ", ".join(channels) or "–",
        "n": _count(results.n),
        "target": _count(data.target_sample),
        "done": pct(done),
    }
    return text + "\n\n" + _formula_text(data)


def _formula_text(data: SipasReportData) -> str:
    formula = data.definition.formula
    satisfied = ", ".join(str(v) for v in formula.satisfied)
    overall = (
        _("trung bình cộng chỉ số của các phần: %(parts)s")
        % {"parts": ", ".join(f"«{p.name}»" for p in data.results.parts)}
        if formula.overall == "mean_of_parts"
        else _("trung bình cộng chỉ số của các yếu tố")
    )
    return _(
        "Tỷ lệ hài lòng của mỗi tiêu chí là số ý kiến chọn mức %(sat)s («Hài lòng», «Rất hài "
        "lòng») chia cho số ý kiến hợp lệ của tiêu chí đó (không tính ô bỏ trống và «không áp "
        "dụng»); chỉ số của mỗi yếu tố là trung bình cộng tỷ lệ của các tiêu chí thuộc yếu "
        "tố; chỉ số hài lòng chung là %(overall)s. Các tỷ lệ ghi hai chữ số thập phân, làm "
        "tròn nửa lên; "
        "khoảng tin cậy 95%% theo phương pháp Wilson."
    ) % {"sat": satisfied, "overall": overall}


def _results(data: SipasReportData) -> str:
    results = data.results
    if results.overall is None:
        return _("Chưa có phiếu hợp lệ nên chưa tính được chỉ số hài lòng.")
    lines = [
        _("Chỉ số hài lòng chung của %(unit)s năm %(year)s đạt %(overall)s (%(n)s phiếu hợp lệ).")
        % {
            "unit": _unit_text(data),
            "year": data.scope.year,
            "overall": pct(results.overall),
            "n": _count(results.n),
        }
    ]
    if results.parts:
        parts = "; ".join(f"{p.name}: {pct(p.index)}" for p in results.parts)
        lines.append(_("Theo từng phần: %(parts)s.") % {"parts": parts})
    lines.append(_("Chỉ số theo từng yếu tố:"))
    lines += [f"- {e.name}: {pct(e.index)};" for e in results.elements]
    lines[-1] = lines[-1].rstrip(";") + "."
    if data.points is not None and data.points.points is not None:
        lines.append(
            _(
                "Theo quy tắc quy đổi điểm của %(province)s (%(basis)s), kết quả này tương ứng "
                "%(points)s/%(max)s điểm của chỉ số hài lòng trong Bộ chỉ số cải cách hành chính."
            )
            % {
                "province": data.points.rule.province.name,
                "basis": data.points.rule.legal_basis,
                "points": format_points(data.points.points),
                "max": format_points(data.points.max_points),
            }
        )
    return "\n".join(lines)


def _strengths(data: SipasReportData) -> str:
    results = data.results
    best = results.strongest(TOP)
    if not best:
        return _("Chưa có số liệu.")
    elements = [e for e in results.elements if e.index is not None]
    top = max(elements, key=lambda e: e.index or 0.0) if elements else None
    lines = [_("Các tiêu chí được người dân, tổ chức đánh giá cao nhất:")]
    lines += [f"- {i.text.rstrip('.')} ({pct(i.satisfied_pct)});" for i in best]
    lines[-1] = lines[-1].rstrip(";") + "."
    if top is not None:
        lines.append(
            _("Yếu tố có chỉ số cao nhất là «%(name)s» (%(pct)s).")
            % {"name": top.name, "pct": pct(top.index)}
        )
    return "\n".join(lines)


def _weaknesses(data: SipasReportData) -> str:
    results = data.results
    weak = results.weakest(TOP)
    if not weak:
        return _("Chưa có số liệu.")
    elements = [e for e in results.elements if e.index is not None]
    low = min(elements, key=lambda e: e.index or 0.0) if elements else None
    lines = [_("Các tiêu chí có tỷ lệ hài lòng thấp nhất:")]
    lines += [
        _("- %(text)s (%(pct)s, %(n)s ý kiến);")
        % {"text": i.text.rstrip("."), "pct": pct(i.satisfied_pct), "n": _count(i.n)}
        for i in weak
    ]
    lines[-1] = lines[-1].rstrip(";") + "."
    if low is not None:
        lines.append(
            _("Yếu tố có chỉ số thấp nhất là «%(name)s» (%(pct)s).")
            % {"name": low.name, "pct": pct(low.index)}
        )
    return "\n".join(lines)


def _causes(data: SipasReportData) -> str:
    return _(
        "Nguyên nhân khách quan: …"
        "\n\nNguyên nhân chủ quan: …"
        "\n\n(Đề nghị bộ phận chủ trì của từng tiêu chí nêu tại mục Hạn chế bổ sung nguyên nhân "
        "trước khi trình ký.)"
    )


def _solutions(data: SipasReportData) -> str:
    if not data.actions:
        return _(
            "Chưa có hành động cải thiện nào được lập cho đợt khảo sát này. Đề nghị các bộ phận "
            "đề xuất giải pháp cho từng tiêu chí nêu tại mục Hạn chế."
        )
    lines = [_("%(unit)s đã và đang triển khai các giải pháp sau:") % {"unit": _unit_text(data)}]
    for action in data.actions:
        lines.append(f"- {_action_line(action)}")
    return "\n".join(lines)


def _action_line(action: object) -> str:
    from hailong.performance.models import ImprovementAction

    assert isinstance(action, ImprovementAction)
    parts = [action.what.rstrip(".")]
    if action.department is not None:
        parts.append(_("chủ trì: %(d)s") % {"d": action.department.name})
    if action.status == ActionStatus.DONE:
        parts.append(_("đã hoàn thành: %(o)s") % {"o": action.outcome.rstrip(".")})
    else:
        parts.append(
            _("thời hạn %(day)s (%(status)s)")
            % {"day": f"{action.deadline:%d/%m/%Y}", "status": action.get_status_display().lower()}
        )
    return "; ".join(parts) + "."


def _lower_first(text: str) -> str:
    """ "Biểu mẫu trực tuyến (…, mã QR)" → "biểu mẫu trực tuyến (…, mã QR)": acronyms stay."""
    return text[:1].lower() + text[1:]


def _count(value: float) -> str:
    return f"{round(value):,}".replace(",", ".")
