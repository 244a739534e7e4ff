"""PDF of an administrative document: our HTML template and print CSS through WeasyPrint.

WeasyPrint shapes Vietnamese correctly with HarfBuzz (ReportLab misplaces the marks) and draws
inline SVG charts as vectors with real text. It fetches nothing: every resource is inline, and
the fetcher refuses any URL that is not a ``data:`` URL.
"""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string

from hailong.reports.document import MOTTO, NATIONAL_TITLE, RECIPIENTS_LABEL, AdminDocument

TEMPLATE = "reports/admin_document.html"


def document_html(document: AdminDocument) -> str:
    """The document as a standalone HTML page (also handy to preview in a browser)."""
    context = {
        "doc": document,
        "blocks": document.outline(),
        "annexes": document.annex_outline(),
        "recipients": document.recipient_lines,
        "national_title": NATIONAL_TITLE,
        "motto": MOTTO,
        "recipients_label": RECIPIENTS_LABEL,
    }
    return render_to_string(TEMPLATE, context)


def pdf_render(document: AdminDocument) -> bytes:
    """The document as PDF bytes (A4, Nghị định 30 layout)."""
    from weasyprint import HTML, URLFetcher

    fetcher: Any = URLFetcher(allowed_protocols=("data",))
    pdf: bytes = HTML(string=document_html(document), url_fetcher=fetcher).write_pdf()
    return pdf
