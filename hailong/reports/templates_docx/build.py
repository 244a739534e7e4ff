"""Build ``admin_document.docx``: the Word template of the administrative document layout.

Run ``.venv/bin/python -m hailong.reports.templates_docx.build`` after changing this script and
commit the generated file. Staff may also open the committed ``.docx`` in Word and adjust fonts,
spacing or the rules, as long as the ``{{ … }}`` and ``{%p … %}`` tags stay intact.

What the template holds (Nghị định 30/2020/NĐ-CP, Phụ lục I):

- A4, margins top 2 cm, bottom 2 cm, left 3 cm, right 1.5 cm; the page number at the top
  centre from page 2 (a different first-page header);
- styles "VB …" in Times New Roman (Liberation Serif on Linux), body 14 pt justified with a
  1.27 cm first-line indent, headings, bullets, table text, recipients, signature;
- a borderless two-column masthead table: issuing body with a short rule under it, left; the
  national title and the motto with a rule as long as the motto, right; the number and the
  place and date on the second row;
- kind and title centred in bold with a short rule; ``{{p body }}`` where the renderer puts
  the body (built with python-docx, see ``hailong.reports.word``);
- a borderless closing table: "Nơi nhận:" and the recipients left, the signature block right.
"""

from __future__ import annotations

from pathlib import Path
from typing import cast

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Cm, Pt
from docx.styles.style import ParagraphStyle
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

OUTPUT = Path(__file__).with_name("admin_document.docx")
FONT = "Times New Roman"
TEXT_WIDTH_CM = 16.5
MASTHEAD_CM = (6.3, 10.2)
CLOSING_CM = (7.4, 9.1)
CENTER = WD_ALIGN_PARAGRAPH.CENTER
RULE_ATTRIBUTES = (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000"))
NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"

# (name, size pt, bold, italic, alignment, first-line indent cm, space before pt, keep with next)
PARAGRAPH_STYLES = [
    ("VB Nội dung", 14, False, False, WD_ALIGN_PARAGRAPH.JUSTIFY, 1.27, 6, False),
    ("VB Đề mục 1", 14, True, False, WD_ALIGN_PARAGRAPH.JUSTIFY, 1.27, 8, True),
    ("VB Đề mục 2", 14, True, False, WD_ALIGN_PARAGRAPH.JUSTIFY, 1.27, 8, True),
    ("VB Đề mục 3", 14, True, True, WD_ALIGN_PARAGRAPH.JUSTIFY, 1.27, 6, True),
    ("VB Gạch đầu dòng", 14, False, False, WD_ALIGN_PARAGRAPH.JUSTIFY, 1.27, 6, False),
    ("VB Bảng", 12, False, False, WD_ALIGN_PARAGRAPH.LEFT, 0, 0, False),
    ("VB Chú thích bảng", 13, True, False, CENTER, 0, 8, True),
    ("VB Biểu đồ", 14, False, False, CENTER, 0, 8, False),
    ("VB Đầu văn bản", 13, False, False, CENTER, 0, 0, False),
    ("VB Nơi nhận", 11, False, False, WD_ALIGN_PARAGRAPH.LEFT, 0, 0, False),
    ("VB Chữ ký", 14, True, False, CENTER, 0, 0, False),
]

# Children of <w:pPr> that must come after <w:pBdr> (WordprocessingML schema order).
_AFTER_BORDER = (
    "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
    "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi",
    "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
    "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
    "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr",
    "w:pPrChange",
)  # fmt: skip


def build(path: Path = OUTPUT) -> Path:
    """Write the template to ``path`` and return it."""
    document = Document()
    _page_setup(document)
    _styles(document)
    _masthead(document)
    _title(document)
    document.add_paragraph("{{p body }}", style="VB Nội dung")
    _closing(document)
    document.core_properties.title = "Văn bản hành chính (Nghị định 30/2020/NĐ-CP)"
    document.core_properties.author = "hailong"
    document.save(str(path))
    return path


def _page_setup(document: DocumentObject) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(1.5)
    section.header_distance, section.footer_distance = Cm(1), Cm(1)
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = CENTER
    _page_number(paragraph)


def _page_number(paragraph: Paragraph) -> None:
    """A PAGE field (Word and LibreOffice fill in the number), one run per field part."""
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = " PAGE "
    parts = [_field_char("begin"), instr, _field_char("separate"), None, _field_char("end")]
    for part in parts:
        run = paragraph.add_run("2" if part is None else None)
        run.font.size = Pt(13)
        if part is not None:
            run._r.append(part)


def _field_char(kind: str) -> BaseOxmlElement:
    element = OxmlElement("w:fldChar")
    element.set(qn("w:fldCharType"), kind)
    return element


def _styles(document: DocumentObject) -> None:
    normal = document.styles["Normal"]
    assert isinstance(normal, ParagraphStyle)
    _font(normal, 14)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.0
    for name, size, bold, italic, align, indent, before, keep in PARAGRAPH_STYLES:
        style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        assert isinstance(style, ParagraphStyle)
        style.base_style = normal
        style.quick_style = True
        _font(style, size, bold=bold, italic=italic)
        fmt = style.paragraph_format
        fmt.alignment = align
        fmt.first_line_indent = Cm(indent)
        fmt.space_before, fmt.space_after = Pt(before), Pt(0)
        fmt.keep_with_next = keep


def _font(style: ParagraphStyle, size: float, *, bold: bool = False, italic: bool = False) -> None:
    style.font.name = FONT
    style.font.size = Pt(size)
    style.font.bold, style.font.italic = bold, italic
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), FONT)
    language = OxmlElement("w:lang")
    language.set(qn("w:val"), "vi-VN")
    rpr.append(language)


def _masthead(document: DocumentObject) -> None:
    table = _borderless_table(document, rows=2, widths=MASTHEAD_CM)
    issuer, nation = table.rows[0].cells
    _line(issuer, "{{ issuing_body_parent }}", size=13, first=True)
    _line(issuer, "{{ issuing_body }}", size=13, bold=True)
    _rule(issuer, width_cm=2.3, column_cm=MASTHEAD_CM[0])
    _line(nation, NATIONAL_TITLE, size=12, bold=True, first=True)
    _line(nation, MOTTO, size=13, bold=True)
    _rule(nation, width_cm=5.7, column_cm=MASTHEAD_CM[1])
    number, place_date = table.rows[1].cells
    _line(number, "{{ number_line }}", size=13, first=True, before=6)
    _line(place_date, "{{ place_date }}", size=14, italic=True, first=True, before=6)


def _title(document: DocumentObject) -> None:
    kind = document.add_paragraph("{{ kind }}", style="VB Đầu văn bản")
    kind.paragraph_format.space_before = Pt(18)
    for paragraph in (kind, document.add_paragraph("{{ title }}", style="VB Đầu văn bản")):
        for run in paragraph.runs:
            run.font.size, run.font.bold = Pt(14), True
    rule = document.add_paragraph(style="VB Đầu văn bản")
    _as_rule(rule, width_cm=5.5, column_cm=TEXT_WIDTH_CM)
    rule.paragraph_format.space_after = Pt(10)


def _closing(document: DocumentObject) -> None:
    table = _borderless_table(document, rows=1, widths=CLOSING_CM)
    recipients, signer = table.rows[0].cells
    label = _line(recipients, "Nơi nhận:", size=12, bold=True, italic=True, first=True)
    label.paragraph_format.space_before = Pt(12)
    label.alignment = WD_ALIGN_PARAGRAPH.LEFT
    for text in ("{%p for line in recipients %}", "{{ line }}", "{%p endfor %}"):
        recipients.add_paragraph(text, style="VB Nơi nhận")
    first = signer.paragraphs[0]
    first.style = document.styles["VB Chữ ký"]
    first.paragraph_format.space_before = Pt(12)
    first.add_run("{%p for line in authority %}")
    for text in ("{{ line }}", "{%p endfor %}", "", "", "", "", "{{ signer_name }}"):
        signer.add_paragraph(text, style="VB Chữ ký")


def _borderless_table(document: DocumentObject, *, rows: int, widths: tuple[float, float]) -> Table:
    table = document.add_table(rows=rows, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Cm(width)
    return cast(Table, table)


def _line(
    cell: _Cell,
    text: str,
    *,
    size: float,
    bold: bool = False,
    italic: bool = False,
    first: bool = False,
    before: float = 0,
) -> Paragraph:
    paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
    paragraph.style = "VB Đầu văn bản"
    paragraph.paragraph_format.space_before = Pt(before)
    run = paragraph.add_run(text)
    run.font.size, run.font.bold, run.font.italic = Pt(size), bold, italic
    return cast(Paragraph, paragraph)


def _rule(cell: _Cell, *, width_cm: float, column_cm: float) -> None:
    _as_rule(cell.add_paragraph(style="VB Đầu văn bản"), width_cm=width_cm, column_cm=column_cm)


def _as_rule(paragraph: Paragraph, *, width_cm: float, column_cm: float) -> None:
    """An empty, tiny paragraph whose bottom border, between indents, is a centred rule."""
    side = Cm((column_cm - width_cm) / 2)
    fmt = paragraph.paragraph_format
    fmt.left_indent = fmt.right_indent = side
    fmt.first_line_indent = Cm(0)
    fmt.line_spacing = Pt(2)
    run = paragraph.add_run()
    run.font.size = Pt(2)
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for name, value in RULE_ATTRIBUTES:
        bottom.set(qn(name), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().insert_element_before(borders, *_AFTER_BORDER)


if __name__ == "__main__":
    print(build())
