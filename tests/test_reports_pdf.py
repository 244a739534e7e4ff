"""PDF of the administrative document: text extracted back with pdftotext keeps every mark."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

from hailong.reports.document import (
    AdminDocument,
    BulletList,
    ChartBlock,
    Heading,
    Paragraph,
    Signer,
    Table,
)
from hailong.reports.pdf import document_html, pdf_render
from tests.test_reports_charts import bar

OFFICERS = ("Nguyễn Văn Hùng", "Trần Thị Thu Hà", "Đỗ Quang Huy", "Bùi Thị Hồng Nhung")
MUST_SURVIVE = (
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "UBND PHƯỜNG VĨNH PHÚC",
    "Vĩnh Phúc, ngày 05 tháng 10 năm 2023",
    "KẾ HOẠCH",
    "I. MỤC ĐÍCH, YÊU CẦU",
    "Nơi nhận:",
    "TM. ỦY BAN NHÂN DÂN",
    *OFFICERS,
)


def sample_document(*, decompose: bool = False, chart: bool = False) -> AdminDocument:
    def text(value: str) -> str:
        return unicodedata.normalize("NFD", value) if decompose else value

    sections = [
        Paragraph(text("Thực hiện văn bản chỉ đạo số 1732/UBND-NV ngày 20/9/2023.")),
        Heading(text("Mục đích, yêu cầu")),
        Heading(text("Mục đích"), level=2),
        BulletList((text("Phổ biến, tuyên truyền kịp thời."), text("Lồng ghép công tác."))),
        Table(
            headers=(text("TT"), text("Họ và tên")),
            rows=tuple((str(i), text(name)) for i, name in enumerate(OFFICERS, start=1)),
            caption=text("Cán bộ, công chức"),
            align=("center",),
        ),
    ]
    if chart:
        sections.append(ChartBlock(bar()))
    return AdminDocument(
        issuing_body_parent=text("UBND QUẬN BA ĐÌNH"),
        issuing_body=text("UBND PHƯỜNG VĨNH PHÚC"),
        number_symbol="Số: 125/KH-UBND",
        place=text("Vĩnh Phúc"),
        date=dt.date(2023, 10, 5),
        kind=text("KẾ HOẠCH"),
        title=text("Tuyên truyền hoạt động khảo sát sự hài lòng năm 2023"),
        sections=sections,
        recipients=(text("UBND quận Ba Đình"), text("Lưu: VT")),
        signer=Signer(
            authority=(text("TM. ỦY BAN NHÂN DÂN"), text("KT. CHỦ TỊCH"), text("PHÓ CHỦ TỊCH")),
            name=text("Trần Thị Thu Hà"),
        ),
    )


def pdftotext(pdf: bytes, tmp_path: Path, *, page: int | None = None) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    path = tmp_path / "out.pdf"
    path.write_bytes(pdf)
    pages = ["-f", str(page), "-l", str(page)] if page else []
    result = subprocess.run(
        ["pdftotext", "-layout", *pages, str(path), "-"],
        capture_output=True,
        check=True,
        text=True,
    )
    return result.stdout


@pytest.mark.parametrize("decompose", [False, True], ids=["nfc-input", "nfd-input"])
def test_every_diacritic_survives_into_the_pdf_text(decompose: bool, tmp_path: Path) -> None:
    pdf = pdf_render(sample_document(decompose=decompose))

    text = pdftotext(pdf, tmp_path)

    assert pdf.startswith(b"%PDF-")
    assert unicodedata.is_normalized("NFC", text)
    for expected in MUST_SURVIVE:
        assert expected in text, expected
    assert "- UBND quận Ba Đình;" in text
    assert "- Lưu: VT." in text


def test_the_html_has_the_two_column_masthead_and_the_closing_blocks() -> None:
    html = document_html(sample_document())

    assert html.index('class="issuer"') < html.index('class="nation"')
    assert '<td class="number">Số: 125/KH-UBND</td>' in html
    assert '<td class="place-date">Vĩnh Phúc, ngày 05 tháng 10 năm 2023</td>' in html
    assert html.index('class="recipients"') < html.index('class="signer"')
    assert '<p class="heading level-1">I. MỤC ĐÍCH, YÊU CẦU</p>' in html
    assert '<td class="center">1</td>' in html


def test_the_first_page_has_no_number_and_later_pages_do(tmp_path: Path) -> None:
    long = sample_document()
    filler = [Paragraph("Nội dung " * 60) for _ in range(12)]
    document = AdminDocument(**{**long.__dict__, "sections": [*long.sections, *filler]})

    pdf = pdf_render(document)

    first = pdftotext(pdf, tmp_path, page=1).strip().splitlines()
    second = pdftotext(pdf, tmp_path, page=2).strip().splitlines()
    assert first[0].strip() != "1"
    assert second[0].strip() == "2"


def test_a_chart_is_drawn_as_vector_text_in_the_pdf(tmp_path: Path) -> None:
    pdf = pdf_render(sample_document(chart=True))

    text = pdftotext(pdf, tmp_path)

    assert "Chỉ số hài lòng theo yếu tố" in text
    assert "90,10%" in text
