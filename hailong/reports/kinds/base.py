"""The interface every report kind implements."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from django.utils import timezone
from django.utils.text import slugify

from hailong.core.text import search_key
from hailong.reports.document import AdminDocument
from hailong.reports.exports import TableStream
from hailong.reports.formats import FORMATS

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

    from hailong.reports.models import ReportJob
    from hailong.units.models import AdministrativeUnit


class ReportKind:
    """A kind of report: what it is called, which formats it offers, and how it is built.

    A kind that offers PDF or DOCX implements ``document``; one that offers XLSX or CSV
    implements ``table`` (rows as a lazy iterator). ``build`` picks the one the job's format
    needs. Kinds read through selectors and never write.
    """

    key: ClassVar[str]
    label: ClassVar[StrOrPromise]
    slug: ClassVar[str]  # start of the download's file name
    formats: ClassVar[tuple[str, ...]]

    def available_for(self, unit: AdministrativeUnit) -> bool:
        return True

    def document(self, job: ReportJob) -> AdminDocument:
        raise NotImplementedError

    def table(self, job: ReportJob) -> TableStream:
        raise NotImplementedError

    def build(self, job: ReportJob) -> AdminDocument | TableStream:
        builders: dict[str, Callable[[ReportJob], AdminDocument | TableStream]] = {
            "document": self.document,
            "table": self.table,
        }
        return builders[FORMATS[job.format].source](job)

    def filename(self, job: ReportJob) -> str:
        """``danh-sach-can-bo-phuong-vinh-phuc-05-10-2023.pdf``: ASCII, for any browser."""
        day = timezone.localdate(job.created_at).strftime("%d-%m-%Y")
        unit = slugify(search_key(job.unit.name))
        return f"{self.slug}-{unit}-{day}.{FORMATS[job.format].extension}"
