"""Annexes (Phụ lục) of an administrative document come after the signature, on a new page."""

from __future__ import annotations

import datetime as dt
import io

import docx
from docx.oxml.ns import qn

from hailong.reports.document import AdminDocument, Heading, Paragraph, Signer, Table
from hailong.reports.pdf import document_html
from hailong.reports.word import docx_render


def document(**changes: object) -> AdminDocument:
    data: dict[str, object] = {
        "issuing_body_parent": "UBND QUẬN BA ĐÌNH",
        "issuing_body": "UBND PHƯỜNG VĨNH PHÚC",
        "number_symbol": "Số:   /BC-UBND",
        "place": "Vĩnh Phúc",
        "date": dt.date(2023, 12, 15),
        "kind": "BÁO CÁO",
        "title": "Kết quả khảo sát",
        "sections": [Heading("Mục đích"), Paragraph("Nội dung.")],
        "recipients": ("Lưu: VT",),
        "signer": Signer(("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"), "Nguyễn Văn Hùng"),
        "annexes": [
            Heading("Phụ lục 1. Kết quả từng tiêu chí", numbered=False),
            Table(headers=("Mã", "Tỷ lệ"), rows=(("C1.1", "66,67"),)),
        ],
    }
    data.update(changes)
    return AdminDocument(**data)  # type: ignore[arg-type]


def test_the_html_puts_the_annexes_after_the_signature_on_a_new_page() -> None:
    html = document_html(document())
    assert html.index("Nguyễn Văn Hùng") < html.index("PHỤ LỤC 1. KẾT QUẢ TỪNG TIÊU CHÍ")
    assert 'class="content annexes"' in html
    assert ".annexes { page-break-before: always; }" in html


def test_a_document_without_annexes_has_no_annex_part() -> None:
    assert "annexes" not in document_html(document(annexes=())).split("</style>")[1]


def _text(element: object) -> str:
    """The text of a body element (python-docx's elements repeat text under ``itertext``)."""
    return "".join(t.text or "" for t in element.iter(qn("w:t")))  # type: ignore[attr-defined]


def test_the_docx_puts_the_annexes_after_the_closing_table_behind_a_page_break() -> None:
    word = docx.Document(io.BytesIO(docx_render(document())))
    body = list(word.element.body)
    closing = next(
        i for i, e in enumerate(body) if e.tag == qn("w:tbl") and "Nguyễn Văn Hùng" in _text(e)
    )
    rest = body[closing + 1 :]
    breaks = [e for e in rest if e.findall(".//" + qn("w:br"))]
    assert breaks
    assert breaks[0].findall(".//" + qn("w:br"))[0].get(qn("w:type")) == "page"
    texts = [_text(e) for e in rest]
    assert "PHỤ LỤC 1. KẾT QUẢ TỪNG TIÊU CHÍ" in texts
    assert word.tables[-1].rows[1].cells[0].text == "C1.1"
    assert rest[-1].tag == qn("w:sectPr")  # the section properties stay last
