"""The output formats, a registry: each says what it renders (a document or a table) and how.

To add a format: a ``ReportFormat`` choice in ``models.py``, an entry here, a test.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import IO, Any, Literal

from hailong.jobs.base import Progress
from hailong.reports import exports
from hailong.reports.document import AdminDocument
from hailong.reports.models import ReportFormat

Source = Literal["document", "table"]


@dataclass(frozen=True)
class OutputFormat:
    key: str
    extension: str
    content_type: str
    source: Source
    write: Callable[[Any, IO[bytes], Progress], None]


def _pdf(document: AdminDocument, out: IO[bytes], progress: Progress) -> None:
    from hailong.reports.pdf import pdf_render

    out.write(pdf_render(document))


def _docx(document: AdminDocument, out: IO[bytes], progress: Progress) -> None:
    from hailong.reports.word import docx_render

    out.write(docx_render(document))


FORMATS: dict[str, OutputFormat] = {
    ReportFormat.PDF: OutputFormat("pdf", "pdf", "application/pdf", "document", _pdf),
    ReportFormat.DOCX: OutputFormat(
        "docx",
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "document",
        _docx,
    ),
    ReportFormat.XLSX: OutputFormat(
        "xlsx",
        "xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "table",
        exports.xlsx_write,
    ),
    ReportFormat.CSV: OutputFormat("csv", "csv", "text/csv", "table", exports.csv_write),
}
