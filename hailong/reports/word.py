"""DOCX of an administrative document: docxtpl for the frame, python-docx for the body.

Why both: the frame (page setup, page numbers, styles, the masthead with its rules, the title,
the recipients and the signature) is the same for every document and is what a ward wants to
adjust in Word, so it lives in an editable template, ``templates_docx/admin_document.docx``
(built by ``templates_docx/build.py``), filled with docxtpl's Jinja tags. The body varies in
shape (numbered headings at three levels, bullets, tables with any number of columns, charts),
which docxtpl's paragraph and row loops express poorly; it is written with python-docx into the
template's own document, with the template's "VB …" styles (restyling the template in Word
restyles the body too), then moved, as WordprocessingML, into the ``{{p body }}`` paragraph.
This is what docxtpl's ``Subdoc`` does, without its ``docxcompose`` dependency.

Charts go in as PNG with the chart's title and text alternative as the picture's alt text.
Annexes (Phụ lục) are written the same way and placed after the signature, behind a page break.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm
from lxml import etree

from hailong.reports.document import (
    AdminDocument,
    BulletList,
    ChartBlock,
    Heading,
    Paragraph,
    Table,
)

TEMPLATE = Path(__file__).parent / "templates_docx" / "admin_document.docx"
TEXT_WIDTH_CM = 16.5
CHART_DPI = 200
_ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
}


def docx_render(document: AdminDocument) -> bytes:
    """The document as DOCX bytes."""
    from docxtpl import DocxTemplate

    template = DocxTemplate(str(TEMPLATE))
    docx = template.get_docx()
    body = _body_xml(docx, document)
    annexes = _annex_elements(docx, document)
    template.render(_context(document, body), autoescape=True)
    _append_to_body(template.docx, annexes)
    properties = template.docx.core_properties
    properties.title = f"{document.kind} {document.title}"
    properties.author = document.issuing_body
    buffer = io.BytesIO()
    template.save(buffer)
    return buffer.getvalue()


class BodyXml:
    """WordprocessingML that docxtpl puts, unescaped, in place of the ``{{p body }}`` paragraph."""

    def __init__(self, xml: str) -> None:
        self.xml = xml

    def __str__(self) -> str:
        return self.xml

    def __html__(self) -> str:
        return self.xml


def _body_xml(docx: Any, document: AdminDocument) -> BodyXml:
    """1. Append the blocks to the template's document (styles and images resolve there).
    2. Detach what was appended (everything between the old content and ``sectPr``).
    3. Return it as XML for docxtpl to place.
    """
    added = _written(docx, document.outline())
    return BodyXml("".join(etree.tostring(e, encoding="unicode") for e in added))


def _written(docx: Any, outline: list[tuple[Any, str]], *, page_break: bool = False) -> list[Any]:
    """Write ``outline`` at the end of ``docx`` and detach it: the new body elements."""
    body = docx.element.body
    start = len(body) - 1  # the last child is the section properties
    if page_break:
        docx.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    for block, number in outline:
        WRITERS[type(block)](docx, block, number)
    added = list(body)[start:-1]
    for element in added:
        body.remove(element)
    return added


def _annex_elements(docx: Any, document: AdminDocument) -> list[Any]:
    """The annexes, written like the body, behind a page break (placed after the signature)."""
    if not document.annexes:
        return []
    return _written(docx, document.annex_outline(), page_break=True)


def _append_to_body(docx: Any, elements: list[Any]) -> None:
    """Put ``elements`` at the end of the rendered document, before its section properties."""
    body = docx.element.body
    for element in elements:
        body.insert(len(body) - 1, element)


def _context(document: AdminDocument, body: BodyXml) -> dict[str, Any]:
    return {
        "issuing_body_parent": document.issuing_body_parent,
        "issuing_body": document.issuing_body,
        "number_line": document.number_line,
        "place_date": document.place_date,
        "kind": document.kind,
        "title": document.title,
        "body": body,
        "recipients": document.recipient_lines,
        "authority": list(document.signer.authority),
        "signer_name": document.signer.name,
    }


def _heading(body: Any, block: Heading, number: str) -> None:
    level = min(max(block.level, 1), 3)
    text = f"{number} {block.display_text}" if number else block.display_text
    body.add_paragraph(text, style=f"VB Đề mục {level}")


def _paragraph(body: Any, block: Paragraph, number: str) -> None:
    paragraph = body.add_paragraph(style="VB Nội dung")
    run = paragraph.add_run(block.text)
    run.italic = block.italic or None
    if not block.indent:
        paragraph.paragraph_format.first_line_indent = Cm(0)


def _bullets(body: Any, block: BulletList, number: str) -> None:
    for item in block.items:
        body.add_paragraph(f"{block.marker} {item}", style="VB Gạch đầu dòng")


def _table(body: Any, block: Table, number: str) -> None:
    if block.caption:
        body.add_paragraph(block.caption, style="VB Chú thích bảng")
    table = body.add_table(rows=1 + len(block.rows), cols=len(block.headers))
    table.style = "Table Grid"
    table.autofit = False
    widths = [Cm(TEXT_WIDTH_CM * p / 100) for p in block.width_percents()]
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    _repeat_as_header(table.rows[0])
    for cell, header, width in zip(table.rows[0].cells, block.headers, widths, strict=True):
        _cell_text(cell, header, width, WD_ALIGN_PARAGRAPH.CENTER, bold=True)
    alignments = [_ALIGN[a] for a in block.column_alignments()]
    for row, values in zip(table.rows[1:], block.rows, strict=True):
        for cell, value, width, align in zip(row.cells, values, widths, alignments, strict=True):
            _cell_text(cell, value, width, align)


def _cell_text(cell: Any, text: str, width: Any, align: Any, *, bold: bool = False) -> None:
    cell.width = width
    paragraph = cell.paragraphs[0]
    paragraph.style = "VB Bảng"
    paragraph.alignment = align
    run = paragraph.add_run(text)
    run.bold = bold or None


def _repeat_as_header(row: Any) -> None:
    """Repeat the header row on every page the table runs over."""
    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(marker)


def _chart(body: Any, block: ChartBlock, number: str) -> None:
    paragraph = body.add_paragraph(style="VB Biểu đồ")
    png = io.BytesIO(block.chart.png(dpi=CHART_DPI))
    shape = paragraph.add_run().add_picture(png, width=Cm(min(block.width_cm, TEXT_WIDTH_CM)))
    properties = shape._inline.docPr
    properties.set("title", block.chart.title)
    properties.set("descr", block.chart.description)


WRITERS: dict[type, Callable[[Any, Any, str], None]] = {
    Heading: _heading,
    Paragraph: _paragraph,
    BulletList: _bullets,
    Table: _table,
    ChartBlock: _chart,
}
"""How each block kind is written; add a block kind here and a template in ``blocks/``."""
