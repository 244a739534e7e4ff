"""DOCX of the administrative document, opened back with python-docx."""

from __future__ import annotations

import io
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn

from hailong.reports.templates_docx import build
from hailong.reports.word import TEMPLATE, docx_render
from tests.test_reports_pdf import OFFICERS, sample_document


def rendered(*, chart: bool = False, decompose: bool = False) -> DocxDocument:
    data = docx_render(sample_document(chart=chart, decompose=decompose))
    return docx.Document(io.BytesIO(data))


def test_the_masthead_is_a_borderless_two_column_table() -> None:
    document = rendered()
    masthead = document.tables[0]

    issuer, nation = (cell.text for cell in masthead.rows[0].cells)
    number, place_date = (cell.text for cell in masthead.rows[1].cells)
    assert issuer.split("\n")[:2] == ["UBND QUẬN BA ĐÌNH", "UBND PHƯỜNG VĨNH PHÚC"]
    assert nation.split("\n")[:2] == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
    ]
    assert number == "Số: 125/KH-UBND"
    assert place_date == "Vĩnh Phúc, ngày 05 tháng 10 năm 2023"
    borders = masthead._tbl.tblPr.find(qn("w:tblBorders"))
    assert borders is not None
    assert {edge.get(qn("w:val")) for edge in borders} == {"nil"}


def test_kind_title_body_recipients_and_signature_are_in_order() -> None:
    document = rendered(decompose=True)
    texts = [p.text for p in document.paragraphs]

    assert texts[0:2] == ["KẾ HOẠCH", "Tuyên truyền hoạt động khảo sát sự hài lòng năm 2023"]
    assert "I. MỤC ĐÍCH, YÊU CẦU" in texts
    assert "1. Mục đích" in texts
    assert "- Phổ biến, tuyên truyền kịp thời." in texts
    recipients, signer = (cell.text for cell in document.tables[-1].rows[0].cells)
    assert recipients.split("\n") == ["Nơi nhận:", "- UBND quận Ba Đình;", "- Lưu: VT."]
    assert signer.split("\n")[:3] == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    assert signer.split("\n")[-1] == "Trần Thị Thu Hà"
    assert "{{" not in "".join(texts)
    assert "{%" not in "".join(texts)


def test_body_styles_come_from_the_template_in_times_new_roman() -> None:
    document = rendered()
    styles = {p.style.name for p in document.paragraphs if p.style is not None}

    assert {"VB Nội dung", "VB Đề mục 1", "VB Đề mục 2", "VB Gạch đầu dòng"} <= styles
    body = document.styles["VB Nội dung"]
    assert body.font.name == "Times New Roman"
    assert body.font.size.pt == 14


def test_a_body_table_has_a_repeated_header_row_and_every_officer() -> None:
    table = rendered().tables[1]

    assert [cell.text for cell in table.rows[0].cells] == ["TT", "Họ và tên"]
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert [row.cells[1].text for row in table.rows[1:]] == list(OFFICERS)


def test_the_page_is_a4_with_the_decree_margins_and_a_page_number_from_page_2() -> None:
    section = rendered().sections[0]

    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert [round(m.cm, 2) for m in margins] == [2.0, 2.0, 3.0, 1.5]
    assert section.different_first_page_header_footer
    header_xml = section.header._element.xml
    assert "PAGE" in header_xml


def test_a_chart_goes_in_as_a_png_with_its_alt_text() -> None:
    document = rendered(chart=True)

    shapes = document.inline_shapes
    assert len(shapes) == 1
    properties = shapes[0]._inline.docPr
    assert properties.get("title") == "Chỉ số hài lòng theo yếu tố"
    assert "Thủ tục hành chính (90,10%)" in properties.get("descr")
    image = document.part.related_parts[
        shapes[0]._inline.graphic.graphicData.pic.blipFill.blip.embed
    ]
    assert image.blob.startswith(b"\x89PNG")


def test_names_with_markup_characters_are_escaped_not_broken() -> None:
    base = sample_document()
    document = type(base)(**{**base.__dict__, "title": "Hội A & B <C>"})

    opened = docx.Document(io.BytesIO(docx_render(document)))

    assert opened.paragraphs[1].text == "Hội A & B <C>"


def test_the_committed_template_is_what_the_build_script_makes(tmp_path: Path) -> None:
    fresh = docx.Document(str(build.build(tmp_path / "t.docx")))
    committed = docx.Document(str(TEMPLATE))

    assert [p.text for p in fresh.paragraphs] == [p.text for p in committed.paragraphs]
    assert [c.text for c in fresh.tables[0]._cells] == [c.text for c in committed.tables[0]._cells]
    assert [c.text for c in fresh.tables[1]._cells] == [c.text for c in committed.tables[1]._cells]
