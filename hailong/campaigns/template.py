"""The built-in plan template: Phường Vĩnh Phúc's 2023 communication plan, made general.

Every section of the seed document (``shared/seed/ke-hoach-tuyen-truyen-sipas-2023.txt``) is here
with the unit's kind, names and year as placeholders, so that a plan created from the template
for Vĩnh Phúc 2023 prints the seed's own sentences. Two slips of the seed are corrected: "loa
truyển thanh" (→ "truyền") and "nhóm zalo" (→ "Zalo"). The legal references keep the seed's
numbers and days, moved to the plan's year, for the officer to replace with their own.

The text is what an administrative document says, in Vietnamese whatever the interface
language, so it is data here, not translations (like ``reports.document.NATIONAL_TITLE``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from hailong.reports.letterhead import chair_signer, committee_in_text
from hailong.units.models import AdministrativeUnit, UnitKind

TITLE = (
    "Tuyên truyền hoạt động khảo sát, xác định sự hài lòng của tổ chức, cá nhân đối với sự phục "
    "vụ hành chính năm {year}"
)
REFERENCES = [
    {
        "kind": "văn bản chỉ đạo",
        "number": "1732/UBND-NV",
        "month_day": (9, 20),
        "issuer": "{parent_committee}",
        "subject": "việc triển khai điều tra XHH phục vụ chấm chỉ số CCHC {kind} năm {year}",
    },
    {
        "kind": "Kế hoạch",
        "number": "60/KH-UBND",
        "month_day": (1, 30),
        "issuer": "{committee}",
        "subject": (
            "cải thiện, nâng cao chỉ số hài lòng về sự phục vụ hành chính (SIPAS) trên địa bàn "
            "{kind}"
        ),
    },
]
PREAMBLE = (
    "UBND {kind} xây dựng Kế hoạch tuyên truyền hoạt động khảo sát, xác định sự hài lòng của tổ "
    "chức, cá nhân đối với sự phục vụ hành chính năm {year} cụ thể như sau:"
)
PURPOSES = [
    "Tăng cường công tác thông tin, tuyên truyền nhằm nâng cao nhận thức, trách nhiệm cán bộ, "
    "công chức trong quá trình thực hiện giải quyết thủ tục hành chính. Nâng cao nhận thức về cải "
    "cách hành chính, tăng cường sự tham gia của người dân, doanh nghiệp và các tổ chức xã hội "
    "trong triển khai cải cách hành chính và giám sát quá trình thực hiện cải cách hành chính của "
    "cơ quan hành chính nhà nước.",
    "Tuyên truyền, phổ biến rộng rãi đến tận {group_word}, người dân về công tác tiếp nhận, giải "
    "quyết thủ tục hành chính (TTHC) tại Bộ phận Tiếp nhận và trả hồ sơ hành chính {committee}. "
    "Sự công khai, minh bạch, hiệu quả trong công tác giải quyết TTHC.",
]
REQUIREMENTS = [
    "Phổ biến, tuyên truyền kịp thời, đầy đủ, thường xuyên, liên tục, đa chiều, phù hợp với tính "
    "chất, đặc điểm của {kind} về các nội dung của phiếu khảo sát lấy ý kiến cá nhân, tổ chức về "
    "sự phục vụ hành chính của {kind}.",
    "Tuyên truyền các nội dung khảo sát đo lường gắn với kế hoạch cải cách hành chính nhà nước "
    "giai đoạn {reform_period} của UBND {kind}.",
    "Lồng ghép công tác thông tin, tuyên truyền các nội dung của phiếu khảo sát với việc tuyên "
    "truyền, phổ biến, giáo dục về các chủ trương, chính sách của Đảng, pháp luật của Nhà nước về "
    "cải cách hành chính.",
]
CONTENT_TOPICS = [
    "Tuyên truyền, phổ biến về các nội dung khảo sát, đo lường sự hài lòng của người dân về sự "
    "phục vụ hành chính của UBND {kind} đến người dân.",
    "Tuyên truyền vai trò, trách nhiệm của các cấp ủy đảng, của người đứng đầu cơ quan, người "
    "đứng đầu các tổ chức chính trị - xã hội, các đơn vị sự nghiệp công lập đối với việc triển "
    "khai thực hiện nhiệm vụ cải cách hành chính nói chung và giải quyết thủ tục hành chính nói "
    "riêng.",
    "Tình hình triển khai và kết quả, hiệu quả việc thực hiện cơ chế một cửa, cơ chế một cửa liên "
    "thông trong giải quyết thủ tục hành chính cho cá nhân, tổ chức.",
    "Quy định của pháp luật về mối quan hệ giữa Nhà nước và nhân dân; quyền, nghĩa vụ và trách "
    "nhiệm của cá nhân, tổ chức trong việc tham gia và giám sát tiến trình cải cách hành chính, "
    "xây dựng nền hành chính phục vụ, nền hành chính vì dân.",
]
CHANNEL_COORDINATOR = "bộ phận văn hóa thông tin {kind}"
CHANNEL_PARTNERS = "các ban, ngành, đoàn thể, {group_word}"
CHANNELS = [  # (channel registry key, phrase in the plan)
    ("loudspeaker", "phát thanh"),
    ("website", "đăng tải tin bài trên trang thông tin điện tử {kind}"),
    ("zalo", "nhóm Zalo của các đoàn thể chính trị - xã hội, {group_word}"),
    ("leaflet", "phát tờ rơi"),
    ("meeting", "lồng ghép trong các hội nghị"),
]
CHANNELS_CLOSING = (
    "về các nội dung lấy ý kiến khảo sát về sự hài lòng của người dân đối với sự phục vụ hành "
    "chính của {kind}. Vận động người dân tham gia đóng góp ý kiến, xây dựng nền hành chính của "
    "{kind} văn minh, hiệu quả."
)
ORGANISATION = [
    "Xây dựng và ban hành kế hoạch tuyên truyền nội dung khảo sát, lấy ý kiến của người dân về sự "
    "phục vụ hành chính của UBND {kind} và tổ chức triển khai thực hiện kế hoạch nghiêm túc, hiệu "
    "quả.",
    "Cải thiện, nâng cao hơn nữa chất lượng công tác thông tin, tuyên truyền cải cách hành chính "
    "trên các công cụ truyền thông của {kind}.",
]
EMULATION_LINK = (
    "Gắn công tác tuyên truyền đo lường sự hài lòng của người dân về sự phục vụ hành chính với "
    "công tác thi đua, khen thưởng trong hoạt động của cơ quan. Lồng ghép công tác tuyên truyền "
    "nội dung đo lường sự hài lòng của công dân vào công tác tuyên truyền Cải cách hành chính trên "
    "địa bàn {kind}."
)
ROUTINE = (
    "Duy trì 2 lần/ngày tuyên truyền về nội dung phiếu khảo sát lấy ý kiến của người dân về sự "
    "hài lòng đối với sự phục vụ hành chính của {kind} trên loa truyền thanh, đăng các bài tổng "
    "hợp, báo cáo kết quả về việc thực hiện khảo sát, đo lường sự hài lòng của người dân trên "
    "trang thông tin điện tử {kind}, trang Zalo của {kind}."
)
CLOSING = (
    "Trên đây là Kế hoạch Tuyên truyền hoạt động khảo sát, xác định sự hài lòng của tổ chức, cá "
    "nhân đối với sự phục vụ hành chính năm {year}, {committee} đề nghị các bộ phận liên quan "
    "nghiêm túc thực hiện./."
)
RECIPIENTS = [
    "{parent_committee}",
    "Thường trực Đảng ủy {kind}",
    "Chủ tịch, các Phó Chủ tịch UBND {kind}",
    "Ủy ban MTTQ và các đoàn thể {kind}",
    "Các bộ phận chuyên môn",
    "Các {group_word}",
    "Lưu: VT, VHTT",
]


def placeholders(unit: AdministrativeUnit, year: int) -> dict[str, str]:
    """The values the template's ``{…}`` stand for, for ``unit`` and ``year``."""
    parent = unit.parent
    return {
        "kind": unit.get_kind_display().lower(),
        "committee": committee_in_text(unit),
        "parent_committee": committee_in_text(parent) if parent is not None else "",
        "year": str(year),
        "reform_period": reform_period(year),
        "group_word": "tổ dân phố" if unit.kind == UnitKind.WARD else "thôn, tổ dân phố",
    }


def reform_period(year: int) -> str:
    """The five-year administrative reform programme the year belongs to: "2021 - 2025"."""
    first = 2021 + 5 * ((year - 2021) // 5)
    return f"{first} - {first + 4}"


def template_content(unit: AdministrativeUnit, year: int, issued_on: dt.date) -> dict[str, Any]:
    """Every content field of a new plan (``models.CONTENT_FIELDS``), filled from the seed."""
    values = placeholders(unit, year)

    def fill(text: str) -> str:
        return text.format(**values)

    signer = chair_signer(unit)
    return {
        "number": "",
        "symbol": "KH-UBND",
        "issued_on": issued_on,
        "period_start": issued_on,
        "period_end": dt.date(year, 12, 31),
        "title": fill(TITLE),
        "legal_references": [_reference(ref, year, fill) for ref in REFERENCES],
        "preamble": fill(PREAMBLE),
        "purposes": [fill(p) for p in PURPOSES],
        "requirements": [fill(r) for r in REQUIREMENTS],
        "content_topics": [fill(t) for t in CONTENT_TOPICS],
        "channel_coordinator": fill(CHANNEL_COORDINATOR),
        "channel_partners": fill(CHANNEL_PARTNERS),
        "channels": [{"kind": kind, "text": fill(text)} for kind, text in CHANNELS],
        "channels_closing": fill(CHANNELS_CLOSING),
        "organisation": [fill(p) for p in ORGANISATION],
        "emulation_link": fill(EMULATION_LINK),
        "routine": fill(ROUTINE),
        "closing": fill(CLOSING),
        "recipients": [r for r in (fill(line) for line in RECIPIENTS) if r],
        "signer_authority": list(signer.authority),
        "signer_name": signer.name,
    }


def _reference(ref: dict[str, Any], year: int, fill: Any) -> dict[str, str]:
    month, day = ref["month_day"]
    return {
        "kind": ref["kind"],
        "number": ref["number"],
        "date": dt.date(year, month, day).isoformat(),
        "issuer": fill(ref["issuer"]),
        "subject": fill(ref["subject"]),
    }
