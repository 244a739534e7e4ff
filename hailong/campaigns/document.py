"""What a plan says, as one JSON snapshot, and as an administrative document (KẾ HOẠCH).

The same snapshot is frozen in every approved version and rendered here, so the live plan and
any approved version print through one path. Sentences are composed the way the seed document
writes them: "Thực hiện <căn cứ>; <căn cứ>, <câu mở đầu>" and "Giao <chủ trì> phối hợp với
<phối hợp> tổ chức các hình thức tuyên truyền phù hợp: <hình thức>, …… <câu kết>".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from hailong.campaigns.models import CONTENT_FIELDS
from hailong.reports.document import (
    AdminDocument,
    Block,
    BulletList,
    Heading,
    Paragraph,
    Signer,
    Table,
)
from hailong.reports.letterhead import letterhead

if TYPE_CHECKING:
    from hailong.campaigns.models import CampaignPlan

KIND = "KẾ HOẠCH"


def plan_snapshot(plan: CampaignPlan) -> dict[str, Any]:
    """The plan's content fields as JSON (dates as ISO strings)."""
    snapshot: dict[str, Any] = {}
    for name in CONTENT_FIELDS:
        value = getattr(plan, name)
        snapshot[name] = value.isoformat() if isinstance(value, dt.date) else value
    return snapshot


def citation_date(day: dt.date) -> str:
    """A date inside a citation, as the decree writes dates: ``20/9/2023``, ``30/01/2023``.

    Days under 10 and the months 1 and 2 take a leading zero; other months do not.
    """
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{day.day:02d}/{month}/{day.year}"


def reference_text(ref: dict[str, Any]) -> str:
    """``Kế hoạch số 60/KH-UBND ngày 30/01/2023 của UBND phường Vĩnh Phúc về …``."""
    parts = [str(ref.get("kind") or "").strip()]
    if ref.get("number"):
        parts.append(f"số {ref['number']}")
    if ref.get("date"):
        parts.append(f"ngày {citation_date(dt.date.fromisoformat(ref['date']))}")
    if ref.get("issuer"):
        parts.append(f"của {ref['issuer']}")
    if ref.get("subject"):
        parts.append(f"về {ref['subject']}")
    return " ".join(p for p in parts if p)


def preamble_text(content: dict[str, Any]) -> str:
    refs = [reference_text(r) for r in content.get("legal_references") or []]
    preamble = str(content.get("preamble") or "")
    if not refs:
        return preamble
    return f"Thực hiện {'; '.join(refs)}, {preamble}".strip().rstrip(",")


def channels_text(content: dict[str, Any]) -> str:
    phrases = [str(c.get("text") or "") for c in content.get("channels") or [] if c.get("text")]
    coordinator = content.get("channel_coordinator") or ""
    partners = content.get("channel_partners") or ""
    head = f"Giao {coordinator}" if coordinator else "Các bộ phận"
    if partners:
        head += f" phối hợp với {partners}"
    sentence = f"{head} tổ chức các hình thức tuyên truyền phù hợp: {', '.join(phrases)}…"
    closing = str(content.get("channels_closing") or "")
    return f"{sentence} {closing}".strip()


def plan_blocks(content: dict[str, Any], schedule: Table | None = None) -> list[Block]:
    """The body: preamble, I. MỤC ĐÍCH, YÊU CẦU, II. NỘI DUNG THỰC HIỆN, III. TỔ CHỨC THỰC HIỆN."""
    blocks: list[Block] = [Paragraph(preamble_text(content))]
    blocks += [Heading("Mục đích, yêu cầu"), Heading("Mục đích", level=2)]
    blocks += [Paragraph(p) for p in content.get("purposes") or []]
    blocks += [Heading("Yêu cầu", level=2), _items(content.get("requirements"))]
    blocks += [Heading("Nội dung thực hiện"), Heading("Nội dung tuyên truyền", level=2)]
    blocks += [_items(content.get("content_topics"))]
    blocks += [Heading("Hình thức tuyên truyền", level=2), Paragraph(channels_text(content))]
    blocks += [Heading("Tổ chức thực hiện")]
    blocks += [Paragraph(p) for p in content.get("organisation") or []]
    blocks += [
        Paragraph(str(content[name])) for name in ("emulation_link", "routine") if content.get(name)
    ]
    if schedule is not None:
        blocks += [Paragraph("Lịch thực hiện các hoạt động tuyên truyền như sau:"), schedule]
    if content.get("closing"):
        blocks.append(Paragraph(str(content["closing"])))
    return blocks


def _items(values: Sequence[str] | None) -> Block:
    return BulletList(tuple(values or ()), marker="-")


def schedule_table(rows: Sequence[tuple[str, str, str, str]]) -> Table | None:
    """TT / Hình thức / Hoạt động / Thời gian / Phụ trách, or ``None`` without activities."""
    if not rows:
        return None
    return Table(
        headers=("TT", "Hình thức", "Hoạt động", "Thời gian", "Phụ trách"),
        rows=tuple((str(i), *row) for i, row in enumerate(rows, start=1)),
        widths=(0.6, 2.4, 3.6, 4.2, 3.2),
        align=("center",),
    )


def plan_document(
    plan: CampaignPlan,
    content: dict[str, Any],
    schedule: Table | None = None,
) -> AdminDocument:
    """The plan as an administrative document, from ``content`` (a snapshot)."""
    head = letterhead(plan.unit)
    number = str(content.get("number") or "")
    return AdminDocument(
        issuing_body_parent=head.issuing_body_parent,
        issuing_body=head.issuing_body,
        number_symbol=f"{number or '      '}/{content.get('symbol') or 'KH-UBND'}",
        place=head.place,
        date=dt.date.fromisoformat(str(content["issued_on"])),
        kind=KIND,
        title=str(content.get("title") or ""),
        sections=plan_blocks(content, schedule),
        recipients=tuple(content.get("recipients") or ()),
        signer=Signer(
            authority=tuple(content.get("signer_authority") or ()),
            name=str(content.get("signer_name") or ""),
        ),
    )
